-- Aide & Support, schema version 6: rich text. Descriptions and comments keep their plain text in
-- description / body (search, CSV, e-mail text parts, desks, the news feed use it) and, when they were
-- written in a rich-text editor, the sanitised HTML beside it (NULL for plain text).
-- Keep in step with ../mariadb/V6__rich_text.sql.

ALTER TABLE support_tickets ADD COLUMN description_html TEXT;
ALTER TABLE support_comments ADD COLUMN body_html TEXT;

-- Aide & Support, schema version 6: rich text (see ../postgresql/V6__rich_text.sql).

ALTER TABLE support_tickets ADD COLUMN description_html MEDIUMTEXT;
ALTER TABLE support_comments ADD COLUMN body_html MEDIUMTEXT;

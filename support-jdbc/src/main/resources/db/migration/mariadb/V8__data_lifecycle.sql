-- Aide & Support, schema version 8: data lifecycle (GDPR): the log of data-protection operations, the key
-- of anonymised ids, and the indexes that find one person's rows (MariaDB 10.6+, MySQL 8).
-- Keep in step with ../postgresql/V8__data_lifecycle.sql.

-- One row per data-protection operation: who, when, which operation and how many rows per kind. Never what
-- was erased: no person's id, no name, no content, no ticket id.
CREATE TABLE support_lifecycle_log (
    id           BIGINT NOT NULL AUTO_INCREMENT,
    operation    VARCHAR(32) NOT NULL,
    actor        VARCHAR(255) NOT NULL,
    occurred_at  DATETIME(6) NOT NULL,
    row_count    BIGINT NOT NULL,
    details      VARCHAR(1000) NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT support_lifecycle_log_rows_ck CHECK (row_count >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX support_lifecycle_log_occurred_ix ON support_lifecycle_log (occurred_at);

-- The secret key of anonymised ids (HMAC-SHA256 of the user id). One row (singleton = 1).
CREATE TABLE support_lifecycle_key (
    singleton   SMALLINT NOT NULL,
    secret      VARCHAR(64) NOT NULL,
    created_at  DATETIME(6) NOT NULL,
    PRIMARY KEY (singleton),
    CONSTRAINT support_lifecycle_key_singleton_ck CHECK (singleton = 1)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- One person's rows, for anonymisation and export.
CREATE INDEX support_comments_author_ix ON support_comments (author, id);
CREATE INDEX support_events_actor_ix ON support_events (actor, id);
CREATE INDEX support_attachments_uploader_ix ON support_attachments (uploader, id);
CREATE INDEX support_feed_actor_ix ON support_feed (actor_id, id);
CREATE INDEX support_tickets_escalated_by_ix ON support_tickets (escalated_by);
-- Orphan content: is a storage key still referenced? (a prefix: the column is 1024 characters wide)
CREATE INDEX support_attachments_storage_key_ix ON support_attachments (storage_key(191));

-- Aide & Support, schema version 9: idempotency keys of changes to a ticket (MariaDB 10.6+, MySQL 8).
-- Keep in step with ../postgresql/V9__idempotency_keys.sql.

-- One row per comment, status change, attachment upload or escalation made with a client's idempotency key,
-- written in the transaction of the change: a retry with the same key (after a commit whose outcome was lost)
-- finds it and answers with the first result instead of writing twice. The key is scoped by who made the
-- change, the operation and the ticket; fingerprint is the SHA-256 (hex) of the request's content, so the key
-- is refused for a different request; result is what the change produced (a comment id, a ticket version,
-- attachment ids), in the library's own format. The rows go with their ticket. The unique key starts with
-- ticket_id, so it also serves the foreign key.
CREATE TABLE support_idempotency (
    id           BIGINT NOT NULL AUTO_INCREMENT,
    actor        VARCHAR(255) NOT NULL,
    operation    VARCHAR(32) NOT NULL,
    ticket_id    BIGINT NOT NULL,
    idem_key     VARCHAR(255) NOT NULL,
    fingerprint  VARCHAR(64) NOT NULL,
    result       VARCHAR(2000) NOT NULL,
    created_at   DATETIME(6) NOT NULL,
    PRIMARY KEY (id), -- MariaDB names every primary key PRIMARY (support_idempotency_pk on PostgreSQL)
    CONSTRAINT support_idempotency_uq UNIQUE (ticket_id, actor, operation, idem_key),
    CONSTRAINT support_idempotency_ticket_fk FOREIGN KEY (ticket_id) REFERENCES support_tickets (id)
        ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

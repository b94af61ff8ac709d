-- Aide & Support, schema version 2: the outbox, the in-app news feed and the desk synchroniser
-- (MariaDB 10.6+, MySQL 8). Keep in step with ../postgresql/V2__outbox_feed_desk_sync.sql.

-- One row per (notification, notifier) or desk command, written in the transaction of the change.
-- state: 1 pending, 2 delivered, 3 dead. A relay claims a row by leasing it (lease_owner, lease_until).
CREATE TABLE support_outbox (
    id           VARCHAR(36) NOT NULL,
    channel      VARCHAR(100) NOT NULL,
    kind         VARCHAR(50) NOT NULL,
    ticket_id    BIGINT NOT NULL,
    payload      TEXT NOT NULL,
    created_at   DATETIME(6) NOT NULL,
    due_at       DATETIME(6) NOT NULL,
    attempts     INTEGER NOT NULL,
    state        SMALLINT NOT NULL,
    last_error   TEXT,
    lease_owner  VARCHAR(100),
    lease_until  DATETIME(6),
    PRIMARY KEY (id),
    CONSTRAINT support_outbox_state_ck CHECK (state BETWEEN 1 AND 3)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
-- The relay's claim: pending rows by due time.
CREATE INDEX support_outbox_due_ix ON support_outbox (state, due_at);
-- The operator's list of dead rows, oldest first.
CREATE INDEX support_outbox_created_ix ON support_outbox (state, created_at);

-- The in-app news feed ("fil de nouveautés"): one entry per (recipient, notification).
CREATE TABLE support_feed (
    id               BIGINT NOT NULL AUTO_INCREMENT,
    recipient        VARCHAR(255) NOT NULL,
    notification_id  VARCHAR(36) NOT NULL,
    type             VARCHAR(64) NOT NULL,
    ticket_id        BIGINT NOT NULL,
    actor_id         VARCHAR(255) NOT NULL,
    actor_name       TEXT NOT NULL,
    school           VARCHAR(255) NOT NULL,
    school_name      TEXT,
    occurred_at      DATETIME(6) NOT NULL,
    -- a JSON object of strings, rendered in the reader's language at read time
    parameters       TEXT NOT NULL,
    link             VARCHAR(2048) NOT NULL,
    read_at          DATETIME(6),
    PRIMARY KEY (id),
    -- a notification delivered twice makes one entry
    CONSTRAINT support_feed_notification_uq UNIQUE (recipient, notification_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX support_feed_recipient_ix ON support_feed (recipient, id);
CREATE INDEX support_feed_unread_ix ON support_feed (recipient, read_at);

-- One row per desk: the persisted cursor and the lease of the node that polls it.
CREATE TABLE support_desk_sync (
    desk          VARCHAR(100) NOT NULL,
    cursor_value  TEXT,
    lease_owner   VARCHAR(100),
    lease_until   DATETIME(6),
    last_poll     DATETIME(6),
    PRIMARY KEY (desk)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Desk issues whose import failed: read again on the next poll, so the cursor can move on.
CREATE TABLE support_desk_resync (
    desk         VARCHAR(100) NOT NULL,
    external_id  VARCHAR(255) NOT NULL,
    since        DATETIME(6) NOT NULL,
    PRIMARY KEY (desk, external_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The desk's status as last read: a desk status is applied only when it changes.
ALTER TABLE support_tickets ADD COLUMN desk_status VARCHAR(100);

-- The synchroniser finds a ticket by its desk issue.
CREATE INDEX support_tickets_desk_issue_ix ON support_tickets (desk, desk_issue_id);

-- Aide & Support, schema version 1: tickets and what hangs off them (MariaDB 10.6+, MySQL 8).
-- Keep in step with ../postgresql/V1__tickets.sql: same tables, columns and Java types.
-- Every name starts with support_ and every constraint is named (jOOQ generates from this file).
-- Statuses are stored as their codes (TicketStatus / EscalationStatus), never as ordinals.

CREATE TABLE support_tickets (
    id                 BIGINT NOT NULL AUTO_INCREMENT,
    owner              VARCHAR(255) NOT NULL,
    owner_name         TEXT NOT NULL,
    school             VARCHAR(255) NOT NULL,
    category           VARCHAR(255) NOT NULL,
    subject            VARCHAR(255) NOT NULL,
    description        TEXT NOT NULL,
    status             SMALLINT NOT NULL,
    escalation_status  SMALLINT NOT NULL,
    created            DATETIME(6) NOT NULL,
    modified           DATETIME(6) NOT NULL,
    status_changed     DATETIME(6) NOT NULL,
    version            BIGINT NOT NULL,
    locale             VARCHAR(64) NOT NULL,
    comment_count      INTEGER NOT NULL,
    attachment_count   INTEGER NOT NULL,
    idempotency_key    VARCHAR(255),
    escalated_by       VARCHAR(255),
    escalated_at       DATETIME(6),
    desk               VARCHAR(255),
    desk_issue_id      VARCHAR(255),
    desk_issue_url     VARCHAR(2048),
    last_sync          DATETIME(6),
    escalation_failure TEXT,
    -- SearchText.document(subject, description, owner_name): lower case, no accents
    search_text        TEXT NOT NULL,
    PRIMARY KEY (id), -- MariaDB names every primary key PRIMARY (support_tickets_pk on PostgreSQL)
    CONSTRAINT support_tickets_idempotency_uq UNIQUE (owner, idempotency_key),
    CONSTRAINT support_tickets_status_ck CHECK (status BETWEEN 1 AND 5),
    CONSTRAINT support_tickets_escalation_status_ck CHECK (escalation_status BETWEEN 1 AND 4)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The default list of a local admin: one ordered range per school, merged (newest first).
CREATE INDEX support_tickets_school_modified_ix ON support_tickets (school, modified, id);
-- Lists filtered by status (one range per school and status) and counts per status.
CREATE INDEX support_tickets_school_status_ix ON support_tickets (school, status, modified, id);
CREATE INDEX support_tickets_school_created_ix ON support_tickets (school, created, id);
CREATE INDEX support_tickets_school_id_ix ON support_tickets (school, id);
-- A requester's own tickets, in any school.
CREATE INDEX support_tickets_owner_modified_ix ON support_tickets (owner, modified, id);
-- Platform-wide lists (platform admins).
CREATE INDEX support_tickets_modified_ix ON support_tickets (modified, id);
-- Auto-close: RESOLVED tickets by the time their status changed.
CREATE INDEX support_tickets_status_changed_ix ON support_tickets (status, status_changed, id);

CREATE TABLE support_comments (
    id           BIGINT NOT NULL AUTO_INCREMENT,
    ticket_id    BIGINT NOT NULL,
    author       VARCHAR(255) NOT NULL,
    author_name  TEXT NOT NULL,
    body         TEXT NOT NULL,
    created      DATETIME(6) NOT NULL,
    origin       VARCHAR(16) NOT NULL,
    external_id  VARCHAR(255),
    PRIMARY KEY (id), -- MariaDB names every primary key PRIMARY (support_comments_pk on PostgreSQL)
    CONSTRAINT support_comments_ticket_fk FOREIGN KEY (ticket_id) REFERENCES support_tickets (id),
    -- desk imports are idempotent: one external id per ticket
    CONSTRAINT support_comments_external_id_uq UNIQUE (ticket_id, external_id),
    CONSTRAINT support_comments_origin_ck CHECK (origin IN ('LOCAL', 'DESK'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX support_comments_ticket_ix ON support_comments (ticket_id, created, id);

CREATE TABLE support_events (
    id          BIGINT NOT NULL AUTO_INCREMENT,
    ticket_id   BIGINT NOT NULL,
    actor       VARCHAR(255),
    type        VARCHAR(64) NOT NULL,
    created     DATETIME(6) NOT NULL,
    -- a JSON object of strings, rendered in the reader's language at read time
    parameters  TEXT NOT NULL,
    PRIMARY KEY (id), -- MariaDB names every primary key PRIMARY (support_events_pk on PostgreSQL)
    CONSTRAINT support_events_ticket_fk FOREIGN KEY (ticket_id) REFERENCES support_tickets (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX support_events_ticket_ix ON support_events (ticket_id, created, id);

CREATE TABLE support_attachments (
    id           BIGINT NOT NULL AUTO_INCREMENT,
    ticket_id    BIGINT NOT NULL,
    comment_id   BIGINT,
    file_name    VARCHAR(1024) NOT NULL,
    media_type   VARCHAR(255) NOT NULL,
    byte_size    BIGINT NOT NULL,
    storage_key  VARCHAR(1024) NOT NULL,
    uploader     VARCHAR(255) NOT NULL,
    created      DATETIME(6) NOT NULL,
    origin       VARCHAR(16) NOT NULL,
    PRIMARY KEY (id), -- MariaDB names every primary key PRIMARY (support_attachments_pk on PostgreSQL)
    CONSTRAINT support_attachments_ticket_fk FOREIGN KEY (ticket_id) REFERENCES support_tickets (id),
    CONSTRAINT support_attachments_comment_fk FOREIGN KEY (comment_id) REFERENCES support_comments (id),
    CONSTRAINT support_attachments_origin_ck CHECK (origin IN ('LOCAL', 'DESK'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX support_attachments_ticket_ix ON support_attachments (ticket_id, created, id);

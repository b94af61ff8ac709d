-- Aide & Support, schema version 7: the installation id and the import state of desk files
-- (PostgreSQL; H2 in PostgreSQL mode). Keep in step with ../mariadb/V7__installation_and_desk_files.sql.

-- The id of this installation of the library, generated on the first start with a support desk and kept:
-- the desk connectors write it into their markers so that platforms sharing a desk never take each
-- other's issues. One row (singleton = 1).
CREATE TABLE support_installation (
    singleton        SMALLINT NOT NULL,
    installation_id  VARCHAR(16) NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT support_installation_pk PRIMARY KEY (singleton),
    CONSTRAINT support_installation_singleton_ck CHECK (singleton = 1)
);

-- One row per file of a desk comment: imported exactly once, a failed download tried again on later polls
-- until it succeeds or the desk says it will never give it. state: 1 pending, 2 imported, 3 unavailable.
CREATE TABLE support_desk_files (
    desk        VARCHAR(100) NOT NULL,
    file_id     VARCHAR(255) NOT NULL,
    ticket_id   BIGINT NOT NULL,
    file_name   VARCHAR(255) NOT NULL,
    state       SMALLINT NOT NULL,
    attempts    INTEGER NOT NULL,
    last_error  TEXT,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT support_desk_files_pk PRIMARY KEY (desk, file_id),
    CONSTRAINT support_desk_files_ticket_fk FOREIGN KEY (ticket_id) REFERENCES support_tickets (id)
        ON DELETE CASCADE,
    CONSTRAINT support_desk_files_state_ck CHECK (state BETWEEN 1 AND 3),
    CONSTRAINT support_desk_files_attempts_ck CHECK (attempts >= 0)
);
CREATE INDEX support_desk_files_ticket_ix ON support_desk_files (ticket_id);

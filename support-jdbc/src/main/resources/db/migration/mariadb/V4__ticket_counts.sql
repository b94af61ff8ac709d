-- Aide & Support, schema version 4: the number of tickets per (school, status), for counts per status
-- (MariaDB/MySQL). Keep in step with ../postgresql/V4__ticket_counts.sql.
--
-- JdbcTicketStore keeps it exact in the transaction of every change: inserting a ticket adds one to
-- its (school, status); an update that moves a ticket to another school or status takes one from
-- the old pair and adds one to the new (UPDATE ... SET n = n + 1, so that the row locks serialise
-- concurrent changes; the two rows are always locked in (school, status) order, so no deadlock).
-- Counts per status of whole schools (no owner restriction, no search words) read these rows
-- instead of the tickets. Whoever writes support_tickets without the library (bulk loads, manual
-- fixes) must rebuild it: DELETE FROM support_ticket_counts; then the INSERT ... SELECT below.
CREATE TABLE support_ticket_counts (
    school  VARCHAR(255) NOT NULL,
    status  SMALLINT NOT NULL,
    n       BIGINT NOT NULL,
    CONSTRAINT support_ticket_counts_pk PRIMARY KEY (school, status),
    CONSTRAINT support_ticket_counts_status_ck CHECK (status BETWEEN 1 AND 5)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

INSERT INTO support_ticket_counts (school, status, n)
    SELECT school, status, COUNT(*) FROM support_tickets GROUP BY school, status;

-- Aide & Support, schema version 6.1: a subject or category of 255 characters fits on every database.
-- The library counts lengths in characters (code points) and refuses more than 255 before it writes.
-- PostgreSQL's VARCHAR(255) counts code points too, but H2 (which runs this folder) counts UTF-16 units,
-- so 255 emoji (510 units) failed there: 510 units hold any 255 code points. Widening a VARCHAR is a
-- catalogue-only change on PostgreSQL. MariaDB counts characters already (../mariadb/V6_1: nothing to do).

ALTER TABLE support_tickets ALTER COLUMN subject SET DATA TYPE VARCHAR(510);
ALTER TABLE support_tickets ALTER COLUMN category SET DATA TYPE VARCHAR(510);

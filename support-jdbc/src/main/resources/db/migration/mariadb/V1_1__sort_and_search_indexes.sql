-- Aide & Support, schema version 1.1 (MariaDB/MySQL): the sort-by-subject index.
-- On PostgreSQL and H2 this version is a Java migration (V1_1__SortAndSearchIndexes): PostgreSQL
-- needs COLLATE "C" for code-point order and a pg_trgm index for search.
-- Text search on MariaDB has no index of its own: InnoDB full-text indexes match whole words, not
-- the substrings the search promises, so the search filters the rows of the per-school index ranges.
-- The columns use utf8mb4_bin, so this index sorts subjects by code point.
CREATE INDEX support_tickets_school_subject_ix ON support_tickets (school, subject, id);

-- Aide & Support, schema version 4.1 (MariaDB/MySQL): nothing to do.
-- On PostgreSQL this version (V4_1__SchoolSearchIndex, a Java migration) replaces the trigram index
-- with a GIN index on (ARRAY[school], search_text); MariaDB has no search index (see V1_1), so this
-- version only keeps the schema versions of the two folders in step.
DO 0;

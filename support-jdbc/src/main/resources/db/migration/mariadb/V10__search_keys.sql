-- Aide & Support, schema version 10 (MariaDB/MySQL): nothing to do.
-- On PostgreSQL this version (V10__SearchKeys, a Java migration) adds the index of a school's
-- three-character windows of the searchable text; MariaDB has no search index (see V1_1), so this
-- version only keeps the schema versions of the two folders in step.
DO 0;

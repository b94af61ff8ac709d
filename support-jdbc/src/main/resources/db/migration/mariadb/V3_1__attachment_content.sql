-- Aide & Support, schema version 3.1: the content of attached files, for the database attachment store
-- (MariaDB 10.6+, MySQL 8). Keep in step with ../postgresql/V3_1__attachment_content.sql.
--
-- A file is one header row and its bytes in chunks of at most 256 KB, so that neither the library nor
-- the driver ever holds a whole file in memory (and each row stays far below max_allowed_packet).

-- One row per stored file. It is written first (complete = false), the chunks follow, and it is marked
-- complete with its size, digest and chunk count at the end: only complete files can be read. A row left
-- incomplete by a crash is removed by JdbcAttachmentStore.deleteIncomplete(startedBefore).
CREATE TABLE support_attachment_content (
    storage_key   VARCHAR(64) NOT NULL,
    complete      BOOLEAN NOT NULL,
    byte_size     BIGINT NOT NULL,
    chunk_count   INTEGER NOT NULL,
    -- 64 lower-case hexadecimal digits once complete
    sha256        VARCHAR(64),
    started_at    DATETIME(6) NOT NULL,
    PRIMARY KEY (storage_key), -- MariaDB names every primary key PRIMARY (support_attachment_content_pk on PostgreSQL)
    CONSTRAINT support_attachment_content_size_ck CHECK (byte_size >= 0 AND chunk_count >= 0),
    CONSTRAINT support_attachment_content_complete_ck CHECK (complete = FALSE OR sha256 IS NOT NULL)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
-- Finding what a crash left behind.
CREATE INDEX support_attachment_content_incomplete_ix ON support_attachment_content (complete, started_at);

-- The bytes: chunk seq (0, 1, 2, ...) of a file; every chunk but the last is full.
CREATE TABLE support_attachment_chunks (
    storage_key   VARCHAR(64) NOT NULL,
    seq           INTEGER NOT NULL,
    data          MEDIUMBLOB NOT NULL,
    PRIMARY KEY (storage_key, seq), -- MariaDB names every primary key PRIMARY (support_attachment_chunks_pk on PostgreSQL)
    CONSTRAINT support_attachment_chunks_content_fk FOREIGN KEY (storage_key)
        REFERENCES support_attachment_content (storage_key) ON DELETE CASCADE,
    CONSTRAINT support_attachment_chunks_seq_ck CHECK (seq >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

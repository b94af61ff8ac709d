-- Aide & Support, schema version 6.1 (see ../postgresql/V6_1__limits_in_code_points.sql): MariaDB's
-- VARCHAR(255) in utf8mb4 already counts characters, so 255 emoji fit and there is nothing to change.
SELECT 1;

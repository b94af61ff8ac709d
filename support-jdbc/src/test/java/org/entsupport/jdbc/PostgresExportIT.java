package org.entsupport.jdbc;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link ExportBehaviour} on PostgreSQL. */
class PostgresExportIT extends ExportBehaviour {

    private static TestDatabase db;

    @BeforeAll
    static void start() {
        db = TestDatabase.postgres();
    }

    @AfterAll
    static void stop() {
        if (db != null) {
            db.close();
        }
    }

    @Override
    protected TestDatabase db() {
        return db;
    }
}

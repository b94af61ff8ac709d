package org.entsupport.jdbc;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link ExportBehaviour} on MariaDB. */
class MariaDbExportIT extends ExportBehaviour {

    private static TestDatabase db;

    @BeforeAll
    static void start() {
        db = TestDatabase.mariadb();
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

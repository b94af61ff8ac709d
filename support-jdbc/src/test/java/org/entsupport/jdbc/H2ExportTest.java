package org.entsupport.jdbc;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link ExportBehaviour} on H2. */
class H2ExportTest extends ExportBehaviour {

    private static TestDatabase db;

    @BeforeAll
    static void start() {
        db = TestDatabase.h2();
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

package org.entsupport.jdbc;

import org.entsupport.core.spi.TicketStore;
import org.entsupport.tck.IdempotentChangesContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The JDBC store meets the contract of idempotency keys on changes on embedded H2 (PostgreSQL mode), in a schema of its own. */
class H2IdempotentChangesContractTest extends IdempotentChangesContract {

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
    protected TicketStore createStore() {
        db.clear();
        return db.jdbc.store();
    }
}

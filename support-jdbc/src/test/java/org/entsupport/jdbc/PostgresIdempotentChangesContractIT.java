package org.entsupport.jdbc;

import org.entsupport.core.spi.TicketStore;
import org.entsupport.tck.IdempotentChangesContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The JDBC store meets the contract of idempotency keys on changes on PostgreSQL, in a schema of its own. */
class PostgresIdempotentChangesContractIT extends IdempotentChangesContract {

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
    protected TicketStore createStore() {
        db.clear();
        return db.jdbc.store();
    }
}

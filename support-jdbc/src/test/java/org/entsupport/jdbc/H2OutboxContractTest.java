package org.entsupport.jdbc;

import org.entsupport.core.spi.TicketStore;
import org.entsupport.tck.OutboxStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The JDBC store's outbox meets the outbox contract on H2, in a schema of its own. */
class H2OutboxContractTest extends OutboxStoreContract {

    private static TestDatabase db;

    @BeforeAll
    static void start() {
        db = TestDatabase.h2();
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @Override
    protected TicketStore createStore() {
        db.clear();
        return db.jdbc.store();
    }
}

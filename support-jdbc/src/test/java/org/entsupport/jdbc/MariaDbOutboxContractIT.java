package org.entsupport.jdbc;

import org.entsupport.core.spi.TicketStore;
import org.entsupport.tck.OutboxStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The JDBC store's outbox meets the outbox contract on MariaDb, in a schema of its own. */
class MariaDbOutboxContractIT extends OutboxStoreContract {

    private static TestDatabase db;

    @BeforeAll
    static void start() {
        db = TestDatabase.mariadb();
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

package org.entsupport.jdbc;

import org.entsupport.core.spi.TicketStore;
import org.entsupport.tck.OutboxStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The JDBC store's outbox meets the outbox contract on Postgres, in a schema of its own. */
class PostgresOutboxContractIT extends OutboxStoreContract {

    private static TestDatabase db;

    @BeforeAll
    static void start() {
        db = TestDatabase.postgres();
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

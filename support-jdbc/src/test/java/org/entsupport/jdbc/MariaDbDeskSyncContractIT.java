package org.entsupport.jdbc;

import org.entsupport.core.spi.TicketStore;
import org.entsupport.tck.DeskSyncStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The JDBC store's desk-synchroniser state meets its contract on MariaDb, in a schema of its own. */
class MariaDbDeskSyncContractIT extends DeskSyncStoreContract {

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

package org.entsupport.jdbc;

import java.time.Clock;
import java.util.List;
import org.entsupport.core.attachment.AttachmentStore;
import org.entsupport.core.spi.TicketStore;
import org.entsupport.notify.Notifier;
import org.entsupport.tck.LifecycleStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The JDBC store's lifecycle meets the lifecycle contract on PostgreSQL, in a schema of its own, with the
 * database attachment store and the news feed.
 */
class PostgresLifecycleContractIT extends LifecycleStoreContract {

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

    @Override
    protected AttachmentStore createAttachmentStore(Clock clock) {
        return db.jdbc.attachmentStore();
    }

    @Override
    protected List<Notifier> storeNotifiers(TicketStore store) {
        return List.of(db.jdbc.newsFeed());
    }
}

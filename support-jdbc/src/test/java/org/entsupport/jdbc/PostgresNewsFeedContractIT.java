package org.entsupport.jdbc;

import java.util.List;
import java.util.UUID;
import org.entsupport.notify.Notifier;
import org.entsupport.tck.NotifierContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** The news feed keeps the notifier contract on PostgreSQL, in a schema of its own. */
class PostgresNewsFeedContractIT extends NotifierContract {

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

    @BeforeEach
    void emptyFeed() {
        db.clear();
    }

    @Override
    protected Notifier createNotifier() {
        return db.jdbc.newsFeed();
    }

    @Override
    protected List<UUID> deliveredIds() {
        return FeedRows.notificationIds(db);
    }
}

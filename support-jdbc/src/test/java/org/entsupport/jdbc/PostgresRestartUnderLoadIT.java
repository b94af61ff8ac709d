package org.entsupport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.entsupport.core.StoreException;
import org.entsupport.core.StoreUnavailableException;
import org.entsupport.core.outbox.OutboxDraft;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The database drops every connection of the library's pool, again and again, under load (as a restart
 * does; done with pg_terminate_backend so the shared server keeps running): every call either succeeds
 * or fails clearly with a StoreException, none hangs, and the store resumes by itself.
 */
class PostgresRestartUnderLoadIT {

    private static final String APP = "support_restart_it";

    private TestDatabase db;
    private SupportJdbc jdbc;

    @BeforeEach
    void setUp() {
        db = TestDatabase.postgres();
        String url = db.url + (db.url.contains("?") ? "&" : "?") + "ApplicationName=" + APP;
        jdbc = SupportJdbc.builder()
                .jdbcUrl(url)
                .schema(db.schema)
                .migrate(false)
                .poolSize(4)
                .connectionTimeout(Duration.ofSeconds(2))
                .build();
    }

    @AfterEach
    void tearDown() {
        jdbc.close();
        db.close();
    }

    @Test
    void callsFailClearlyWhileTheConnectionsAreKilledAndResumeAfterwards() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger unavailable = new AtomicInteger();
        AtomicLong slowest = new AtomicLong();
        ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        ExecutorService load = Executors.newFixedThreadPool(4);
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            workers.add(load.submit(() -> {
                while (running.get()) {
                    long started = System.nanoTime();
                    try {
                        jdbc.store()
                                .useTransaction(tx -> tx.enqueue(new OutboxDraft(
                                        UUID.randomUUID(), "notifier:test", "n", 1, "{}", Instant.now())));
                        jdbc.store().outbox().pendingCount();
                        ok.incrementAndGet();
                    } catch (StoreUnavailableException e) {
                        unavailable.incrementAndGet();
                        assertThat(e.getMessage()).contains("127.0.0.1").contains("unavailable");
                    } catch (StoreException e) {
                        unavailable.incrementAndGet(); // a clear store failure all the same
                    } catch (Throwable e) {
                        unexpected.add(e);
                    }
                    slowest.accumulateAndGet(System.nanoTime() - started, Math::max);
                }
                return null;
            }));
        }
        try (Connection admin = DriverManager.getConnection(db.url);
                Statement st = admin.createStatement()) {
            for (int round = 0; round < 10; round++) {
                Thread.sleep(200);
                st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '" + APP
                        + "' AND pid <> pg_backend_pid()");
            }
        }
        Thread.sleep(500);
        running.set(false);
        for (Future<?> f : workers) {
            f.get(30, TimeUnit.SECONDS);
        }
        load.shutdown();

        assertThat(unexpected).isEmpty();
        assertThat(unavailable.get())
                .as("calls that failed while the connections were killed")
                .isPositive();
        assertThat(Duration.ofNanos(slowest.get())).isLessThan(Duration.ofSeconds(10));
        // back on its own: every call succeeds again
        for (int i = 0; i < 20; i++) {
            jdbc.store().outbox().pendingCount();
        }
        // nothing that succeeded was lost
        assertThat(jdbc.store().outbox().pendingCount()).isGreaterThanOrEqualTo(ok.get());
    }
}

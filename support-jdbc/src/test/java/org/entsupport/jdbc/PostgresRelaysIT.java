package org.entsupport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.entsupport.core.outbox.OutboxDraft;
import org.entsupport.core.outbox.OutboxHandler;
import org.entsupport.core.outbox.OutboxMessage;
import org.entsupport.core.outbox.OutboxRelay;
import org.entsupport.core.spi.TicketStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Four relays on one PostgreSQL database drain 10,000 outbox rows: each row is delivered once. */
class PostgresRelaysIT {

    private static final int ROWS = 10_000;
    private static final int RELAYS = 4;

    private static TestDatabase db;

    @BeforeAll
    static void start() {
        db = TestDatabase.postgres();
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @Test
    void aRelayKilledMidBatchLosesNothingOnPostgres() throws Exception {
        TicketStore store = db.jdbc.store();
        Instant now = Instant.now();
        Set<UUID> written = new HashSet<>();
        store.inTransaction(tx -> {
            for (int i = 0; i < 40; i++) {
                UUID id = UUID.randomUUID();
                written.add(id);
                tx.enqueue(new OutboxDraft(id, "notifier:feed", "notification", 7, "{}", now));
            }
            return null;
        });
        Map<UUID, AtomicInteger> deliveries = new ConcurrentHashMap<>();
        CountDownLatch stuck = new CountDownLatch(1);
        CountDownLatch dying = new CountDownLatch(1);
        OutboxHandler hanging = m -> {
            deliveries.computeIfAbsent(m.id(), k -> new AtomicInteger()).incrementAndGet();
            if (deliveries.size() == 5) {
                dying.countDown();
                // the node dies here: this delivery never reports back in time (a dead node does not
                // answer an interrupt either)
                boolean released = false;
                while (!released) {
                    try {
                        released = stuck.await(1, TimeUnit.MINUTES);
                    } catch (InterruptedException ignored) {
                        // keep hanging
                    }
                }
            }
        };
        OutboxRelay first = OutboxRelay.builder(store.outbox())
                .handler("notifier:feed", hanging)
                .batchSize(20)
                .threads(1)
                .lease(Duration.ofSeconds(2))
                .pollInterval(Duration.ofMillis(20))
                .nodeId("dies")
                .build();
        first.start();
        assertThat(dying.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(first.stop(Duration.ofMillis(100))).isFalse();

        Thread.sleep(2_500); // the dead node's lease runs out
        OutboxRelay second = OutboxRelay.builder(store.outbox())
                .handler(
                        "notifier:feed",
                        m -> deliveries
                                .computeIfAbsent(m.id(), k -> new AtomicInteger())
                                .incrementAndGet())
                .lease(Duration.ofSeconds(30))
                .nodeId("survives")
                .build();
        second.deliverAllDue();
        stuck.countDown();

        assertThat(deliveries.keySet()).isEqualTo(written);
        assertThat(deliveries.values().stream().filter(c -> c.get() > 1).count())
                .as("only what was in flight is delivered twice, with the same id")
                .isLessThanOrEqualTo(20);
        assertThat(store.outbox().pendingCount()).isZero();
    }

    @Test
    void fourRelaysDeliverEachRowExactlyOnce() throws Exception {
        TicketStore store = db.jdbc.store();
        Instant now = Instant.now();
        Set<UUID> written = new HashSet<>();
        for (int batch = 0; batch < ROWS / 500; batch++) {
            List<UUID> ids = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                ids.add(UUID.randomUUID());
            }
            int b = batch;
            store.inTransaction(tx -> {
                for (UUID id : ids) {
                    tx.enqueue(new OutboxDraft(id, "notifier:count", "notification", b + 1, "{}", now));
                }
                return null;
            });
            written.addAll(ids);
        }
        Map<UUID, AtomicInteger> deliveries = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> perRelay = new ConcurrentHashMap<>();
        List<OutboxRelay> relays = new ArrayList<>();
        for (int r = 0; r < RELAYS; r++) {
            String node = "node-" + r;
            OutboxHandler handler = new OutboxHandler() {
                @Override
                public void handle(OutboxMessage m) {
                    deliveries.computeIfAbsent(m.id(), k -> new AtomicInteger()).incrementAndGet();
                    perRelay.computeIfAbsent(node, k -> new AtomicInteger()).incrementAndGet();
                }
            };
            relays.add(OutboxRelay.builder(store.outbox())
                    .handler("notifier:count", handler)
                    .batchSize(100)
                    .lease(Duration.ofMinutes(5))
                    .nodeId(node)
                    .build());
        }
        ExecutorService pool = Executors.newFixedThreadPool(RELAYS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> runs = new ArrayList<>();
        for (OutboxRelay relay : relays) {
            runs.add(pool.submit(() -> {
                go.await();
                return relay.deliverAllDue();
            }));
        }
        long t0 = System.nanoTime();
        go.countDown();
        int handled = 0;
        for (Future<Integer> f : runs) {
            handled += f.get(5, TimeUnit.MINUTES);
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        pool.shutdown();
        System.out.printf("[relays] %d rows drained by %d relays in %d ms (%s)%n", ROWS, RELAYS, millis, perRelay);

        assertThat(handled).isEqualTo(ROWS);
        assertThat(deliveries.keySet()).isEqualTo(written);
        assertThat(deliveries.values()).allMatch(c -> c.get() == 1);
        assertThat(perRelay).as("every relay took part").hasSize(RELAYS);
        assertThat(store.outbox().pendingCount()).isZero();
    }
}

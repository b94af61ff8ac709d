package org.entsupport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.entsupport.core.outbox.OutboxDraft;
import org.entsupport.core.outbox.OutboxRelay;
import org.entsupport.core.spi.TicketStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The relay on a database: a batch of deliveries is acknowledged with one statement and one commit,
 * and a slow delivery does not hold back the next batch. One subclass per database.
 */
abstract class RelayBatchBehaviour {

    private final AtomicInteger commits = new AtomicInteger();
    private final AtomicInteger statements = new AtomicInteger();
    private TestDatabase db;
    private SupportJdbc counted;

    abstract TestDatabase open();

    @BeforeEach
    void setUp() {
        db = open();
        counted = SupportJdbc.builder()
                .dataSource(counting(db.jdbc.dataSource()))
                .schema(db.schema)
                .migrate(false)
                .build();
    }

    @AfterEach
    void tearDown() {
        counted.close();
        db.close();
    }

    private DataSource counting(DataSource target) {
        return (DataSource) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {DataSource.class}, (p, m, args) -> {
                    Object out = invoke(target, m, args);
                    if (m.getName().equals("getConnection")) {
                        Connection c = (Connection) out;
                        return Proxy.newProxyInstance(
                                getClass().getClassLoader(), new Class<?>[] {Connection.class}, (cp, cm, cargs) -> {
                                    switch (cm.getName()) {
                                        case "commit" -> commits.incrementAndGet();
                                        case "prepareStatement", "createStatement" -> statements.incrementAndGet();
                                        default -> {}
                                    }
                                    return invoke(c, cm, cargs);
                                });
                    }
                    return out;
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private List<UUID> enqueue(TicketStore store, int n) {
        List<UUID> ids = new ArrayList<>();
        Instant due = Instant.now().minusSeconds(1);
        store.inTransaction(tx -> {
            for (int i = 0; i < n; i++) {
                UUID id = UUID.randomUUID();
                ids.add(id);
                tx.enqueue(new OutboxDraft(id, "notifier:count", "notification", i + 1, "{}", due));
            }
            return null;
        });
        return ids;
    }

    @Test
    void aBatchOfDeliveriesIsAcknowledgedWithOneStatementAndOneCommit() {
        enqueue(db.jdbc.store(), 30);
        AtomicInteger handled = new AtomicInteger();
        OutboxRelay relay = OutboxRelay.builder(counted.store().outbox())
                .handler("notifier:count", m -> handled.incrementAndGet())
                .batchSize(50)
                .build();
        commits.set(0);
        statements.set(0);

        assertThat(relay.deliverDue()).isEqualTo(30);

        assertThat(handled).hasValue(30);
        assertThat(commits)
                .as("one commit for the claim, one for the acknowledgement")
                .hasValue(2);
        // PostgreSQL: SET LOCAL (the plan) and UPDATE ... RETURNING; the others: select, then lease
        int claim = 2;
        assertThat(statements)
                .as("claim: " + claim + " statements; acknowledgement: one update")
                .hasValue(claim + 1);
        assertThat(db.jdbc.store().outbox().pendingCount()).isZero();
    }

    @Test
    void aSlowDeliveryDoesNotHoldBackTheNextBatches() throws Exception {
        List<UUID> ids = enqueue(db.jdbc.store(), 40);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch others = new CountDownLatch(39);
        Map<UUID, AtomicInteger> calls = new ConcurrentHashMap<>();
        AtomicBoolean slowChosen = new AtomicBoolean();
        OutboxRelay relay = OutboxRelay.builder(counted.store().outbox())
                .handler("notifier:count", m -> {
                    calls.computeIfAbsent(m.id(), k -> new AtomicInteger()).incrementAndGet();
                    if (slowChosen.compareAndSet(false, true)) {
                        assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
                    } else {
                        others.countDown();
                    }
                })
                .batchSize(10)
                .threads(2)
                .pollInterval(Duration.ofMillis(20))
                .build();
        relay.start();
        try {
            assertThat(others.await(20, TimeUnit.SECONDS))
                    .as("the 39 others are delivered while the first delivery hangs")
                    .isTrue();
        } finally {
            release.countDown();
            assertThat(relay.stop(Duration.ofSeconds(10))).isTrue();
        }
        assertThat(calls.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(calls.values()).allMatch(c -> c.get() == 1);
        assertThat(db.jdbc.store().outbox().pendingCount()).isZero();
    }
}

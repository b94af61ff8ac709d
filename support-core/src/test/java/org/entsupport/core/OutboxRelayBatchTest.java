package org.entsupport.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.entsupport.core.memory.InMemoryTicketStore;
import org.entsupport.core.outbox.OutboxDraft;
import org.entsupport.core.outbox.OutboxRelay;
import org.entsupport.core.outbox.OutboxState;
import org.junit.jupiter.api.Test;

/**
 * The relay acknowledges a batch with one store call, claims its next batch while a slow delivery of
 * the last one finishes, and never delivers a message whose lease ended while it waited.
 */
class OutboxRelayBatchTest {

    private final MutableClock clock = new MutableClock(Fixture.START);
    private final InMemoryTicketStore store = new InMemoryTicketStore();
    private final CountingOutbox outbox = new CountingOutbox(store.outbox());

    private List<UUID> enqueue(int n) {
        List<UUID> ids = new ArrayList<>();
        Instant due = clock.instant();
        store.inTransaction(tx -> {
            for (int i = 0; i < n; i++) {
                UUID id = UUID.randomUUID();
                ids.add(id);
                tx.enqueue(new OutboxDraft(id, "notifier:test", "notification", i + 1, "{}", due));
            }
            return null;
        });
        return ids;
    }

    @Test
    void aBatchIsAcknowledgedWithOneStoreCall() {
        List<UUID> ids = enqueue(30);
        List<UUID> handled = new CopyOnWriteArrayList<>();
        OutboxRelay relay = OutboxRelay.builder(outbox)
                .handler("notifier:test", m -> handled.add(m.id()))
                .batchSize(50)
                .clock(clock)
                .build();

        assertThat(relay.deliverDue()).isEqualTo(30);

        assertThat(handled).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(outbox.acknowledgements).containsExactly(30);
        assertThat(outbox.singleMarks.get()).isZero();
        assertThat(outbox.pendingCount()).isZero();
    }

    @Test
    void theNextBatchIsClaimedWhileASlowDeliveryOfTheLastOneFinishes() throws Exception {
        List<UUID> ids = enqueue(15);
        UUID slow = ids.get(0);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch othersDone = new CountDownLatch(14);
        Map<UUID, AtomicInteger> calls = new ConcurrentHashMap<>();
        OutboxRelay relay = OutboxRelay.builder(outbox)
                .handler("notifier:test", m -> {
                    calls.computeIfAbsent(m.id(), k -> new AtomicInteger()).incrementAndGet();
                    if (m.id().equals(slow)) {
                        assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
                    } else {
                        othersDone.countDown();
                    }
                })
                .batchSize(5)
                .threads(2)
                .pollInterval(Duration.ofMillis(20))
                .clock(clock)
                .build();
        relay.start();
        try {
            assertThat(othersDone.await(20, TimeUnit.SECONDS))
                    .as("the two batches after the slow delivery's are delivered while it hangs")
                    .isTrue();
            release.countDown();
            await(() -> outbox.pendingCount() == 0);
        } finally {
            release.countDown();
            assertThat(relay.stop(Duration.ofSeconds(10))).isTrue();
        }
        assertThat(calls.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(calls.values()).allMatch(c -> c.get() == 1);
        assertThat(outbox.acknowledgements.stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(15);
    }

    @Test
    void aMessageWhoseLeaseEndedWhileItWaitedIsLeftToTheNextClaim() {
        List<UUID> ids = enqueue(2);
        Duration lease = Duration.ofMinutes(1);
        Map<UUID, AtomicInteger> calls = new ConcurrentHashMap<>();
        OutboxRelay relay = OutboxRelay.builder(outbox)
                .handler("notifier:test", m -> {
                    calls.computeIfAbsent(m.id(), k -> new AtomicInteger()).incrementAndGet();
                    // the first delivery outlasts the batch's lease
                    clock.advance(lease.plusSeconds(1));
                })
                .batchSize(10)
                .lease(lease)
                .clock(clock)
                .build();

        assertThat(relay.deliverDue()).isEqualTo(2);
        assertThat(calls).containsOnlyKeys(ids.get(0));
        assertThat(outbox.find(ids.get(1)))
                .hasValueSatisfying(m -> assertThat(m.state()).isEqualTo(OutboxState.PENDING));

        relay.deliverAllDue();
        assertThat(calls.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(calls.get(ids.get(1)).get()).isEqualTo(1);
        assertThat(outbox.pendingCount()).isZero();
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 20 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}

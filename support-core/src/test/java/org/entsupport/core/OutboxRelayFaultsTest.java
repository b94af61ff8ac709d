package org.entsupport.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.entsupport.core.memory.InMemoryTicketStore;
import org.entsupport.core.outbox.OutboxDraft;
import org.entsupport.core.outbox.OutboxMessage;
import org.entsupport.core.outbox.OutboxRelay;
import org.entsupport.core.outbox.OutboxState;
import org.junit.jupiter.api.Test;

/**
 * The relay survives a delivery that never returns (its worker is freed at the deadline and the message
 * retried, the late result ignored) and being killed in the middle of a batch (nothing lost, repeats only
 * with the same message id).
 */
class OutboxRelayFaultsTest {

    private final MutableClock clock = new MutableClock(Fixture.START);
    private final InMemoryTicketStore store = new InMemoryTicketStore();

    private List<UUID> enqueue(int n, Instant due) {
        List<UUID> ids = new ArrayList<>();
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
    void aDeliveryThatNeverReturnsFreesItsWorkerAtTheDeadlineAndIsRetried() throws Exception {
        UUID id = enqueue(1, clock.instant()).get(0);
        AtomicInteger calls = new AtomicInteger();
        AtomicBoolean release = new AtomicBoolean();
        CountDownLatch stalledReturned = new CountDownLatch(1);
        OutboxRelay relay = OutboxRelay.builder(store.outbox())
                .handler("notifier:test", m -> {
                    if (calls.incrementAndGet() == 1) {
                        // headers sent, body never: ignores interrupts until the test lets it go
                        while (!release.get()) {
                            try {
                                Thread.sleep(20);
                            } catch (InterruptedException ignored) {
                                // a stubborn call
                            }
                        }
                        stalledReturned.countDown();
                    }
                })
                .deliveryTimeout(Duration.ofMillis(300))
                .clock(clock)
                .build();

        long started = System.nanoTime();
        int handled = assertTimeoutPreemptively(Duration.ofSeconds(10), relay::deliverDue);
        assertThat(handled).isEqualTo(1);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        OutboxMessage after = store.outbox().find(id).orElseThrow();
        assertThat(after.state()).isEqualTo(OutboxState.PENDING);
        assertThat(after.attempts()).isEqualTo(1);
        assertThat(after.lastError()).contains("delivery deadline").contains("PT0.3S");

        // retried once due, by the same relay
        clock.advance(Duration.ofHours(1));
        assertThat(relay.deliverAllDue()).isEqualTo(1);
        assertThat(calls).hasValue(2);
        assertThat(store.outbox().find(id).orElseThrow().state()).isEqualTo(OutboxState.DELIVERED);

        // the stalled call finally returns: its late result changes nothing
        release.set(true);
        assertThat(stalledReturned.await(5, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(100);
        OutboxMessage settled = store.outbox().find(id).orElseThrow();
        assertThat(settled.state()).isEqualTo(OutboxState.DELIVERED);
        assertThat(settled.attempts()).isEqualTo(1);
        assertThat(relay.deliverAllDue()).isZero();
        assertThat(calls).hasValue(2);
    }

    @Test
    void theDeliveryTimeoutIsValidatedAgainstTheLease() {
        assertThatThrownBy(() -> OutboxRelay.builder(store.outbox())
                        .lease(Duration.ofSeconds(30))
                        .deliveryTimeout(Duration.ofSeconds(30))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("deliveryTimeout");
        assertThatThrownBy(() -> OutboxRelay.builder(store.outbox())
                        .deliveryTimeout(Duration.ofMillis(10))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("deliveryTimeout");
        assertThat(OutboxRelay.builder(store.outbox()).build().deliveryTimeout())
                .isEqualTo(Duration.ofMinutes(1));
        assertThat(OutboxRelay.builder(store.outbox())
                        .lease(Duration.ofSeconds(20))
                        .build()
                        .deliveryTimeout())
                .isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void aRelayKilledInTheMiddleOfABatchTenTimesLosesNothing() throws Exception {
        int n = 300;
        Set<UUID> all = new HashSet<>(enqueue(n, Instant.now()));
        Map<UUID, AtomicInteger> completed = new ConcurrentHashMap<>();
        AtomicInteger started = new AtomicInteger();
        for (int kill = 0; kill < 10; kill++) {
            OutboxRelay relay = relay(started, completed);
            relay.start();
            int before = started.get();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (started.get() < before + 8 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            // killed: no grace at all, the deliveries in flight are interrupted
            relay.stop(Duration.ZERO);
        }
        // the leases of the killed relays end; a healthy relay finishes the work
        Thread.sleep(1_100);
        OutboxRelay last = relay(started, completed);
        last.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (store.outbox().pendingCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        last.stop(Duration.ofSeconds(5));

        assertThat(store.outbox().pendingCount()).isZero();
        assertThat(store.outbox().deadMessages(10)).isEmpty();
        assertThat(completed.keySet()).isEqualTo(all);
        for (UUID id : all) {
            assertThat(store.outbox().find(id).orElseThrow().state()).isEqualTo(OutboxState.DELIVERED);
        }
        // at least once: a repeat only for a delivery caught by a kill (in flight or not yet acknowledged)
        long repeated = completed.values().stream().filter(c -> c.get() > 1).count();
        assertThat(repeated).isLessThanOrEqualTo(10L * 2 * 2 * 10);
    }

    private OutboxRelay relay(AtomicInteger started, Map<UUID, AtomicInteger> completed) {
        return OutboxRelay.builder(store.outbox())
                .handler("notifier:test", m -> {
                    started.incrementAndGet();
                    Thread.sleep(15);
                    completed.computeIfAbsent(m.id(), k -> new AtomicInteger()).incrementAndGet();
                })
                .batchSize(10)
                .threads(2)
                .lease(Duration.ofSeconds(1))
                .deliveryTimeout(Duration.ofMillis(500))
                .pollInterval(Duration.ofMillis(10))
                .build();
    }
}

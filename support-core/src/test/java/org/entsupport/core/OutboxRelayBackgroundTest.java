package org.entsupport.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.entsupport.core.memory.InMemoryTicketStore;
import org.entsupport.core.outbox.OutboxDraft;
import org.entsupport.core.outbox.OutboxHandler;
import org.entsupport.core.outbox.OutboxMessage;
import org.entsupport.core.outbox.OutboxRelay;
import org.entsupport.core.outbox.OutboxState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The relay in the background: how many messages it holds at once, when it polls, how a stop ends,
 * what its threads are, and what it does when the store loses a lease or fails while settling.
 */
class OutboxRelayBackgroundTest {

    private static final String CHANNEL = "notifier:test";
    private static final Duration LONG_POLL = Duration.ofHours(1);

    private final MutableClock clock = new MutableClock(Fixture.START);
    private final InMemoryTicketStore store = new InMemoryTicketStore();
    private final CountingOutbox outbox = new CountingOutbox(store.outbox());
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<OutboxRelay> relays = new ArrayList<>();

    @AfterEach
    void stopRelays() {
        release.countDown();
        relays.forEach(r -> r.stop(Duration.ofSeconds(5)));
    }

    private List<UUID> enqueue(int n) {
        List<UUID> ids = new ArrayList<>();
        Instant due = clock.instant();
        store.inTransaction(tx -> {
            for (int i = 0; i < n; i++) {
                UUID id = UUID.randomUUID();
                ids.add(id);
                tx.enqueue(new OutboxDraft(id, CHANNEL, "notification", i + 1, "{}", due));
            }
            return null;
        });
        return ids;
    }

    private OutboxRelay.Builder relay(OutboxHandler handler) {
        return OutboxRelay.builder(outbox).handler(CHANNEL, handler).clock(clock);
    }

    private OutboxRelay started(OutboxRelay relay) {
        relays.add(relay);
        relay.start();
        return relay;
    }

    private OutboxState state(UUID id) {
        return outbox.find(id).orElseThrow().state();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 20 s for: " + what).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    @Test
    void aWorkerHoldsAtMostItsBatchAndTheNextOneWhileDeliveriesHang() throws Exception {
        List<UUID> ids = enqueue(10);
        AtomicInteger calls = new AtomicInteger();
        OutboxRelay relay = started(relay(m -> {
                    calls.incrementAndGet();
                    assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
                })
                .batchSize(2)
                .threads(1)
                .pollInterval(Duration.ofMillis(10))
                .build());

        await("the first delivery", () -> calls.get() == 1);
        await("two batches claimed", () -> outbox.claimedRows.get() >= 4);
        // Several polls later, still the delivering batch and the next one, nothing more.
        Thread.sleep(150);
        assertThat(outbox.claimedRows.get()).isEqualTo(4);

        release.countDown();
        await("all delivered", () -> outbox.pendingCount() == 0);
        assertThat(outbox.acknowledged).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(relay.stop(Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void fullBatchesAreClaimedOneAfterTheOtherWithoutWaitingForThePollInterval() throws Exception {
        List<UUID> ids = enqueue(6);
        started(relay(m -> {}).batchSize(2).threads(1).pollInterval(LONG_POLL).build());

        await("the three full batches delivered", () -> outbox.pendingCount() == 0);
        assertThat(outbox.acknowledged).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void aBatchDeliveredInTheBackgroundIsAcknowledgedOnceWhenItsLastDeliveryEnds() throws Exception {
        List<UUID> ids = enqueue(5);
        started(relay(m -> {}).batchSize(5).threads(1).pollInterval(LONG_POLL).build());

        await("delivered", () -> outbox.pendingCount() == 0);
        assertThat(outbox.acknowledgements).containsExactly(5);
        assertThat(outbox.acknowledged).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void whileOneDeliveryHangsTheOthersOfItsBatchAreAcknowledgedOnceAndItAlone() throws Exception {
        List<UUID> ids = enqueue(3);
        UUID slow = ids.get(0);
        started(relay(m -> {
                    if (m.id().equals(slow)) {
                        assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
                    }
                })
                .batchSize(3)
                .threads(3)
                .pollInterval(Duration.ofMillis(50))
                .build());

        await(
                "the two fast ones acknowledged without the slow one",
                () -> state(ids.get(1)) == OutboxState.DELIVERED && state(ids.get(2)) == OutboxState.DELIVERED);
        assertThat(state(slow)).isEqualTo(OutboxState.PENDING);
        // Further sweeps while it still hangs acknowledge nothing again.
        Thread.sleep(1_300);
        assertThat(outbox.acknowledged).containsExactlyInAnyOrder(ids.get(1), ids.get(2));

        release.countDown();
        await("the slow one acknowledged", () -> state(slow) == OutboxState.DELIVERED);
        assertThat(outbox.acknowledged).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void wakeUpMakesAnIdleRelayPollAtOnce() throws Exception {
        OutboxRelay relay = started(relay(m -> {}).pollInterval(LONG_POLL).build());
        assertThat(relay.isRunning()).isTrue();
        await("the first, empty poll", () -> !outbox.claimTokens.isEmpty());
        Thread.sleep(50); // the poller is now waiting for its interval

        List<UUID> ids = enqueue(1);
        relay.wakeUp();

        await("delivered after the wake-up", () -> state(ids.get(0)) == OutboxState.DELIVERED);
    }

    @Test
    void requeueOnlyRevivesDeadMessagesAndWakesTheRelay() throws Exception {
        List<UUID> ids = enqueue(2);
        AtomicInteger failures = new AtomicInteger(1);
        OutboxRelay relay = relay(new OutboxHandler() {
                    @Override
                    public void handle(OutboxMessage m) {
                        if (failures.getAndDecrement() > 0) {
                            throw new IllegalArgumentException("refused");
                        }
                    }

                    @Override
                    public boolean isRetryable(Exception failure) {
                        return false;
                    }
                })
                .batchSize(1)
                .pollInterval(LONG_POLL)
                .build();
        relay.deliverDue();
        UUID dead = state(ids.get(0)) == OutboxState.DEAD ? ids.get(0) : ids.get(1);
        UUID pending = dead.equals(ids.get(0)) ? ids.get(1) : ids.get(0);
        assertThat(state(dead)).isEqualTo(OutboxState.DEAD);
        assertThat(state(pending)).isEqualTo(OutboxState.PENDING);

        assertThat(relay.requeue(pending))
                .as("a pending message is not re-queued")
                .isFalse();
        assertThat(relay.purgeDead(pending))
                .as("a pending message is not purged")
                .isFalse();
        assertThat(outbox.find(pending)).isPresent();

        started(relay);
        await("the pending one delivered by the first poll", () -> state(pending) == OutboxState.DELIVERED);
        Thread.sleep(50); // the poller is now waiting for its interval
        assertThat(relay.requeue(dead)).isTrue();
        await("the re-queued one delivered at once", () -> state(dead) == OutboxState.DELIVERED);
    }

    @Test
    void purgeDeadRemovesADeadMessageAndSaysSo() {
        UUID id = enqueue(1).get(0);
        OutboxRelay relay = relay(new OutboxHandler() {
                    @Override
                    public void handle(OutboxMessage m) {
                        throw new IllegalArgumentException("refused");
                    }

                    @Override
                    public boolean isRetryable(Exception failure) {
                        return false;
                    }
                })
                .build();
        relay.deliverDue();

        assertThat(relay.purgeDead(id)).isTrue();
        assertThat(outbox.find(id)).isEmpty();
        assertThat(relay.purgeDead(id)).isFalse();
    }

    @Test
    void stopReportsWhetherTheDeliveriesInFlightFinished() throws Exception {
        enqueue(1);
        CountDownLatch started = new CountDownLatch(1);
        OutboxRelay relay = relay(m -> {
                    started.countDown();
                    release.await(30, TimeUnit.SECONDS);
                })
                .pollInterval(Duration.ofMillis(10))
                .build();
        assertThat(relay.stop(Duration.ofMillis(10)))
                .as("a relay never started has nothing in flight")
                .isTrue();
        started(relay);
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        long before = System.nanoTime();
        assertThat(relay.stop(Duration.ofMillis(300)))
                .as("a delivery still hangs")
                .isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(10));
        assertThat(relay.isRunning()).isFalse();
        assertThat(relay.stop(Duration.ofMillis(10))).as("stopped already").isTrue();
    }

    @Test
    void aGracefulStopWaitsForTheDeliveryInFlight() throws Exception {
        UUID id = enqueue(1).get(0);
        CountDownLatch started = new CountDownLatch(1);
        OutboxRelay relay = started(relay(m -> {
                    started.countDown();
                    Thread.sleep(200);
                })
                .pollInterval(Duration.ofMillis(10))
                .build());
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(relay.stop(Duration.ofSeconds(10))).isTrue();
        assertThat(state(id)).isEqualTo(OutboxState.DELIVERED);
    }

    @Test
    void theRelaysThreadsAreDaemonsNamedAfterItsOwner() throws Exception {
        enqueue(1);
        CountDownLatch inCall = new CountDownLatch(1);
        OutboxRelay relay = started(relay(m -> {
                    inCall.countDown();
                    release.await(30, TimeUnit.SECONDS);
                })
                .nodeId("node-a")
                .build());
        assertThat(inCall.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(relay.owner()).startsWith("node-a/relay-");
        List<Thread> mine = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().endsWith(relay.owner())
                        || t.getName().startsWith("support-outbox-call-" + relay.owner() + "-"))
                .toList();
        assertThat(mine)
                .extracting(Thread::getName)
                .anyMatch(n -> n.startsWith("support-outbox-poller-"))
                .anyMatch(n -> n.startsWith("support-outbox-worker-"))
                .anyMatch(n -> n.startsWith("support-outbox-call-"));
        assertThat(mine).allMatch(Thread::isDaemon, "is a daemon thread");
    }

    @Test
    void everyClaimHasItsOwnLeaseTokenPrefixedByTheOwner() {
        enqueue(3);
        OutboxRelay relay = relay(m -> {}).batchSize(1).nodeId("node-b").build();

        assertThat(relay.deliverAllDue()).isEqualTo(3);

        assertThat(outbox.claimTokens).hasSize(4).allMatch(t -> t.startsWith(relay.owner() + "#"));
        assertThat(Set.copyOf(outbox.claimTokens)).hasSize(4);
    }

    @Test
    void deliverAllDueStopsAfterTenThousandBatches() {
        CountingOutbox endless = new CountingOutbox(store.outbox()) {
            @Override
            public List<OutboxMessage> claimDue(
                    Instant now, int limit, Duration lease, String owner, Set<String> channels) {
                claimTokens.add(owner);
                return List.of(new OutboxMessage(
                        UUID.randomUUID(), CHANNEL, "notification", 1, "{}", now, now, 0, OutboxState.PENDING, null));
            }

            @Override
            public int markAllDelivered(java.util.Collection<UUID> ids, String owner) {
                return ids.size();
            }
        };
        OutboxRelay relay = OutboxRelay.builder(endless)
                .handler(CHANNEL, m -> {})
                .clock(clock)
                .build();

        assertThat(relay.deliverAllDue()).isEqualTo(10_000);
        assertThat(endless.claimTokens).hasSize(10_000);
    }

    @Test
    void anInterruptedCallerLeavesTheMessageLeasedAndKeepsItsInterrupt() {
        UUID id = enqueue(1).get(0);
        OutboxRelay relay = relay(m -> release.await(30, TimeUnit.SECONDS)).build();

        Thread.currentThread().interrupt();
        try {
            assertThat(relay.deliverDue()).isEqualTo(1);
        } finally {
            assertThat(Thread.interrupted()).as("the interrupt is kept").isTrue();
        }
        assertThat(outbox.acknowledged).isEmpty();
        assertThat(state(id)).isEqualTo(OutboxState.PENDING);
    }

    private static final class Refusing implements OutboxHandler {
        final List<String> deadLetters = new CopyOnWriteArrayList<>();

        @Override
        public void handle(OutboxMessage m) {
            throw new IllegalArgumentException("refused");
        }

        @Override
        public boolean isRetryable(Exception failure) {
            return false;
        }

        @Override
        public void onDead(OutboxMessage message, String error) {
            deadLetters.add(error);
        }
    }

    @Test
    void theDeadLetterHookRunsOnlyWhenTheMessageWasMarkedDead() {
        enqueue(1);
        Refusing handler = new Refusing();
        OutboxRelay relay = relay(handler).build();

        outbox.leasesLost = true;
        relay.deliverDue();
        assertThat(outbox.deadMarks.get()).isEqualTo(1);
        assertThat(handler.deadLetters)
                .as("the lease was lost: another relay owns the outcome")
                .isEmpty();

        outbox.leasesLost = false;
        outbox.settlingFails = true;
        clock.advance(Duration.ofMinutes(10)); // the lease of the first claim ends
        assertThatCode(relay::deliverDue).doesNotThrowAnyException();
        assertThat(outbox.deadMarks.get()).isEqualTo(2);
        assertThat(handler.deadLetters).as("the outcome could not be written").isEmpty();

        outbox.settlingFails = false;
        clock.advance(Duration.ofMinutes(10));
        relay.deliverDue();
        assertThat(handler.deadLetters).containsExactly("IllegalArgumentException: refused");
    }

    @Test
    void aHandlerWhoseRetryableAnswerFailsIsRetriedNotBuried() {
        UUID id = enqueue(1).get(0);
        OutboxRelay relay = relay(new OutboxHandler() {
                    @Override
                    public void handle(OutboxMessage m) {
                        throw new IllegalStateException("down");
                    }

                    @Override
                    public boolean isRetryable(Exception failure) {
                        throw new UnsupportedOperationException("cannot tell");
                    }
                })
                .build();

        relay.deliverDue();

        OutboxMessage m = outbox.find(id).orElseThrow();
        assertThat(m.state()).isEqualTo(OutboxState.PENDING);
        assertThat(m.attempts()).isEqualTo(1);
        assertThat(m.dueAt()).isAfter(clock.instant());
    }

    @Test
    void settingsAreCheckedAtTheirBounds() {
        OutboxHandler none = m -> {};
        assertThatCode(() -> relay(none).batchSize(1).build()).doesNotThrowAnyException();
        assertThatCode(() -> relay(none).batchSize(1_000).build()).doesNotThrowAnyException();
        assertThatThrownBy(() -> relay(none).batchSize(1_001).build())
                .hasMessage("batchSize must be between 1 and 1000, but was 1001");
        assertThatCode(() -> relay(none).threads(1).build()).doesNotThrowAnyException();
        assertThatCode(() -> relay(none).threads(64).build()).doesNotThrowAnyException();
        assertThatThrownBy(() -> relay(none).threads(0).build())
                .hasMessage("threads must be between 1 and 64, but was 0");
        assertThatThrownBy(() -> relay(none).threads(65).build())
                .hasMessage("threads must be between 1 and 64, but was 65");
        assertThatCode(() -> relay(none).pollInterval(Duration.ofMillis(10)).build())
                .doesNotThrowAnyException();
        assertThatCode(() -> relay(none).pollInterval(Duration.ofHours(1)).build())
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> relay(none).pollInterval(Duration.ofMillis(9)).build())
                .hasMessage("pollInterval must be between PT0.01S and PT1H, but was PT0.009S");
        assertThatThrownBy(() -> relay(none)
                        .pollInterval(Duration.ofHours(1).plusMillis(1))
                        .build())
                .hasMessage("pollInterval must be between PT0.01S and PT1H, but was PT1H0.001S");
        assertThatCode(() -> relay(none).lease(Duration.ofSeconds(1)).build()).doesNotThrowAnyException();
        assertThatCode(() -> relay(none).lease(Duration.ofDays(1)).build()).doesNotThrowAnyException();
        assertThatThrownBy(() -> relay(none).lease(Duration.ofMillis(999)).build())
                .hasMessage("lease must be between PT1S and PT24H, but was PT0.999S");
        assertThatThrownBy(() ->
                        relay(none).lease(Duration.ofDays(1).plusMillis(1)).build())
                .hasMessage("lease must be between PT1S and PT24H, but was PT24H0.001S");
        assertThatCode(() -> relay(none).deliveryTimeout(Duration.ofMillis(100)).build())
                .doesNotThrowAnyException();
        assertThatThrownBy(
                        () -> relay(none).deliveryTimeout(Duration.ofMillis(99)).build())
                .hasMessage("deliveryTimeout must be between PT0.1S and PT1H, but was PT0.099S");
        assertThatThrownBy(() -> relay(none)
                        .lease(Duration.ofMinutes(10))
                        .deliveryTimeout(Duration.ofHours(1).plusMillis(1))
                        .build())
                .hasMessageStartingWith("deliveryTimeout must be between PT0.1S and PT1H");
        assertThatCode(() -> relay(none)
                        .lease(Duration.ofSeconds(10))
                        .deliveryTimeout(Duration.ofMillis(9_999))
                        .build())
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> relay(none)
                        .lease(Duration.ofSeconds(10))
                        .deliveryTimeout(Duration.ofSeconds(10))
                        .build())
                .hasMessageStartingWith("deliveryTimeout must be shorter than the lease (PT10S), but was PT10S");
        assertThat(relay(none).lease(Duration.ofSeconds(30)).build().deliveryTimeout())
                .as("the default deadline is capped by the lease")
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(relay(none).build().deliveryTimeout()).isEqualTo(Duration.ofMinutes(1));
        assertThatCode(() -> relay(none).nodeId("n".repeat(60)).build()).doesNotThrowAnyException();
        assertThatThrownBy(() -> relay(none).nodeId("n".repeat(61)).build())
                .hasMessageStartingWith("nodeId must have 1..60 characters");
        assertThatThrownBy(() -> relay(none).nodeId(" ").build())
                .hasMessage("nodeId must have 1..60 characters, but was ' '");
    }
}

package org.entsupport.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.entsupport.core.memory.InMemoryTicketStore;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.outbox.OutboxMessage;
import org.entsupport.core.outbox.OutboxRelay;
import org.entsupport.core.outbox.OutboxState;
import org.entsupport.core.outbox.RetryPolicy;
import org.entsupport.notify.DeliveryException;
import org.entsupport.notify.Notification;
import org.entsupport.notify.Notifier;
import org.junit.jupiter.api.Test;

/** The outbox relay: retries, dead letters, re-queue, isolation of notifiers, crash recovery. */
class OutboxRelayTest {

    private final MutableClock clock = new MutableClock(Fixture.START);
    private final InMemoryTicketStore store = new InMemoryTicketStore();
    private final Actor owner = Actor.user("u-owner", "Olivia").memberOf("s1").build();
    private final Actor admin = Actor.user("u-admin", "Adam").adminOf("s1").build();

    private Support support(RetryPolicy policy, Notifier... notifiers) {
        Support.Builder b = Support.builder()
                .store(store)
                .clock(clock)
                .directory(s -> Set.of("u-admin"))
                .linkTemplate("https://ent.example/t/{id}")
                .retryPolicy(policy);
        for (Notifier n : notifiers) {
            b.notifier(n);
        }
        return b.build();
    }

    private Ticket file(Support s, String subject) {
        return s.create(
                owner,
                NewTicket.builder()
                        .school("s1")
                        .category("/blog")
                        .subject(subject)
                        .description("d")
                        .build());
    }

    @Test
    void aNotifierThatAlwaysFailsBlocksNeitherTheRequestNorTheOthersAndEndsDead() {
        RecordingNotifier good = new RecordingNotifier("good");
        RecordingNotifier broken = new RecordingNotifier("broken");
        broken.failuresLeft = Integer.MAX_VALUE;
        RetryPolicy policy = RetryPolicy.builder()
                .initialDelay(Duration.ofSeconds(10))
                .factor(2)
                .maxDelay(Duration.ofMinutes(1))
                .maxAttempts(4)
                .build();
        Support s = support(policy, good, broken);

        Ticket t = file(s, "Une demande");
        assertThat(s.get(owner, t.id()).subject()).isEqualTo("Une demande");

        s.relay().deliverAllDue();
        assertThat(good.received).hasSize(1);
        assertThat(broken.calls.get()).isEqualTo(1);

        // back-off: 10 s, 20 s, 40 s; nothing is due before its time
        int[] waits = {10, 20, 40};
        for (int wait : waits) {
            clock.advance(Duration.ofSeconds(wait - 1));
            s.relay().deliverAllDue();
            int before = broken.calls.get();
            clock.advance(Duration.ofSeconds(1));
            s.relay().deliverAllDue();
            assertThat(broken.calls.get()).as("retry after %d s", wait).isEqualTo(before + 1);
        }
        assertThat(broken.calls.get()).isEqualTo(4);
        List<OutboxMessage> dead = s.relay().deadMessages(10);
        assertThat(dead).singleElement().satisfies(m -> {
            assertThat(m.channel()).isEqualTo("notifier:broken");
            assertThat(m.attempts()).isEqualTo(4);
            assertThat(m.state()).isEqualTo(OutboxState.DEAD);
            assertThat(m.lastError()).contains("broken is down");
        });
        clock.advance(Duration.ofHours(1));
        s.relay().deliverAllDue();
        assertThat(broken.calls.get()).isEqualTo(4);
        assertThat(good.received).hasSize(1);

        // the notifier recovers; an operator re-queues the row: it is delivered once
        broken.failuresLeft = 0;
        assertThat(s.relay().requeue(dead.get(0).id())).isTrue();
        assertThat(s.relay().requeue(dead.get(0).id())).isFalse();
        s.relay().deliverAllDue();
        s.relay().deliverAllDue();
        assertThat(broken.received).hasSize(1);
        assertThat(broken.received.get(0).id()).isEqualTo(good.received.get(0).id());
        assertThat(s.relay().deadMessages(10)).isEmpty();
        assertThat(store.outbox().pendingCount()).isZero();
    }

    @Test
    void aPermanentFailureGoesDeadAtOnce() {
        RecordingNotifier refusing = new RecordingNotifier("refusing");
        refusing.permanent = true;
        Support s = support(RetryPolicy.defaults(), refusing);
        file(s, "Adresse invalide");
        s.relay().deliverAllDue();
        assertThat(refusing.calls.get()).isEqualTo(1);
        assertThat(s.relay().deadMessages(10))
                .singleElement()
                .satisfies(m -> assertThat(m.lastError()).contains("address refused"));
    }

    @Test
    void retryAfterAskedByTheRemoteSideIsHonoured() {
        Notifier throttled = new Notifier() {
            int calls;

            @Override
            public String name() {
                return "throttled";
            }

            @Override
            public void deliver(Notification n) throws DeliveryException {
                if (calls++ == 0) {
                    throw DeliveryException.retryable("429", null, Duration.ofMinutes(5));
                }
            }
        };
        Support s = support(
                RetryPolicy.builder().initialDelay(Duration.ofSeconds(1)).build(), throttled);
        file(s, "x");
        s.relay().deliverAllDue();
        OutboxMessage m = s.relay().deadMessages(1).isEmpty()
                ? store.outbox()
                        .claimDue(
                                clock.instant().plus(Duration.ofDays(1)),
                                1,
                                Duration.ofSeconds(1),
                                "peek",
                                s.relay().channels())
                        .get(0)
                : null;
        assertThat(m).isNotNull();
        assertThat(m.dueAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));
    }

    @Test
    void aRolledBackChangeWritesNoNotification() {
        RecordingNotifier n = new RecordingNotifier("n");
        Support s = support(RetryPolicy.defaults(), n);
        Ticket t = file(s, "x");
        s.relay().deliverAllDue();
        n.received.clear();
        assertThatThrownBy(
                        () -> s.update(owner, t.id(), TicketChanges.basedOn(99).subject("stale")))
                .isInstanceOf(TicketVersionConflictException.class);
        s.relay().deliverAllDue();
        assertThat(n.received).isEmpty();
    }

    @Test
    void aRelayKilledMidBatchLosesNothingAndOnlyRepeatsTheSameIds() throws Exception {
        CountDownLatch stuck = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        Map<UUID, Integer> deliveries = new java.util.concurrent.ConcurrentHashMap<>();
        Notifier hanging = new Notifier() {
            @Override
            public String name() {
                return "feed";
            }

            @Override
            public void deliver(Notification n) {
                deliveries.merge(n.id(), 1, Integer::sum);
                if (deliveries.size() == 5) {
                    entered.countDown();
                    // the node "dies" here: this thread never comes back in time
                    while (true) {
                        try {
                            if (stuck.await(1, TimeUnit.MINUTES)) {
                                return;
                            }
                        } catch (InterruptedException ignored) {
                            // a killed pool interrupts; a dead node would not answer either
                        }
                    }
                }
            }
        };
        Support first = Support.builder()
                .store(store)
                .clock(clock)
                .directory(s -> Set.of("u-admin"))
                .linkTemplate("https://ent.example/t/{id}")
                .notifier(hanging)
                .relay(b ->
                        b.batchSize(20).threads(1).lease(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20)))
                .build();
        Set<Long> tickets = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            tickets.add(file(first, "Demande " + i).id());
        }
        first.relay().start();
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        boolean finished = first.relay().stop(Duration.ofMillis(100));
        assertThat(finished).isFalse();

        // a new node starts; the dead node's lease expires
        clock.advance(Duration.ofMinutes(3));
        Map<UUID, Integer> secondDeliveries = new java.util.concurrent.ConcurrentHashMap<>();
        Map<UUID, Long> ticketOf = new HashMap<>();
        RecordingNotifier feed = new RecordingNotifier("feed") {
            @Override
            public void deliver(Notification n) throws DeliveryException {
                secondDeliveries.merge(n.id(), 1, Integer::sum);
                ticketOf.put(n.id(), n.ticketId());
                super.deliver(n);
            }
        };
        Support second = Support.builder()
                .store(store)
                .clock(clock)
                .directory(s -> Set.of("u-admin"))
                .linkTemplate("https://ent.example/t/{id}")
                .notifier(feed)
                .build();
        second.relay().deliverAllDue();
        stuck.countDown();

        Set<UUID> all = new HashSet<>(deliveries.keySet());
        all.addAll(secondDeliveries.keySet());
        assertThat(all).hasSize(30);
        assertThat(secondDeliveries.values()).allMatch(c -> c == 1);
        Set<Long> reached = new HashSet<>(ticketOf.values());
        assertThat(store.outbox().pendingCount()).isZero();
        Set<UUID> repeated = deliveries.keySet().stream()
                .filter(secondDeliveries::containsKey)
                .collect(Collectors.toSet());
        assertThat(repeated)
                .as("only the notification in flight when the node died is repeated")
                .hasSize(1);
        assertThat(tickets).containsAll(reached);
    }

    @Test
    void relaySettingsAreValidatedWithClearMessages() {
        assertThatThrownBy(
                        () -> OutboxRelay.builder(store.outbox()).batchSize(0).build())
                .hasMessage("batchSize must be between 1 and 1000, but was 0");
        assertThatThrownBy(() -> RetryPolicy.builder().factor(0.5).build())
                .hasMessage("factor must be between 1.0 and 10.0, but was 0.5");
        assertThatThrownBy(() -> RetryPolicy.builder()
                        .initialDelay(Duration.ofMinutes(5))
                        .maxDelay(Duration.ofMinutes(1))
                        .build())
                .hasMessage("maxDelay must be between initialDelay (PT5M) and PT168H, but was PT1M");
        assertThatThrownBy(() -> RetryPolicy.builder().maxAttempts(0).build())
                .hasMessage("maxAttempts must be between 1 and 1000, but was 0");
        assertThatThrownBy(() ->
                        Support.builder().notifier(new RecordingNotifier("x")).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("linkTemplate is required");
        assertThatThrownBy(() -> Support.builder()
                        .linkTemplate("https://e/{id}")
                        .notifier(new RecordingNotifier("x"))
                        .notifier(new RecordingNotifier("x"))
                        .build())
                .hasMessageContaining("two notifiers are named 'x'");
    }

    @Test
    void aGracefulStopFinishesTheDeliveriesInFlight() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean finished = new java.util.concurrent.atomic.AtomicBoolean();
        Notifier slow = new Notifier() {
            @Override
            public String name() {
                return "slow";
            }

            @Override
            public void deliver(Notification n) {
                started.countDown();
                try {
                    Thread.sleep(400);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                finished.set(true);
            }
        };
        Support s = Support.builder()
                .store(store)
                .directory(x -> Set.of("u-admin"))
                .linkTemplate("https://ent.example/t/{id}")
                .notifier(slow)
                .build();
        s.start();
        file(s, "lente");
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        s.close();
        assertThat(finished).isTrue();
        assertThat(store.outbox().pendingCount()).isZero();
        assertThat(s.relay().isRunning()).isFalse();
    }

    @Test
    void backgroundRelayDeliversAfterCommitAndStopsGracefully() throws Exception {
        RecordingNotifier n = new RecordingNotifier("bg");
        Support s = Support.builder()
                .store(store)
                .directory(x -> Set.of("u-admin"))
                .linkTemplate("https://ent.example/t/{id}")
                .notifier(n)
                .relay(b -> b.pollInterval(Duration.ofSeconds(30)))
                .build();
        s.start();
        try {
            file(s, "en arrière-plan");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (n.received.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(n.received).hasSize(1);
        } finally {
            s.close();
        }
        assertThat(s.relay().isRunning()).isFalse();
    }
}

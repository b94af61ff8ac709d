package org.entsupport.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.entsupport.core.outbox.OutboxDraft;
import org.entsupport.core.outbox.OutboxMessage;
import org.entsupport.core.outbox.OutboxState;
import org.entsupport.core.outbox.OutboxStore;
import org.entsupport.core.spi.TicketStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of a store's outbox: messages appear only when their transaction commits, claims are
 * exclusive and leased, outcomes are recorded only by the lease holder, dead messages can be listed
 * and re-queued. Extend it with a store over an empty database.
 */
public abstract class OutboxStoreContract {

    private static final Instant T0 = Instant.parse("2026-05-04T10:00:00.000001Z");
    private static final Duration LEASE = Duration.ofMinutes(1);
    private static final Set<String> TEST = Set.of("notifier:test");

    /** The store under test, fresh for each test. */
    protected TicketStore store;

    /** Creates the contract. */
    protected OutboxStoreContract() {}

    /**
     * Returns a store over an empty database; called before each test.
     *
     * @return a store over an empty database; called before each test
     */
    protected abstract TicketStore createStore();

    @BeforeEach
    void setUpStore() {
        store = createStore();
    }

    private OutboxStore outbox() {
        return store.outbox();
    }

    private UUID enqueue(Instant due) {
        return enqueue("notifier:test", due);
    }

    private UUID enqueue(String channel, Instant due) {
        UUID id = UUID.randomUUID();
        store.useTransaction(tx -> {
            tx.enqueue(new OutboxDraft(id, channel, "notification", 42, "{\"n\":\"é\"}", due));
        });
        return id;
    }

    @Test
    void aClaimTakesOnlyTheChannelsOfItsCaller() {
        UUID mail = enqueue("notifier:email", T0);
        UUID desk = enqueue("desk:redmine", T0.plusSeconds(1));
        UUID feed = enqueue("notifier:feed", T0.plusSeconds(2));

        // a node without the e-mail notifier and without the desk leaves their messages alone
        assertThat(outbox().claimDue(T0.plusSeconds(5), 10, LEASE, "node-1", Set.of("notifier:feed")))
                .extracting(OutboxMessage::id)
                .containsExactly(feed);
        assertThat(outbox().claimDue(T0.plusSeconds(5), 10, LEASE, "node-1", Set.of()))
                .isEmpty();
        assertThat(outbox().find(mail).orElseThrow().state()).isEqualTo(OutboxState.PENDING);
        assertThat(outbox().find(mail).orElseThrow().attempts()).isZero();

        // the node that has them claims them, oldest due first, and settles them
        List<OutboxMessage> second = outbox().claimDue(
                        T0.plusSeconds(5),
                        10,
                        LEASE,
                        "node-2",
                        Set.of("notifier:email", "desk:redmine", "notifier:feed"));
        assertThat(second).extracting(OutboxMessage::id).containsExactly(mail, desk);
        assertThat(outbox().markAllDelivered(List.of(mail, desk), "node-2")).isEqualTo(2);
        assertThat(outbox().pendingCount()).isEqualTo(1);
    }

    @Test
    void aClaimLimitedToOneChannelStillTakesTheOldestFirstBehindOtherChannels() {
        List<UUID> wanted = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            enqueue("notifier:email", T0.plusMillis(i)); // older rows of a channel this node lacks
        }
        for (int i = 0; i < 5; i++) {
            wanted.add(enqueue("notifier:feed", T0.plusSeconds(10 + i)));
        }
        assertThat(outbox().claimDue(T0.plusSeconds(60), 3, LEASE, "node-1", Set.of("notifier:feed")))
                .extracting(OutboxMessage::id)
                .containsExactlyElementsOf(wanted.subList(0, 3));
        assertThat(outbox().claimDue(T0.plusSeconds(60), 10, LEASE, "node-1", Set.of("notifier:feed")))
                .extracting(OutboxMessage::id)
                .containsExactlyElementsOf(wanted.subList(3, 5));
    }

    @Test
    void purgingDeletesOnlyOldDeliveredMessagesInBatches() {
        List<UUID> old = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            old.add(enqueue(T0.plusSeconds(i)));
        }
        UUID recent = enqueue(T0.plusSeconds(100));
        UUID dead = enqueue(T0.plusSeconds(6));
        UUID pending = enqueue(T0.plusSeconds(7));
        outbox().claimDue(T0.plusSeconds(100), 10, LEASE, "relay-a", TEST);
        assertThat(outbox().markAllDelivered(old, "relay-a")).isEqualTo(5);
        assertThat(outbox().markDelivered(recent, "relay-a")).isTrue();
        assertThat(outbox().markDead(dead, "relay-a", 3, "gave up")).isTrue();
        assertThat(outbox().markRetry(pending, "relay-a", 1, T0.plusSeconds(200), "503"))
                .isTrue();

        Instant cutoff = T0.plusSeconds(50);
        assertThat(outbox().purgeDelivered(cutoff, 2)).isEqualTo(2);
        assertThat(outbox().purgeDelivered(cutoff, 2)).isEqualTo(2);
        assertThat(outbox().purgeDelivered(cutoff, 2)).isEqualTo(1);
        assertThat(outbox().purgeDelivered(cutoff, 2)).isZero();
        assertThat(old).allSatisfy(id -> assertThat(outbox().find(id)).isEmpty());
        assertThat(outbox().find(recent)).isPresent();
        assertThat(outbox().find(dead).orElseThrow().state()).isEqualTo(OutboxState.DEAD);
        assertThat(outbox().find(pending).orElseThrow().state()).isEqualTo(OutboxState.PENDING);
    }

    @Test
    void aDeadMessageIsPurgedOnlyByName() {
        UUID dead = enqueue(T0);
        UUID pending = enqueue(T0);
        outbox().claimDue(T0, 10, LEASE, "relay-a", TEST);
        assertThat(outbox().markDead(dead, "relay-a", 1, "permanent: 400")).isTrue();

        assertThat(outbox().purgeDelivered(T0.plusSeconds(3600), 10)).isZero();
        assertThat(outbox().purgeDead(pending)).isFalse();
        assertThat(outbox().purgeDead(UUID.randomUUID())).isFalse();
        assertThat(outbox().purgeDead(dead)).isTrue();
        assertThat(outbox().purgeDead(dead)).isFalse();
        assertThat(outbox().find(dead)).isEmpty();
        assertThat(outbox().deadMessages(10)).isEmpty();
        assertThat(outbox().find(pending)).isPresent();
    }

    @Test
    void aCommittedMessageIsClaimableWithEveryField() {
        UUID id = enqueue(T0);
        List<OutboxMessage> claimed = outbox().claimDue(T0, 10, LEASE, "relay-a", TEST);
        assertThat(claimed).singleElement().satisfies(m -> {
            assertThat(m.id()).isEqualTo(id);
            assertThat(m.channel()).isEqualTo("notifier:test");
            assertThat(m.kind()).isEqualTo("notification");
            assertThat(m.ticketId()).isEqualTo(42);
            assertThat(m.payload()).isEqualTo("{\"n\":\"é\"}");
            assertThat(m.dueAt()).isEqualTo(T0);
            assertThat(m.attempts()).isZero();
            assertThat(m.state()).isEqualTo(OutboxState.PENDING);
        });
        assertThat(outbox().pendingCount()).isEqualTo(1);
    }

    @Test
    void aRolledBackMessageNeverAppears() {
        assertThatThrownBy(() -> store.inTransaction(tx -> {
                    tx.enqueue(new OutboxDraft(UUID.randomUUID(), "notifier:test", "notification", 1, "{}", T0));
                    throw new IllegalStateException("rollback");
                }))
                .hasMessage("rollback");
        assertThat(outbox().claimDue(T0.plusSeconds(60), 10, LEASE, "relay-a", TEST))
                .isEmpty();
        assertThat(outbox().pendingCount()).isZero();
    }

    @Test
    void aMessageIsNotClaimedBeforeItIsDue() {
        enqueue(T0.plusSeconds(30));
        assertThat(outbox().claimDue(T0, 10, LEASE, "relay-a", TEST)).isEmpty();
        assertThat(outbox().claimDue(T0.plusSeconds(30), 10, LEASE, "relay-a", TEST))
                .hasSize(1);
    }

    @Test
    void aClaimIsExclusiveUntilItsLeaseExpires() {
        UUID id = enqueue(T0);
        assertThat(outbox().claimDue(T0, 10, LEASE, "relay-a", TEST)).hasSize(1);
        assertThat(outbox().claimDue(T0.plusSeconds(59), 10, LEASE, "relay-b", TEST))
                .isEmpty();
        List<OutboxMessage> retaken = outbox().claimDue(T0.plusSeconds(61), 10, LEASE, "relay-b", TEST);
        assertThat(retaken).extracting(OutboxMessage::id).containsExactly(id);
        // the first relay lost its lease: its outcome is not recorded
        assertThat(outbox().markDelivered(id, "relay-a")).isFalse();
        assertThat(outbox().markDelivered(id, "relay-b")).isTrue();
        assertThat(outbox().find(id))
                .hasValueSatisfying(m -> assertThat(m.state()).isEqualTo(OutboxState.DELIVERED));
        assertThat(outbox().claimDue(T0.plusSeconds(3600), 10, LEASE, "relay-c", TEST))
                .isEmpty();
        assertThat(outbox().pendingCount()).isZero();
    }

    @Test
    void aBatchIsMarkedDeliveredWhereTheOwnerStillHoldsTheLease() {
        List<UUID> mine = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            mine.add(enqueue(T0));
        }
        assertThat(outbox().claimDue(T0, 10, LEASE, "relay-a", TEST)).hasSize(5);
        UUID lost = enqueue(T0);
        assertThat(outbox().claimDue(T0, 10, LEASE, "relay-b", TEST)).hasSize(1);
        UUID unclaimed = enqueue(T0.plusSeconds(3600));
        List<UUID> asked = new ArrayList<>(mine);
        asked.add(lost);
        asked.add(unclaimed);
        asked.add(UUID.randomUUID());

        assertThat(outbox().markAllDelivered(asked, "relay-a")).isEqualTo(5);
        assertThat(outbox().markAllDelivered(mine, "relay-a"))
                .as("already delivered")
                .isZero();
        assertThat(outbox().markAllDelivered(List.of(), "relay-a")).isZero();

        for (UUID id : mine) {
            assertThat(outbox().find(id))
                    .hasValueSatisfying(m -> assertThat(m.state()).isEqualTo(OutboxState.DELIVERED));
        }
        assertThat(outbox().find(lost))
                .hasValueSatisfying(m -> assertThat(m.state()).isEqualTo(OutboxState.PENDING));
        assertThat(outbox().pendingCount()).isEqualTo(2);
        assertThat(outbox().markAllDelivered(List.of(lost), "relay-b")).isEqualTo(1);
    }

    @Test
    void aRetryOrADeathFromAnotherOwnerChangesNothing() {
        UUID id = enqueue(T0);
        assertThat(outbox().claimDue(T0, 10, LEASE, "relay-a", TEST)).hasSize(1);

        assertThat(outbox().markRetry(id, "relay-b", 1, T0.plusSeconds(10), "timeout"))
                .isFalse();
        assertThat(outbox().markDead(id, "relay-b", 1, "permanent: 400")).isFalse();
        assertThat(outbox().find(id)).hasValueSatisfying(m -> {
            assertThat(m.state()).isEqualTo(OutboxState.PENDING);
            assertThat(m.attempts()).isZero();
            assertThat(m.dueAt()).isEqualTo(T0);
            assertThat(m.lastError()).isNull();
        });
        // relay-a still holds the lease: nobody else can claim the row before it expires
        assertThat(outbox().claimDue(T0.plusSeconds(59), 10, LEASE, "relay-b", TEST))
                .isEmpty();
        assertThat(outbox().deadMessages(10)).isEmpty();
        assertThat(outbox().markRetry(id, "relay-a", 1, T0.plusSeconds(10), "timeout"))
                .isTrue();
    }

    @Test
    void aRetryOrADeathAfterTheLeaseWasTakenOverChangesNothing() {
        UUID id = enqueue(T0);
        assertThat(outbox().claimDue(T0, 10, LEASE, "relay-a", TEST)).hasSize(1);
        assertThat(outbox().claimDue(T0.plusSeconds(61), 10, LEASE, "relay-b", TEST))
                .extracting(OutboxMessage::id)
                .containsExactly(id);

        // the first relay's outcome comes too late: the row stays as the new owner holds it
        assertThat(outbox().markRetry(id, "relay-a", 1, T0.plusSeconds(10), "timeout"))
                .isFalse();
        assertThat(outbox().markDead(id, "relay-a", 1, "gave up")).isFalse();
        assertThat(outbox().find(id)).hasValueSatisfying(m -> {
            assertThat(m.state()).isEqualTo(OutboxState.PENDING);
            assertThat(m.attempts()).isZero();
            assertThat(m.dueAt()).isEqualTo(T0);
            assertThat(m.lastError()).isNull();
        });
        assertThat(outbox().claimDue(T0.plusSeconds(62), 10, LEASE, "relay-c", TEST))
                .as("relay-b's lease is intact")
                .isEmpty();
        assertThat(outbox().markDead(id, "relay-b", 2, "permanent: 400")).isTrue();
        assertThat(outbox().deadMessages(10)).singleElement().satisfies(m -> {
            assertThat(m.id()).isEqualTo(id);
            assertThat(m.attempts()).isEqualTo(2);
            assertThat(m.lastError()).isEqualTo("permanent: 400");
        });
        // a settled row has no owner any more: a late outcome from anyone changes nothing
        assertThat(outbox().markRetry(id, "relay-b", 3, T0.plusSeconds(100), "late"))
                .isFalse();
        assertThat(outbox().markDead(id, "relay-b", 3, "late")).isFalse();
        assertThat(outbox().markDelivered(id, "relay-b")).isFalse();
        assertThat(outbox().find(id)).hasValueSatisfying(m -> {
            assertThat(m.state()).isEqualTo(OutboxState.DEAD);
            assertThat(m.attempts()).isEqualTo(2);
        });
    }

    @Test
    void anUnclaimedRowIsSettledByNobody() {
        UUID id = enqueue(T0);
        assertThat(outbox().markDelivered(id, "relay-a")).isFalse();
        assertThat(outbox().markAllDelivered(List.of(id), "relay-a")).isZero();
        assertThat(outbox().markRetry(id, "relay-a", 1, T0.plusSeconds(10), "timeout"))
                .isFalse();
        assertThat(outbox().markDead(id, "relay-a", 1, "gave up")).isFalse();
        assertThat(outbox().find(id)).hasValueSatisfying(m -> {
            assertThat(m.state()).isEqualTo(OutboxState.PENDING);
            assertThat(m.attempts()).isZero();
        });
        assertThat(outbox().claimDue(T0, 10, LEASE, "relay-a", TEST))
                .extracting(OutboxMessage::id)
                .containsExactly(id);
    }

    @Test
    void aBatchAfterATakeOverMarksOnlyTheRowsTheOwnerStillHolds() {
        UUID takenOver = enqueue(T0);
        UUID stillHeld = enqueue(T0.plusSeconds(30));
        assertThat(outbox().claimDue(T0, 10, LEASE, "relay-a", TEST))
                .extracting(OutboxMessage::id)
                .containsExactly(takenOver);
        assertThat(outbox().claimDue(T0.plusSeconds(30), 10, LEASE, "relay-a", TEST))
                .extracting(OutboxMessage::id)
                .containsExactly(stillHeld);
        // the first lease expired, the second runs until T0+90: relay-b takes over only the first row
        assertThat(outbox().claimDue(T0.plusSeconds(61), 10, LEASE, "relay-b", TEST))
                .extracting(OutboxMessage::id)
                .containsExactly(takenOver);

        assertThat(outbox().markAllDelivered(List.of(takenOver, stillHeld), "relay-a"))
                .isEqualTo(1);
        assertThat(outbox().find(stillHeld).orElseThrow().state()).isEqualTo(OutboxState.DELIVERED);
        assertThat(outbox().find(takenOver).orElseThrow().state()).isEqualTo(OutboxState.PENDING);
        assertThat(outbox().claimDue(T0.plusSeconds(62), 10, LEASE, "relay-c", TEST))
                .as("relay-b's lease is intact")
                .isEmpty();
        assertThat(outbox().markAllDelivered(List.of(takenOver, stillHeld), "relay-b"))
                .isEqualTo(1);
        assertThat(outbox().find(takenOver).orElseThrow().state()).isEqualTo(OutboxState.DELIVERED);
        assertThat(outbox().pendingCount()).isZero();
    }

    @Test
    void aRetryIsScheduledWithItsAttemptAndError() {
        UUID id = enqueue(T0);
        outbox().claimDue(T0, 10, LEASE, "relay-a", TEST);
        assertThat(outbox().markRetry(id, "relay-a", 1, T0.plusSeconds(10), "timeout"))
                .isTrue();
        assertThat(outbox().claimDue(T0.plusSeconds(9), 10, LEASE, "relay-a", TEST))
                .isEmpty();
        List<OutboxMessage> again = outbox().claimDue(T0.plusSeconds(10), 10, LEASE, "relay-b", TEST);
        assertThat(again).singleElement().satisfies(m -> {
            assertThat(m.attempts()).isEqualTo(1);
            assertThat(m.lastError()).isEqualTo("timeout");
            assertThat(m.dueAt()).isEqualTo(T0.plusSeconds(10));
        });
    }

    @Test
    void deadMessagesAreListedAndCanBeRequeued() {
        UUID first = enqueue(T0);
        UUID second = enqueue(T0.plusSeconds(1));
        outbox().claimDue(T0.plusSeconds(1), 10, LEASE, "relay-a", TEST);
        assertThat(outbox().markDead(first, "relay-a", 5, "gave up: 503")).isTrue();
        assertThat(outbox().markDead(second, "relay-a", 1, "permanent: 400")).isTrue();

        assertThat(outbox().deadMessages(10)).extracting(OutboxMessage::id).containsExactly(first, second);
        assertThat(outbox().deadMessages(1)).extracting(OutboxMessage::id).containsExactly(first);
        assertThat(outbox().deadMessages(10).get(0).lastError()).isEqualTo("gave up: 503");
        assertThat(outbox().deadMessages(10).get(0).attempts()).isEqualTo(5);
        assertThat(outbox().pendingCount()).isZero();

        assertThat(outbox().requeue(first, T0.plusSeconds(100))).isTrue();
        assertThat(outbox().requeue(first, T0.plusSeconds(100))).isFalse();
        assertThat(outbox().requeue(UUID.randomUUID(), T0)).isFalse();
        assertThat(outbox().claimDue(T0.plusSeconds(100), 10, LEASE, "relay-b", TEST))
                .singleElement()
                .satisfies(m -> {
                    assertThat(m.id()).isEqualTo(first);
                    assertThat(m.attempts()).isZero();
                });
        assertThat(outbox().deadMessages(10)).extracting(OutboxMessage::id).containsExactly(second);
    }

    @Test
    void concurrentRelaysNeverClaimOneMessageTwice() throws Exception {
        int n = 120;
        Set<UUID> all = new HashSet<>();
        for (int i = 0; i < n; i++) {
            all.add(enqueue(T0));
        }
        ConcurrentLinkedQueue<UUID> claimed = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            String owner = "relay-" + r;
            futures.add(pool.submit(() -> {
                go.await();
                List<OutboxMessage> batch;
                do {
                    batch = outbox().claimDue(T0, 7, LEASE, owner, TEST);
                    for (OutboxMessage m : batch) {
                        claimed.add(m.id());
                        assertThat(outbox().markDelivered(m.id(), owner)).isTrue();
                    }
                } while (!batch.isEmpty());
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        assertThat(claimed).hasSize(n);
        assertThat(new HashSet<>(claimed)).isEqualTo(all);
        assertThat(outbox().pendingCount()).isZero();
    }
}

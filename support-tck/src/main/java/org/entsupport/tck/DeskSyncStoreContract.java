package org.entsupport.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.entsupport.core.spi.DeskSyncStore;
import org.entsupport.core.spi.TicketStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of a store's desk-synchroniser state: one node at a time holds a desk's poll lease,
 * the cursor is saved only by the lease holder and survives the lease, and failed issues wait in a
 * backlog. Extend it with a store over an empty database.
 */
public abstract class DeskSyncStoreContract {

    private static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(5);

    /** The store under test, fresh for each test. */
    protected TicketStore store;

    /** Creates the contract. */
    protected DeskSyncStoreContract() {}

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

    private DeskSyncStore sync() {
        return store.deskSync();
    }

    @Test
    void oneNodeAtATimeHoldsTheLease() {
        assertThat(sync().acquire("redmine", "node-a", T0, LEASE)).hasValueSatisfying(s -> {
            assertThat(s.cursor()).isNull();
            assertThat(s.lastPoll()).isNull();
        });
        assertThat(sync().acquire("redmine", "node-b", T0.plusSeconds(60), LEASE))
                .isEmpty();
        // the holder renews it; another desk is free
        assertThat(sync().acquire("redmine", "node-a", T0.plusSeconds(60), LEASE))
                .isPresent();
        assertThat(sync().acquire("zendesk", "node-b", T0, LEASE)).isPresent();
        // an expired lease is taken over
        assertThat(sync().acquire("redmine", "node-b", T0.plusSeconds(60).plus(LEASE), LEASE))
                .isPresent();
        assertThat(sync().saveCursor("redmine", "node-a", "stale", T0.plusSeconds(400)))
                .isFalse();
    }

    @Test
    void theCursorIsSavedByTheHolderAndOutlivesTheLease() {
        sync().acquire("redmine", "node-a", T0, LEASE);
        assertThat(sync().saveCursor("redmine", "node-a", "cursor-1", T0.plusSeconds(1)))
                .isTrue();
        assertThat(sync().saveCursor("redmine", "node-b", "intruder", T0.plusSeconds(2)))
                .isFalse();
        sync().release("redmine", "node-a");

        assertThat(sync().acquire("redmine", "node-b", T0.plusSeconds(3), LEASE))
                .hasValueSatisfying(s -> {
                    assertThat(s.cursor()).isEqualTo("cursor-1");
                    assertThat(s.lastPoll()).isEqualTo(T0.plusSeconds(1));
                });
    }

    @Test
    void releasingByAnotherNodeChangesNothing() {
        sync().acquire("redmine", "node-a", T0, LEASE);
        sync().release("redmine", "node-b");
        assertThat(sync().acquire("redmine", "node-b", T0.plusSeconds(1), LEASE))
                .isEmpty();
    }

    @Test
    void failedIssuesWaitInABacklogOncePerIssue() {
        sync().markForResync("redmine", "17", T0);
        sync().markForResync("redmine", "4", T0.plusSeconds(1));
        sync().markForResync("redmine", "17", T0.plusSeconds(2));
        sync().markForResync("zendesk", "99", T0);

        assertThat(sync().resyncBacklog("redmine", 10)).containsExactly("17", "4");
        assertThat(sync().resyncBacklog("redmine", 1)).containsExactly("17");
        sync().resynced("redmine", "17");
        assertThat(sync().resyncBacklog("redmine", 10)).containsExactly("4");
        assertThat(sync().resyncBacklog("zendesk", 10)).containsExactly("99");
    }
}

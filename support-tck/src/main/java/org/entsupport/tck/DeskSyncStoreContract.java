package org.entsupport.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.entsupport.core.desk.InstallationId;
import org.entsupport.core.model.Escalation;
import org.entsupport.core.model.EscalationStatus;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketStatus;
import org.entsupport.core.spi.DeskFileImport;
import org.entsupport.core.spi.DeskSyncStore;
import org.entsupport.core.spi.TicketDraft;
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

    @Test
    void theInstallationIdIsStoredOnceAndKept() {
        assertThat(sync().installation(InstallationId.of("first1"))).isEqualTo(InstallationId.of("first1"));
        assertThat(sync().installation(InstallationId.of("second2"))).isEqualTo(InstallationId.of("first1"));
    }

    private java.util.Optional<DeskFileImport> file(String desk, String fileId) {
        return store.inTransaction(tx -> tx.deskFile(desk, fileId));
    }

    private List<Ticket> followed(String desk, long after, int limit) {
        return store.inTransaction(tx -> tx.escalatedTo(desk, after, limit));
    }

    private Ticket ticket(String subject) {
        return store.inTransaction(tx -> tx.insertTicket(new TicketDraft(
                "u-1", "Ursula", "school-1", "/blog", subject, "d", TicketStatus.OPENED, T0, "fr", 0, null)));
    }

    private Ticket escalate(Ticket t, String desk, String issue, EscalationStatus status) {
        Ticket changed = TicketCopy.of(t)
                .escalation(status, new Escalation("u-admin", T0, desk, issue, null, null, null, "new"), T0)
                .nextVersion();
        store.useTransaction(tx -> {
            tx.updateTicket(changed, t.version());
        });
        return changed;
    }

    @Test
    void aDeskFileStateIsKeptPerDeskAndFileAndReplaced() {
        Ticket t = ticket("files");
        DeskFileImport pending = new DeskFileImport(
                "redmine", "att-7", t.id(), "capture.png", DeskFileImport.State.PENDING, 1, "timeout", T0);
        store.useTransaction(tx -> {
            tx.saveDeskFile(pending);
        });
        assertThat(file("redmine", "att-7")).contains(pending);
        assertThat(file("zendesk", "att-7")).isEmpty();

        DeskFileImport imported = new DeskFileImport(
                "redmine", "att-7", t.id(), "capture.png", DeskFileImport.State.IMPORTED, 2, null, T0.plusSeconds(60));
        store.useTransaction(tx -> {
            tx.saveDeskFile(imported);
        });
        assertThat(file("redmine", "att-7")).contains(imported);
    }

    @Test
    void aDeskFileStateWrittenInARolledBackTransactionIsNotKept() {
        Ticket t = ticket("rollback");
        try {
            store.inTransaction(tx -> {
                tx.saveDeskFile(new DeskFileImport(
                        "redmine", "att-8", t.id(), "a.pdf", DeskFileImport.State.IMPORTED, 1, null, T0));
                throw new IllegalStateException("the attachment insert failed");
            });
        } catch (IllegalStateException expected) {
            // the file's state goes with the transaction
        }
        assertThat(file("redmine", "att-8")).isEmpty();
    }

    @Test
    void followedEscalationsAreTheSuccessfulOnesOfTheDeskByTicketId() {
        Ticket a = escalate(ticket("a"), "redmine", "11", EscalationStatus.SUCCESSFUL);
        escalate(ticket("b"), "redmine", "12", EscalationStatus.FAILED);
        escalate(ticket("c"), "zendesk", "13", EscalationStatus.SUCCESSFUL);
        ticket("d");
        Ticket e = escalate(ticket("e"), "redmine", "15", EscalationStatus.SUCCESSFUL);

        assertThat(followed("redmine", 0, 10)).extracting(Ticket::id).containsExactly(a.id(), e.id());
        assertThat(followed("redmine", 0, 1)).extracting(Ticket::id).containsExactly(a.id());
        List<Ticket> next = followed("redmine", a.id(), 10);
        assertThat(next).extracting(Ticket::id).containsExactly(e.id());
        assertThat(next.get(0).escalation()).extracting(Escalation::externalId).isEqualTo("15");
    }
}

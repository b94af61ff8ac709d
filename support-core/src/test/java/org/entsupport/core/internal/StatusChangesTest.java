package org.entsupport.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.entsupport.core.AccessDeniedException;
import org.entsupport.core.BulkResult;
import org.entsupport.core.IllegalTransitionException;
import org.entsupport.core.TicketChanges;
import org.entsupport.core.TicketVersionConflictException;
import org.entsupport.core.model.EscalationStatus;
import org.entsupport.core.model.EventType;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketStatus;
import org.junit.jupiter.api.Test;

class StatusChangesTest {

    private final TestContext c = new TestContext();
    private final StatusChanges changes = new StatusChanges(c.ctx);

    @Test
    void aStaleVersionChangesNothing() {
        Ticket t = c.file("stale");
        changes.changeStatus(c.admin, t.id(), TicketStatus.OPENED, t.version());

        assertThatThrownBy(() -> changes.changeStatus(c.admin, t.id(), TicketStatus.WAITING, t.version()))
                .isInstanceOfSatisfying(TicketVersionConflictException.class, e -> {
                    assertThat(e.expectedVersion()).isEqualTo(t.version());
                    assertThat(e.actualVersion()).isEqualTo(t.version() + 1);
                });
        assertThat(c.stored(t.id()).status()).isEqualTo(TicketStatus.OPENED);
        assertThat(c.events(t.id())).hasSize(2);
    }

    @Test
    void aMoveTheWorkflowForbidsNamesBothStatusesAndWhatIsAllowed() {
        Ticket t = c.file("owner closes");

        assertThatThrownBy(() -> changes.changeStatus(c.owner, t.id(), TicketStatus.CLOSED, t.version()))
                .isInstanceOfSatisfying(IllegalTransitionException.class, e -> {
                    assertThat(e.from()).isEqualTo(TicketStatus.NEW);
                    assertThat(e.to()).isEqualTo(TicketStatus.CLOSED);
                    assertThat(e.allowed()).containsExactly(TicketStatus.RESOLVED);
                })
                .hasMessageContaining("NEW")
                .hasMessageContaining("CLOSED");
        assertThat(c.stored(t.id())).isEqualTo(t);
    }

    @Test
    void aStatusChangeRecordsItsEventWithTheCause() {
        Ticket t = c.file("resolve");

        Ticket resolved = changes.changeStatus(c.owner, t.id(), TicketStatus.RESOLVED, t.version());

        assertThat(resolved.version()).isEqualTo(t.version() + 1);
        assertThat(resolved.statusChanged()).isEqualTo(c.clock.instant());
        assertThat(c.events(t.id()).get(1).type()).isEqualTo(EventType.STATUS_CHANGED);
        assertThat(c.events(t.id()).get(1).parameters())
                .containsEntry("from", "NEW")
                .containsEntry("to", "RESOLVED")
                .containsEntry("cause", "explicit");
    }

    @Test
    void bulkGivesEachTicketItsOutcome() {
        Ticket a = c.file("a");
        Ticket b = changes.changeStatus(c.admin, c.file("b").id(), TicketStatus.WAITING, 1);

        BulkResult r = changes.changeStatuses(c.admin, List.of(a.id(), b.id(), 999L), TicketStatus.WAITING);

        assertThat(r.outcomes().get(a.id()).kind()).isEqualTo(BulkResult.Kind.CHANGED);
        assertThat(r.outcomes().get(b.id()).kind()).isEqualTo(BulkResult.Kind.UNCHANGED);
        assertThat(r.outcomes().get(999L).kind()).isEqualTo(BulkResult.Kind.NOT_FOUND);
        assertThat(c.events(a.id()).get(1).parameters()).containsEntry("cause", "bulk");
    }

    @Test
    void theOwnerMayNotEditTheDescriptionOnceEscalated() {
        Ticket t = c.file("escalated");
        c.store.inTransaction(tx -> {
            tx.updateTicket(
                    TicketEdits.nextVersion(TicketEdits.withEscalation(
                            t,
                            EscalationStatus.IN_PROGRESS,
                            TicketEdits.requested("u-admin", c.clock.instant(), "memory"),
                            c.clock.instant())),
                    t.version());
            return null;
        });

        assertThatThrownBy(() -> changes.update(
                        c.owner, t.id(), TicketChanges.basedOn(t.version() + 1).description("new text")))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("escalated");
        assertThat(changes.update(
                                c.owner,
                                t.id(),
                                TicketChanges.basedOn(t.version() + 1).subject("new subject"))
                        .subject())
                .isEqualTo("new subject");
    }
}

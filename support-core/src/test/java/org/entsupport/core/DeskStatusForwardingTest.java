package org.entsupport.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.entsupport.core.memory.InMemorySupportDesk;
import org.entsupport.core.model.Origin;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketStatus;
import org.entsupport.notify.NotificationType;
import org.junit.jupiter.api.Test;

/** Our status changes reach the desk through the outbox, after commit, once each; their echoes are not imported. */
class DeskStatusForwardingTest {

    private final DeskFixture f = new DeskFixture();

    private InMemorySupportDesk.StoredIssue issue(Ticket t) {
        return f.desk.issue(f.issueOf(t)).orElseThrow();
    }

    @Test
    void theRequesterResolvingReachesTheDeskAfterCommitAndItsEchoIsNotImported() {
        Ticket t = f.escalated("Résolue");
        int calls = f.desk.calls();
        f.support.changeStatus(f.owner, t.id(), TicketStatus.RESOLVED, t.version());
        assertThat(f.desk.calls()).isEqualTo(calls); // never inline, in the user's transaction
        assertThat(issue(t).status()).isEqualTo(InMemorySupportDesk.NEW);

        f.drain();
        f.drain();
        assertThat(issue(t).status()).isEqualTo(InMemorySupportDesk.RESOLVED);
        assertThat(issue(t).comments()).singleElement().satisfies(c -> {
            assertThat(c.statusChangeId()).isNotNull();
            assertThat(c.body()).contains("Olivia Owner", "RESOLVED");
        });

        f.notifier.received.clear();
        f.sync();
        f.sync();
        assertThat(f.comments(t.id())).noneMatch(c -> c.origin() == Origin.DESK);
        assertThat(f.ticket(t.id()).status()).isEqualTo(TicketStatus.RESOLVED);
        assertThat(f.sent(NotificationType.DESK_STATUS_CHANGED)).isEmpty();
    }

    @Test
    void aReopeningCommentReopensTheDeskIssueAndARefusedStatusStillLeavesTheNote() {
        Ticket t = f.escalated("Rouverte");
        f.support.changeStatus(f.owner, t.id(), TicketStatus.RESOLVED, t.version());
        f.drain();
        f.support.comment(f.owner, t.id(), NewComment.of("Finalement, ça ne marche toujours pas."));
        f.drain();
        assertThat(f.ticket(t.id()).status()).isEqualTo(TicketStatus.OPENED);
        assertThat(issue(t).status()).isEqualTo(InMemorySupportDesk.OPEN);

        f.desk.refuseStatusChanges(true);
        Ticket current = f.ticket(t.id());
        f.support.changeStatus(f.admin, t.id(), TicketStatus.CLOSED, current.version());
        f.drain();
        assertThat(issue(t).status()).isEqualTo(InMemorySupportDesk.OPEN);
        assertThat(issue(t).comments())
                .filteredOn(c -> c.statusChangeId() != null)
                .hasSize(3);
        assertThat(f.support.relay().deadMessages(10)).isEmpty();
    }
}

package org.entsupport.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.entsupport.core.model.EscalationStatus;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketStatus;
import org.entsupport.notify.NotificationType;
import org.entsupport.notify.Recipient;
import org.junit.jupiter.api.Test;

/**
 * Escalations that end: an issue deleted or hidden on the desk, a refusal; the status the escalation forced is
 * put back, the référents are told, requesters read a plain sentence and a new hand-over is allowed.
 */
class DeskLifecycleTest {

    private final DeskFixture f = new DeskFixture();

    private List<String> timeline(long ticketId, Locale locale) {
        return f.support.timeline(f.owner, ticketId).stream()
                .map(e -> TimelineText.describe(e, locale))
                .toList();
    }

    @Test
    void aDeletedIssueFailsTheEscalationRestoresTheStatusTellsTheReferentsAndAllowsANewHandOver() {
        Ticket t = f.escalated("Supprimée");
        assertThat(t.status()).isEqualTo(TicketStatus.OPENED);
        String first = f.issueOf(t);
        f.desk.deleteIssue(first);
        f.notifier.received.clear();

        f.sync();
        f.drain();

        Ticket after = f.ticket(t.id());
        assertThat(after.escalationStatus()).isEqualTo(EscalationStatus.FAILED);
        assertThat(after.escalation().failure()).contains("issue " + first + " was deleted");
        assertThat(after.status()).isEqualTo(TicketStatus.NEW);
        assertThat(f.sent(NotificationType.DESK_ISSUE_GONE))
                .singleElement()
                .satisfies(n ->
                        assertThat(n.recipients()).extracting(Recipient::userId).containsExactly("u-admin"));
        assertThat(timeline(t.id(), Locale.FRENCH))
                .contains("Le ticket de la demande n'existe plus chez le support ; l'établissement continue de la"
                        + " traiter et peut la transmettre à nouveau.")
                .noneMatch(line -> line.contains("was deleted"));

        f.support.escalate(f.admin, t.id());
        f.drain();
        Ticket again = f.ticket(t.id());
        assertThat(again.escalationStatus()).isEqualTo(EscalationStatus.SUCCESSFUL);
        assertThat(again.escalation().externalId()).isNotEqualTo(first);
    }

    @Test
    void anIssueHiddenFromTheConnectorIsFoundByTheHourlyCheck() {
        Ticket a = f.escalated("Cachée");
        Ticket b = f.escalated("Cachée plus tard");
        f.sync(); // the first poll checks at once
        f.desk.hideIssue(f.issueOf(b));
        f.sync();
        assertThat(f.ticket(b.id()).escalationStatus()).isEqualTo(EscalationStatus.SUCCESSFUL);

        f.clock.advance(Duration.ofHours(1));
        f.sync();
        assertThat(f.ticket(b.id()).escalationStatus()).isEqualTo(EscalationStatus.FAILED);
        assertThat(f.ticket(a.id()).escalationStatus()).isEqualTo(EscalationStatus.SUCCESSFUL);
    }

    @Test
    void aCommentForADeletedIssueEndsTheEscalationInsteadOfDying() {
        Ticket t = f.escalated("Commentaire perdu");
        f.desk.deleteIssue(f.issueOf(t));
        f.support.comment(f.owner, t.id(), NewComment.of("Toujours là ?"));
        f.drain();
        assertThat(f.ticket(t.id()).escalationStatus()).isEqualTo(EscalationStatus.FAILED);
        assertThat(f.support.relay().deadMessages(10)).isEmpty();
    }

    @Test
    void aRefusalPutsBackTheStatusTheEscalationForcedAndTheRequesterReadsAPlainSentence() {
        f.desk.refuse("HTTP 422 {\"errors\":[\"Tracker is not included in the list\"]}");
        Ticket t = f.file("Refusée");
        f.support.escalate(f.admin, t.id());
        f.drain();

        Ticket failed = f.ticket(t.id());
        assertThat(failed.escalationStatus()).isEqualTo(EscalationStatus.FAILED);
        assertThat(failed.status()).isEqualTo(TicketStatus.NEW);
        assertThat(failed.escalation().failure()).contains("Tracker is not included");
        assertThat(f.sent(NotificationType.ESCALATION_FAILED))
                .singleElement()
                .satisfies(n -> assertThat(n.parameters().get("reason")).contains("Tracker is not included"));
        assertThat(timeline(t.id(), Locale.FRENCH))
                .contains("Le support n'a pas pu prendre la demande en charge ; l'établissement continue de la"
                        + " traiter.")
                .noneMatch(line -> line.contains("Tracker"));
        assertThat(timeline(t.id(), Locale.ENGLISH))
                .contains("The support desk could not take the request; the school's team keeps handling it.");
    }

    @Test
    void aStatusChangedAfterTheEscalationIsKeptWhenItFails() {
        f.desk.goDown();
        Ticket t = f.file("Changée entre-temps");
        Ticket escalated = f.support.escalate(f.admin, t.id());
        f.support.changeStatus(f.admin, t.id(), TicketStatus.WAITING, escalated.version());
        f.drain();
        Ticket failed = f.ticket(t.id());
        assertThat(failed.escalationStatus()).isEqualTo(EscalationStatus.FAILED);
        assertThat(failed.status()).isEqualTo(TicketStatus.WAITING);
    }
}

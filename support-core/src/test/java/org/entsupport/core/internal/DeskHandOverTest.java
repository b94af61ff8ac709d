package org.entsupport.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;
import org.entsupport.core.NewComment;
import org.entsupport.core.desk.DeskException;
import org.entsupport.core.desk.DeskIssue;
import org.entsupport.core.desk.EscalationRequest;
import org.entsupport.core.desk.SupportDesk;
import org.entsupport.core.model.EscalationStatus;
import org.entsupport.core.model.EventType;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.outbox.OutboxMessage;
import org.entsupport.notify.Notification;
import org.entsupport.notify.NotificationType;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class DeskHandOverTest {

    private final SupportDesk desk = mock(SupportDesk.class);
    private final TestContext c;
    private final DeskHandOver handOver;

    DeskHandOverTest() {
        when(desk.name()).thenReturn("redmine");
        c = TestContext.with(List.of(), List.of(desk));
        handOver = new DeskHandOver(c.ctx, desk);
    }

    /** A ticket with a comment before the escalation, escalated; returns the escalation command. */
    private OutboxMessage escalated(Ticket t) {
        new Conversation(c.ctx).comment(c.owner, t.id(), NewComment.of("Before"));
        new Escalations(c.ctx).escalate(c.admin, t.id());
        return c.outbox().get(0);
    }

    @Test
    void theDeskOpensOneIssueFromTheSnapshotAndTheEscalationSucceeds() throws Exception {
        Ticket t = c.file("for the desk");
        OutboxMessage command = escalated(t);
        when(desk.open(any(), any())).thenReturn(new DeskIssue("4711", "https://desk/4711", "1"));

        handOver.handle(command);

        ArgumentCaptor<EscalationRequest> sent = ArgumentCaptor.forClass(EscalationRequest.class);
        verify(desk, times(1)).open(sent.capture(), eq(command.id().toString()));
        assertThat(sent.getValue().subject()).isEqualTo("for the desk");
        assertThat(sent.getValue().escalatedById()).isEqualTo("u-admin");
        assertThat(sent.getValue().comments()).extracting(x -> x.body()).containsExactly("Before");
        Ticket after = c.stored(t.id());
        assertThat(after.escalationStatus()).isEqualTo(EscalationStatus.SUCCESSFUL);
        assertThat(after.escalation().externalId()).isEqualTo("4711");
        assertThat(c.events(t.id())).last().satisfies(e -> {
            assertThat(e.type()).isEqualTo(EventType.ESCALATION_SUCCEEDED);
            assertThat(e.parameters()).containsEntry("externalId", "4711");
        });
    }

    @Test
    void aTicketNoLongerWaitingIsNeverSentToTheDesk() throws Exception {
        Ticket t = c.file("settled");
        OutboxMessage command = escalated(t);
        handOver.onDead(command, "gave up");

        handOver.handle(command);

        verify(desk, never()).open(any(), any());
    }

    @Test
    void aCommentWaitsUntilTheDeskAcceptedTheEscalation() throws Exception {
        Ticket t = c.file("early comment");
        escalated(t);
        new Conversation(c.ctx).comment(c.admin, t.id(), NewComment.of("Quick"));
        OutboxMessage forward = c.outbox().get(0);

        assertThatThrownBy(() -> handOver.handle(forward))
                .isInstanceOf(DeskHandOver.NotYet.class)
                .hasMessageContaining("is not yet accepted by desk redmine");
        assertThat(handOver.isRetryable(new DeskHandOver.NotYet("x"))).isTrue();
        verify(desk, never()).forwardComment(any(), any(), any());
    }

    @Test
    void givingUpMakesTheEscalationFailedAndTellsTheAdminWhoEscalated() {
        org.entsupport.notify.Notifier notifier = mock(org.entsupport.notify.Notifier.class);
        when(notifier.name()).thenReturn("mock");
        when(notifier.supports(any())).thenReturn(true);
        TestContext n = TestContext.with(List.of(notifier), List.of(desk));
        Ticket t = n.file("refused");
        new Escalations(n.ctx).escalate(n.admin, t.id());
        OutboxMessage command = n.outbox().stream()
                .filter(m -> m.kind().equals("escalate"))
                .findFirst()
                .orElseThrow();

        new DeskHandOver(n.ctx, desk).onDead(command, "project archived");

        Ticket after = n.stored(t.id());
        assertThat(after.escalationStatus()).isEqualTo(EscalationStatus.FAILED);
        assertThat(after.escalation().failure()).isEqualTo("project archived");
        List<Notification> failed = n.outbox().stream()
                .filter(m -> m.kind().equals(NotificationCodec.KIND))
                .map(m -> NotificationCodec.decode(m.payload()))
                .filter(x -> x.type() == NotificationType.ESCALATION_FAILED)
                .toList();
        assertThat(failed).singleElement().satisfies(x -> {
            assertThat(x.recipients()).extracting(r -> r.userId()).containsExactly("u-admin");
            assertThat(x.parameters()).containsEntry("reason", "project archived");
        });
    }

    @Test
    void onlyRetryableDeskFailuresAreRetried() {
        assertThat(handOver.isRetryable(DeskException.retryable("down", null))).isTrue();
        assertThat(handOver.isRetryable(DeskException.permanent("refused"))).isFalse();
        assertThat(handOver.isRetryable(new IllegalArgumentException("not a valid Escalate")))
                .isFalse();
    }

    @Test
    void aDeskThatAsksToWaitIsRetriedAfterTheDelayItGave() {
        assertThat(handOver.retryAfter(DeskException.retryable("busy", java.time.Duration.ofSeconds(30), 429)))
                .contains(java.time.Duration.ofSeconds(30));
        assertThat(handOver.retryAfter(DeskException.retryable("down", null))).isEmpty();
        assertThat(handOver.retryAfter(new java.io.IOException("reset"))).isEmpty();
        assertThat(handOver.isRetryable(new java.io.IOException("reset"))).isTrue();
        assertThat(handOver.isRetryable(new ClassCastException())).isFalse();
        assertThat(handOver.isRetryable(new NullPointerException())).isFalse();
    }
}

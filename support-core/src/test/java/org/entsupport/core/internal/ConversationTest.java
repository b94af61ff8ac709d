package org.entsupport.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.List;
import org.entsupport.core.NewComment;
import org.entsupport.core.ReopenWindowExpiredException;
import org.entsupport.core.desk.SupportDesk;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketStatus;
import org.entsupport.core.outbox.OutboxMessage;
import org.junit.jupiter.api.Test;

class ConversationTest {

    @Test
    void anAdminsAnswerOpensANewTicket() {
        TestContext c = new TestContext();
        Ticket t = c.file("question");

        new Conversation(c.ctx).comment(c.admin, t.id(), NewComment.of("Which browser?"));

        Ticket after = c.stored(t.id());
        assertThat(after.status()).isEqualTo(TicketStatus.OPENED);
        assertThat(after.commentCount()).isEqualTo(1);
        assertThat(after.version()).isEqualTo(t.version() + 1);
        assertThat(c.events(t.id()).get(1).parameters())
                .containsEntry("to", "OPENED")
                .containsEntry("cause", "comment");
    }

    @Test
    void theOwnersOwnCommentLeavesANewTicketNew() {
        TestContext c = new TestContext();
        Ticket t = c.file("more details");

        new Conversation(c.ctx).comment(c.owner, t.id(), NewComment.of("More details"));

        assertThat(c.stored(t.id()).status()).isEqualTo(TicketStatus.NEW);
        assertThat(c.events(t.id())).hasSize(1);
    }

    @Test
    void afterTheReopenWindowACommentIsRefusedAndNothingIsWritten() {
        TestContext c = new TestContext();
        Ticket t = c.file("done");
        Ticket resolved = new StatusChanges(c.ctx).changeStatus(c.admin, t.id(), TicketStatus.RESOLVED, t.version());
        c.clock.advance(c.ctx.settings().reopenWindow().plus(Duration.ofSeconds(1)));

        assertThatThrownBy(() -> new Conversation(c.ctx).comment(c.owner, t.id(), NewComment.of("Still broken")))
                .isInstanceOf(ReopenWindowExpiredException.class);
        assertThat(c.stored(t.id())).isEqualTo(resolved);
    }

    @Test
    void aCommentOnAnEscalatedTicketIsForwardedThroughTheOutboxNeverDirectly() throws Exception {
        SupportDesk desk = mock(SupportDesk.class);
        when(desk.name()).thenReturn("redmine");
        TestContext c = TestContext.with(List.of(), List.of(desk));
        Ticket t = c.file("escalated");
        new Escalations(c.ctx).escalate(c.admin, t.id());

        var comment = new Conversation(c.ctx).comment(c.admin, t.id(), NewComment.of("For the desk"));

        List<OutboxMessage> outbox = c.outbox();
        assertThat(outbox).extracting(OutboxMessage::kind).containsExactly("escalate", "forward-comment");
        assertThat(outbox.get(1).channel()).isEqualTo("desk:redmine");
        assertThat(DeskCommands.forward(outbox.get(1).payload()))
                .isEqualTo(new DeskCommands.Forward(t.id(), comment.comment().id()));
        verify(desk, never()).forwardComment(any(), any(), any());
        verify(desk, never()).open(any(), any());
    }

    @Test
    void aCommentOnATicketNeverEscalatedWritesNoDeskCommand() {
        SupportDesk desk = mock(SupportDesk.class);
        when(desk.name()).thenReturn("redmine");
        TestContext c = TestContext.with(List.of(), List.of(desk));
        Ticket t = c.file("local");

        new Conversation(c.ctx).comment(c.admin, t.id(), NewComment.of("Handled here"));

        assertThat(c.outbox()).isEmpty();
    }
}

package org.entsupport.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;
import org.entsupport.core.AccessDeniedException;
import org.entsupport.core.BulkResult;
import org.entsupport.core.EscalationNotAllowedException;
import org.entsupport.core.NewTicket;
import org.entsupport.core.desk.SupportDesk;
import org.entsupport.core.model.EscalationStatus;
import org.entsupport.core.model.EventType;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketStatus;
import org.entsupport.core.outbox.OutboxMessage;
import org.junit.jupiter.api.Test;

class EscalationsTest {

    private final SupportDesk desk = mock(SupportDesk.class);

    private TestContext context() {
        when(desk.name()).thenReturn("redmine");
        return TestContext.with(List.of(), List.of(desk));
    }

    @Test
    void escalatingOpensTheTicketAndLeavesTheDeskCallToTheOutbox() throws Exception {
        TestContext c = context();
        Ticket t = c.file("to the desk");

        Ticket escalated = new Escalations(c.ctx).escalate(c.admin, t.id());

        assertThat(escalated.escalationStatus()).isEqualTo(EscalationStatus.IN_PROGRESS);
        assertThat(escalated.status()).isEqualTo(TicketStatus.OPENED);
        assertThat(escalated.escalation().desk()).isEqualTo("redmine");
        assertThat(c.events(t.id()))
                .extracting(e -> e.type())
                .containsExactly(EventType.CREATED, EventType.STATUS_CHANGED, EventType.ESCALATION_REQUESTED);
        List<OutboxMessage> outbox = c.outbox();
        assertThat(outbox).singleElement().satisfies(m -> {
            assertThat(m.channel()).isEqualTo("desk:redmine");
            assertThat(DeskCommands.escalate(m.payload()))
                    .isEqualTo(new DeskCommands.Escalate(t.id(), "u-admin", "Adam Admin", 0));
        });
        verify(desk, never()).open(any(), any());
    }

    @Test
    void aSchoolWithoutEscalationIsRefusedNamingIt() {
        TestContext c = context();
        Ticket t = new Filing(c.ctx)
                .create(
                        c.owner,
                        NewTicket.builder()
                                .school("s2")
                                .category("/blog")
                                .subject("s2")
                                .description("d")
                                .build());

        assertThatThrownBy(() -> new Escalations(c.ctx).escalate(c.platformAdmin, t.id()))
                .isInstanceOf(EscalationNotAllowedException.class)
                .hasMessageContaining("escalation is not enabled for school s2");
        assertThat(c.stored(t.id())).isEqualTo(t);
        assertThat(c.outbox()).isEmpty();
    }

    @Test
    void theOwnerMayNotEscalate() {
        TestContext c = context();
        Ticket t = c.file("mine");

        assertThatThrownBy(() -> new Escalations(c.ctx).escalate(c.owner, t.id()))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("escalation right in school s1");
    }

    @Test
    void withoutADeskEscalationIsRefused() {
        TestContext c = new TestContext();
        Ticket t = c.file("no desk");

        assertThatThrownBy(() -> new Escalations(c.ctx).escalate(c.admin, t.id()))
                .isInstanceOf(EscalationNotAllowedException.class)
                .hasMessageContaining("no support desk is configured");
    }

    @Test
    void aSecondEscalationIsRefusedAndBulkSaysSoPerTicket() {
        TestContext c = context();
        Ticket a = c.file("a");
        Ticket b = c.file("b");
        new Escalations(c.ctx).escalate(c.admin, a.id());

        BulkResult r = new Escalations(c.ctx).escalate(c.admin, List.of(a.id(), b.id()));

        assertThat(r.outcomes().get(a.id()).kind()).isEqualTo(BulkResult.Kind.REFUSED);
        assertThat(r.outcomes().get(a.id()).reason()).contains("already IN_PROGRESS");
        assertThat(r.outcomes().get(b.id()).kind()).isEqualTo(BulkResult.Kind.CHANGED);
    }

    @Test
    void onlyNeverEscalatedOrFailedTicketsMayBeEscalated() {
        assertThat(Rules.allowsEscalation(EscalationStatus.NOT_DONE)).isTrue();
        assertThat(Rules.allowsEscalation(EscalationStatus.FAILED)).isTrue();
        assertThat(Rules.allowsEscalation(EscalationStatus.IN_PROGRESS)).isFalse();
        assertThat(Rules.allowsEscalation(EscalationStatus.SUCCESSFUL)).isFalse();
    }
}

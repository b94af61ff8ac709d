package org.entsupport.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.List;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketStatus;
import org.entsupport.notify.Notification;
import org.entsupport.notify.NotificationType;
import org.entsupport.notify.Notifier;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class HousekeepingTest {

    private final Notifier notifier = mock(Notifier.class);
    private final TestContext c;

    HousekeepingTest() {
        when(notifier.name()).thenReturn("mock");
        when(notifier.supports(any())).thenAnswer(i -> i.getArgument(0) == NotificationType.TICKET_AUTO_CLOSED);
        c = TestContext.with(List.of(notifier), List.of());
    }

    private Ticket resolved(String subject) {
        Ticket t = c.file(subject);
        return new StatusChanges(c.ctx).changeStatus(c.admin, t.id(), TicketStatus.RESOLVED, t.version());
    }

    @Test
    void resolvedTicketsPastTheDelayCloseAndTheirOwnerIsToldOnce() throws Exception {
        Ticket old = resolved("old");
        c.clock.advance(c.ctx.settings().autoCloseAfter().minus(Duration.ofHours(1)));
        Ticket recent = resolved("recent");
        c.clock.advance(Duration.ofHours(2));

        assertThat(new Housekeeping(c.ctx).closeResolvedTickets()).isEqualTo(1);
        c.relay(b -> b).deliverAllDue();

        assertThat(c.stored(old.id()).status()).isEqualTo(TicketStatus.CLOSED);
        assertThat(c.stored(recent.id()).status()).isEqualTo(TicketStatus.RESOLVED);
        assertThat(c.events(old.id()))
                .last()
                .satisfies(e -> assertThat(e.parameters()).containsEntry("cause", "auto-close"));
        ArgumentCaptor<Notification> sent = ArgumentCaptor.forClass(Notification.class);
        verify(notifier, times(1)).deliver(sent.capture());
        assertThat(sent.getValue().ticketId()).isEqualTo(old.id());
        assertThat(sent.getValue().recipients()).extracting(r -> r.userId()).containsExactly("u-owner");
        assertThat(sent.getValue().actorName()).isEqualTo("Aide & Support");
    }

    @Test
    void aSecondRunFindsNothingLeftToClose() {
        resolved("once");
        c.clock.advance(c.ctx.settings().autoCloseAfter().plus(Duration.ofMinutes(1)));
        Housekeeping housekeeping = new Housekeeping(c.ctx);

        assertThat(housekeeping.closeResolvedTickets()).isEqualTo(1);
        assertThat(housekeeping.closeResolvedTickets()).isZero();
    }
}

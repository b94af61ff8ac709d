package org.entsupport.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.List;
import org.entsupport.core.SupportSettings;
import org.entsupport.core.memory.InMemoryTicketStore;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketStatus;
import org.entsupport.core.outbox.OutboxStore;
import org.entsupport.core.spi.TicketStore;
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

    @Test
    void aTicketReopenedAfterItWasPickedIsNeitherClosedNorCounted() {
        InMemoryTicketStore memory = new InMemoryTicketStore();
        TicketStore store = spy(memory);
        TestContext ctx = new TestContext(store, List.of(), List.of(), SupportSettings.defaults());
        Ticket t = ctx.file("repris");
        Ticket resolved =
                new StatusChanges(ctx.ctx).changeStatus(ctx.admin, t.id(), TicketStatus.RESOLVED, t.version());
        ctx.clock.advance(ctx.ctx.settings().autoCloseAfter().plus(Duration.ofMinutes(1)));
        java.util.concurrent.atomic.AtomicBoolean armed = new java.util.concurrent.atomic.AtomicBoolean(true);
        org.mockito.Mockito.doAnswer(call -> {
                    Object result = call.callRealMethod();
                    if (armed.getAndSet(false)) {
                        // between the pick and the close: an admin reopens it
                        new StatusChanges(ctx.ctx)
                                .changeStatus(ctx.admin, t.id(), TicketStatus.OPENED, resolved.version());
                    }
                    return result;
                })
                .when(store)
                .inTransaction(any());

        assertThat(new Housekeeping(ctx.ctx).closeResolvedTickets()).isZero();

        assertThat(ctx.stored(t.id()).status()).isEqualTo(TicketStatus.OPENED);
    }

    @Test
    void anAutoClosedEscalatedTicketTellsItsDesk() {
        org.entsupport.core.desk.SupportDesk desk = mock(org.entsupport.core.desk.SupportDesk.class);
        when(desk.name()).thenReturn("redmine");
        when(desk.statusMapping()).thenReturn(org.entsupport.core.desk.DeskStatusMapping.none());
        TestContext ctx = TestContext.with(List.of(), List.of(desk));
        Ticket accepted = ctx.acceptedEscalation("escaladé");
        new StatusChanges(ctx.ctx).changeStatus(ctx.admin, accepted.id(), TicketStatus.RESOLVED, accepted.version());
        ctx.clock.advance(ctx.ctx.settings().autoCloseAfter().plus(Duration.ofMinutes(1)));

        assertThat(new Housekeeping(ctx.ctx).closeResolvedTickets()).isEqualTo(1);

        assertThat(ctx.outbox())
                .filteredOn(m -> DeskCommands.FORWARD_STATUS.equals(m.kind()))
                .hasSize(2)
                .last()
                .satisfies(m -> {
                    assertThat(m.channel()).isEqualTo("desk:redmine");
                    DeskCommands.ForwardStatus command = DeskCommands.forwardStatus(m.payload());
                    assertThat(command.from()).isEqualTo("RESOLVED");
                    assertThat(command.to()).isEqualTo("CLOSED");
                    assertThat(command.actorName()).isEqualTo("auto-close");
                });
    }

    /** A context whose store's outbox is {@code outbox}, the rest in memory. */
    private static TestContext withOutbox(OutboxStore outbox) {
        TicketStore store = spy(new InMemoryTicketStore());
        doReturn(outbox).when(store).outbox();
        return new TestContext(store, List.of(), List.of(), SupportSettings.defaults());
    }

    @Test
    void theOutboxPurgeDeletesBatchesOfFiveHundredUntilAShortOne() {
        OutboxStore outbox = mock(OutboxStore.class);
        when(outbox.purgeDelivered(any(), anyInt())).thenReturn(500, 500, 3, 500);
        TestContext t = withOutbox(outbox);

        assertThat(new Housekeeping(t.ctx).purgeDeliveredOutbox()).isEqualTo(1_003);

        verify(outbox, times(3)).purgeDelivered(eq(t.clock.instant().minus(Duration.ofDays(7))), eq(500));
    }

    @Test
    void oneOutboxPurgeStopsAfterTwoHundredFullBatches() {
        OutboxStore outbox = mock(OutboxStore.class);
        when(outbox.purgeDelivered(any(), anyInt())).thenReturn(500);
        TestContext t = withOutbox(outbox);

        assertThat(new Housekeeping(t.ctx).purgeDeliveredOutbox()).isEqualTo(100_000);
        verify(outbox, times(200)).purgeDelivered(any(), anyInt());
    }

    @Test
    void anOutboxWithNothingToPurgeIsAskedOnce() {
        OutboxStore outbox = mock(OutboxStore.class);
        TestContext t = withOutbox(outbox);

        assertThat(new Housekeeping(t.ctx).purgeDeliveredOutbox()).isZero();
        verify(outbox, times(1)).purgeDelivered(any(), anyInt());
    }

    @Test
    void aRunCountsWhatTheAutoCloseAndThePurgeDidEachFailingAlone() {
        OutboxStore outbox = mock(OutboxStore.class);
        when(outbox.purgeDelivered(any(), anyInt()))
                .thenReturn(2)
                .thenThrow(new IllegalStateException("outbox unavailable"))
                .thenReturn(0);
        TestContext t = withOutbox(outbox);
        Ticket ticket = t.file("resolved");
        new StatusChanges(t.ctx).changeStatus(t.admin, ticket.id(), TicketStatus.RESOLVED, ticket.version());
        t.clock.advance(t.ctx.settings().autoCloseAfter().plus(Duration.ofMinutes(1)));
        Housekeeping housekeeping = new Housekeeping(t.ctx);

        assertThat(housekeeping.run())
                .as("one ticket closed, two messages purged")
                .isEqualTo(3);

        Ticket other = t.file("resolved later");
        new StatusChanges(t.ctx).changeStatus(t.admin, other.id(), TicketStatus.RESOLVED, other.version());
        t.clock.advance(t.ctx.settings().autoCloseAfter().plus(Duration.ofMinutes(1)));
        assertThat(housekeeping.run())
                .as("the purge failed, the auto-close still counts")
                .isEqualTo(1);
        assertThat(t.stored(other.id()).status()).isEqualTo(TicketStatus.CLOSED);
        assertThat(housekeeping.run()).isZero();
    }
}

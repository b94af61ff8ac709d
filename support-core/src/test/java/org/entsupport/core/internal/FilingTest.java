package org.entsupport.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Optional;
import org.entsupport.core.NewTicket;
import org.entsupport.core.SupportSettings;
import org.entsupport.core.ValidationException;
import org.entsupport.core.memory.InMemoryTicketStore;
import org.entsupport.core.model.EventType;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketStatus;
import org.entsupport.core.spi.TicketStore;
import org.entsupport.notify.Notification;
import org.entsupport.notify.NotificationType;
import org.entsupport.notify.Notifier;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class FilingTest {

    private static NewTicket.Builder request() {
        return NewTicket.builder()
                .school("s1")
                .category("/blog")
                .subject("Cannot publish")
                .description("Nothing");
    }

    @Test
    void aRefusedRequestNeverReachesTheStore() {
        TicketStore store = mock(TicketStore.class);
        TestContext c = new TestContext(store, List.of(), List.of(), SupportSettings.defaults());

        assertThatThrownBy(() -> new Filing(c.ctx)
                        .create(
                                c.owner,
                                request()
                                        .subject(" ")
                                        .description("abc\u202Edef")
                                        .build()))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("subject: must not be blank")
                .hasMessageContaining("description");
        verifyNoInteractions(store);
    }

    @Test
    void filingWritesTheTicketItsCreationAndOneNoticeToTheSchoolAdmins() throws Exception {
        Notifier notifier = mock(Notifier.class);
        when(notifier.name()).thenReturn("mock");
        when(notifier.supports(any())).thenReturn(true);
        TestContext c = TestContext.with(List.of(notifier), List.of());

        Ticket t = new Filing(c.ctx).create(c.owner, request().build());
        c.relay(b -> b).deliverAllDue();

        assertThat(t.status()).isEqualTo(TicketStatus.NEW);
        assertThat(c.events(t.id())).extracting(e -> e.type()).containsExactly(EventType.CREATED);
        ArgumentCaptor<Notification> sent = ArgumentCaptor.forClass(Notification.class);
        verify(notifier, times(1)).deliver(sent.capture());
        assertThat(sent.getValue().type()).isEqualTo(NotificationType.TICKET_CREATED);
        assertThat(sent.getValue().recipients()).extracting(r -> r.userId()).containsExactly("u-admin");
        assertThat(sent.getValue().parameters()).containsEntry("subject", "Cannot publish");
    }

    @Test
    void theSameIdempotencyKeyAnswersTheFirstTicketAndWritesNothing() {
        TestContext c = new TestContext();
        Filing filing = new Filing(c.ctx);

        Ticket first = filing.create(c.owner, request().idempotencyKey("k-1").build());
        Ticket again = filing.create(
                c.owner, request().subject("Other").idempotencyKey("k-1").build());

        assertThat(again).isEqualTo(first);
        assertThat(c.events(first.id())).hasSize(1);
        Optional<Ticket> second = c.store.inTransaction(tx -> tx.findTicket(first.id() + 1));
        assertThat(second).isEmpty();
    }

    @Test
    void aRequestForASchoolTheActorIsNotInIsRefused() {
        TestContext c = new TestContext(new InMemoryTicketStore(), List.of(), List.of(), SupportSettings.defaults());

        assertThatThrownBy(() ->
                        new Filing(c.ctx).create(c.owner, request().school("s9").build()))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("school");
    }
}

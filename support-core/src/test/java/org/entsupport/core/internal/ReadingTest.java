package org.entsupport.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.entsupport.core.Page;
import org.entsupport.core.TicketNotFoundException;
import org.entsupport.core.TicketQuery;
import org.entsupport.core.ValidationException;
import org.entsupport.core.Violation;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketStatus;
import org.junit.jupiter.api.Test;

class ReadingTest {

    private final TestContext c = new TestContext();
    private final Reading reading = new Reading(c.ctx);

    @Test
    void aTicketTheActorMayNotSeeIsNotFound() {
        Ticket t = c.file("Private");

        assertThat(reading.get(c.admin, t.id())).isEqualTo(t);
        assertThatThrownBy(() -> reading.get(c.stranger, t.id()))
                .isInstanceOf(TicketNotFoundException.class)
                .hasMessage("No such ticket: " + t.id());
        assertThatThrownBy(() -> reading.timeline(c.stranger, t.id())).isInstanceOf(TicketNotFoundException.class);
    }

    @Test
    void pagesFollowTheCursorToTheEnd() {
        Ticket t1 = c.file("one");
        Ticket t2 = c.file("two");
        Ticket t3 = c.file("three");

        Page<Ticket> first =
                reading.list(c.admin, TicketQuery.builder().pageSize(2).build());
        Page<Ticket> second = reading.list(
                c.admin,
                TicketQuery.builder()
                        .pageSize(2)
                        .after(first.nextCursor().orElseThrow())
                        .build());

        assertThat(first.items()).containsExactly(t3, t2);
        assertThat(second.items()).containsExactly(t1);
        assertThat(second.hasNext()).isFalse();
    }

    @Test
    void countsPerStatusNameEveryStatus() {
        c.file("one");
        c.file("two");

        assertThat(reading.countByStatus(c.admin, TicketQuery.all()))
                .containsEntry(TicketStatus.NEW, 2L)
                .containsEntry(TicketStatus.CLOSED, 0L)
                .hasSize(TicketStatus.values().length);
        assertThat(reading.count(
                        c.admin,
                        TicketQuery.builder().statuses(TicketStatus.OPENED).build()))
                .isZero();
        assertThat(reading.count(c.stranger, TicketQuery.all())).isZero();
    }

    @Test
    void allowedStatusesAnswerFromTheWorkflowTable() {
        Ticket t = c.file("menu");

        assertThat(reading.allowedStatuses(c.owner, t.id())).containsExactly(TicketStatus.RESOLVED);
        assertThat(reading.allowedStatuses(c.admin, t.id()))
                .isEqualTo(
                        Set.of(TicketStatus.OPENED, TicketStatus.WAITING, TicketStatus.RESOLVED, TicketStatus.CLOSED));
    }

    private static String refusedField(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        Throwable[] thrown = new Throwable[1];
        assertThatThrownBy(call).isInstanceOfSatisfying(ValidationException.class, e -> thrown[0] = e);
        return ((ValidationException) thrown[0])
                .violations().stream()
                        .map(Violation::field)
                        .reduce((a, b) -> a + "," + b)
                        .orElse("");
    }

    @Test
    void aSearchTextWithAControlCharacterOrALoneSurrogateIsRefusedNamingIt() {
        c.file("imprimante");

        assertThat(refusedField(() -> reading.list(
                        c.admin, TicketQuery.builder().text("imprimante\u0007").build())))
                .isEqualTo("text");
        assertThat(refusedField(() -> reading.count(
                        c.admin, TicketQuery.builder().text("\uD800imprimante").build())))
                .isEqualTo("text");
        assertThat(refusedField(() -> reading.countByStatus(
                        c.admin, TicketQuery.builder().text("a\u0000").build())))
                .isEqualTo("text");
        assertThat(reading.count(
                        c.admin,
                        TicketQuery.builder().text("imprimante \uD83D\uDE00").build()))
                .as("a well-formed emoji is text")
                .isZero();
    }

    @Test
    void aSchoolIdThatIsEmptyTooLongOrHasControlsIsRefusedAtItsBoundary() {
        assertThat(refusedField(() ->
                        reading.list(c.admin, TicketQuery.builder().schools("").build())))
                .isEqualTo("schools");
        assertThat(refusedField(() -> reading.list(
                        c.admin, TicketQuery.builder().schools("s".repeat(256)).build())))
                .isEqualTo("schools");
        assertThat(refusedField(() -> reading.list(
                        c.admin, TicketQuery.builder().schools("s1\n").build())))
                .isEqualTo("schools");
        assertThat(reading.list(
                                c.admin,
                                TicketQuery.builder().schools("s".repeat(255)).build())
                        .items())
                .as("255 characters is a school id, of no school of the admin")
                .isEmpty();
    }
}

package org.entsupport.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.entsupport.core.Ownership;
import org.entsupport.core.Page;
import org.entsupport.core.TicketQuery;
import org.entsupport.core.ValidationException;
import org.entsupport.core.model.Ticket;
import org.junit.jupiter.api.Test;

class ReadingPagesTest {

    private final TestContext c = new TestContext();
    private final Reading reading = new Reading(c.ctx);

    @Test
    void aListOfExactlyThePageSizeIsTheLastPage() {
        Ticket t1 = c.file("one");
        Ticket t2 = c.file("two");

        Page<Ticket> page =
                reading.list(c.admin, TicketQuery.builder().pageSize(2).build());

        assertThat(page.items()).containsExactly(t2, t1);
        assertThat(page.hasNext()).isFalse();
        assertThat(page.nextCursor()).isEmpty();
    }

    @Test
    void oneTicketMoreThanThePageSizeGivesACursorAfterTheLastShown() {
        c.file("one");
        Ticket t2 = c.file("two");
        Ticket t3 = c.file("three");

        Page<Ticket> page =
                reading.list(c.admin, TicketQuery.builder().pageSize(2).build());

        assertThat(page.items()).containsExactly(t3, t2);
        assertThat(page.hasNext()).isTrue();
        Page<Ticket> rest = reading.list(
                c.admin,
                TicketQuery.builder()
                        .pageSize(2)
                        .after(page.nextCursor().orElseThrow())
                        .build());
        assertThat(rest.items()).hasSize(1).doesNotContain(t2, t3);
    }

    @Test
    void thePageSizeIsAcceptedFromOneToTheMaximumAndRefusedOutside() {
        c.file("one");
        int max = c.ctx.settings().maxPageSize();
        assertThat(reading.list(c.admin, TicketQuery.builder().pageSize(1).build())
                        .items())
                .hasSize(1);
        assertThat(reading.list(c.admin, TicketQuery.builder().pageSize(max).build())
                        .items())
                .hasSize(1);

        for (int bad : new int[] {0, max + 1}) {
            assertThatThrownBy(() -> reading.list(
                            c.admin, TicketQuery.builder().pageSize(bad).build()))
                    .isInstanceOfSatisfying(
                            ValidationException.class,
                            e -> assertThat(e.violations())
                                    .singleElement()
                                    .satisfies(x -> assertThat(x.field()).isEqualTo("pageSize")));
        }
    }

    @Test
    void searchKeepsOnlyTheTicketsThatHoldEveryWord() {
        Ticket printer = c.file("Imprimante en panne");
        c.file("Mot de passe oublié");

        assertThat(reading.list(
                                c.admin,
                                TicketQuery.builder().text("IMPRIMANTE").build())
                        .items())
                .containsExactly(printer);
        assertThat(reading.list(
                                c.admin,
                                TicketQuery.builder().text("panne imprimante").build())
                        .items())
                .containsExactly(printer);
        assertThat(reading.list(
                                c.admin,
                                TicketQuery.builder().text("panne oublie").build())
                        .items())
                .isEmpty();
        assertThat(reading.count(c.admin, TicketQuery.builder().text("oublie").build()))
                .isEqualTo(1);
    }

    @Test
    void theSearchTextIsLimitedTo200Characters() {
        c.file("x");
        String longest = "a".repeat(200);
        assertThat(reading.list(c.admin, TicketQuery.builder().text(longest).build())
                        .items())
                .isEmpty();
        assertThatThrownBy(() -> reading.list(
                        c.admin, TicketQuery.builder().text(longest + "a").build()))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations())
                                .singleElement()
                                .satisfies(x -> assertThat(x.field()).isEqualTo("text")));
    }

    @Test
    void mineShowsALocalAdministratorOnlyTheirOwnRequests() {
        c.file("the owner's");

        assertThat(reading.list(
                                c.admin,
                                TicketQuery.builder().ownership(Ownership.ALL).build())
                        .items())
                .hasSize(1);
        assertThat(reading.list(
                                c.admin,
                                TicketQuery.builder().ownership(Ownership.MINE).build())
                        .items())
                .isEmpty();
        assertThat(reading.list(
                                c.owner,
                                TicketQuery.builder().ownership(Ownership.MINE).build())
                        .items())
                .hasSize(1);
        assertThat(reading.list(
                                c.owner,
                                TicketQuery.builder()
                                        .ownership(Ownership.OTHERS)
                                        .build())
                        .items())
                .isEmpty();
    }
}

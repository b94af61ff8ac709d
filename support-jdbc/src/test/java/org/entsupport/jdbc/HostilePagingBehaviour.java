package org.entsupport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.entsupport.core.Actor;
import org.entsupport.core.NewTicket;
import org.entsupport.core.Page;
import org.entsupport.core.Support;
import org.entsupport.core.TicketQuery;
import org.entsupport.core.ValidationException;
import org.entsupport.core.Violation;
import org.entsupport.core.model.SortDirection;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketSort;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Forged cursors, out-of-range dates, NUL characters in a cursor, a school filter or a search: each is a
 * {@link ValidationException} naming the field, on each database (never a database error), and a genuine
 * cursor still pages to the end.
 */
abstract class HostilePagingBehaviour {

    /** The database of the subclass, created in its {@code @BeforeAll}. */
    protected abstract TestDatabase db();

    private final Actor admin = Actor.user("u-admin", "Adam").adminOf("s1").build();
    private Support support;

    @BeforeEach
    void setUp() {
        db().clear();
        support = Support.builder().store(db().jdbc.store()).build();
        Actor owner = Actor.user("u-owner", "Olivia").memberOf("s1").build();
        for (int i = 0; i < 3; i++) {
            support.create(
                    owner,
                    NewTicket.builder()
                            .school("s1")
                            .category("/blog")
                            .subject("Sujet " + i)
                            .description("Description " + i)
                            .build());
        }
    }

    private static String cursor(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private void refused(String field, TicketQuery query) {
        assertThatThrownBy(() -> support.list(admin, query))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations())
                                .extracting(Violation::field)
                                .containsExactly(field));
    }

    @Test
    void forgedCursorsAreRefusedOnTheCursorField() {
        List<String> forged = List.of(
                "c1|MODIFIED|DESC|1|99999999999999.0",
                "c1|MODIFIED|DESC|1|-99999999999.0",
                "c1|MODIFIED|DESC|1|1.-1",
                "c1|MODIFIED|DESC|1|1.1000000000",
                "c1|MODIFIED|DESC|1|31556889864403199.999999999",
                "c1|MODIFIED|DESC|99999999999999999999|1.0",
                "c1|MODIFIED|DESC|-1|1.0",
                "c1|MODIFIED|DESC|1|1\u0000.0",
                "c1|MODIFIED|DESC|1\u0000|1.0",
                "c1|MODIFIED|ASC|1|1.0",
                "c2|MODIFIED|DESC|1|1.0");
        for (String raw : forged) {
            refused("cursor", TicketQuery.builder().after(cursor(raw)).build());
        }
        refused("cursor", TicketQuery.builder().after("\u0000").build());
        refused("cursor", TicketQuery.builder().after("x".repeat(100_000)).build());
        TicketQuery.Builder bySubject = TicketQuery.builder().sort(TicketSort.SUBJECT, SortDirection.ASC);
        refused(
                "cursor",
                bySubject.after(cursor("c1|SUBJECT|ASC|1|Sujet\u00000")).build());
        refused(
                "cursor",
                bySubject.after(cursor("c1|SUBJECT|ASC|1|" + "z".repeat(5000))).build());
        TicketQuery.Builder byStatus = TicketQuery.builder().sort(TicketSort.STATUS, SortDirection.ASC);
        refused("cursor", byStatus.after(cursor("c1|STATUS|ASC|1|99")).build());
        TicketQuery.Builder byId = TicketQuery.builder().sort(TicketSort.ID, SortDirection.DESC);
        refused("cursor", byId.after(cursor("c1|ID|DESC|1|-5")).build());
    }

    @Test
    void nulAndControlCharactersInFiltersAreRefusedOnTheirField() {
        refused("schools", TicketQuery.builder().schools("s1\u0000").build());
        refused("schools", TicketQuery.builder().schools("").build());
        refused("text", TicketQuery.builder().text("écran\u0000noir").build());
        assertThatThrownBy(() -> support.count(
                        admin, TicketQuery.builder().text("a\u0000").build()))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void genuineCursorsStillPageToTheEndInEveryOrder() {
        for (TicketSort sort : TicketSort.values()) {
            for (SortDirection dir : SortDirection.values()) {
                List<Long> seen = new ArrayList<>();
                Page<Ticket> page = support.list(
                        admin, TicketQuery.builder().sort(sort, dir).pageSize(1).build());
                seen.addAll(page.items().stream().map(Ticket::id).toList());
                while (page.hasNext()) {
                    page = support.list(
                            admin,
                            TicketQuery.builder()
                                    .sort(sort, dir)
                                    .pageSize(1)
                                    .after(page.nextCursor().orElseThrow())
                                    .build());
                    seen.addAll(page.items().stream().map(Ticket::id).toList());
                }
                assertThat(seen).as(sort + " " + dir).hasSize(3).doesNotHaveDuplicates();
            }
        }
    }
}

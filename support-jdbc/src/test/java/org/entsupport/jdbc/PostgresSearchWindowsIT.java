package org.entsupport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.entsupport.core.Actor;
import org.entsupport.core.NewTicket;
import org.entsupport.core.Page;
import org.entsupport.core.Support;
import org.entsupport.core.TicketQuery;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketStatus;
import org.entsupport.core.spi.SearchText;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL search by windows of each school's newest tickets: a very common word is answered from the
 * small windows, a less common one from the large windows, a rare one from the school keys index (V10) after
 * the small windows only, a word of two letters from each school's range, and every page equals the reference (all matching tickets sorted newest first), following
 * cursors to the end.
 */
class PostgresSearchWindowsIT {

    private static final long SEED = 20261204L;
    private static TestDatabase db;
    private static SupportJdbc recorded;
    private static Support support;
    private static final List<String> statements = new CopyOnWriteArrayList<>();
    private static final List<Ticket> all = new ArrayList<>();
    private static Actor admin;

    @BeforeAll
    static void start() {
        db = TestDatabase.postgres();
        recorded = SupportJdbc.builder()
                .dataSource(recording(db.jdbc.dataSource()))
                .schema(db.schema)
                .migrate(false)
                .build();
        support = Support.builder().store(recorded.store()).build();
        admin = Actor.user("u-admin", "Alice")
                .adminOf("s1", "s2", "s3")
                .memberOf("s9")
                .build();
        Random random = new Random(SEED);
        Random sometimes = new Random(SEED + 1); // a word in one ticket in seven
        for (int i = 0; i < 600; i++) {
            String school = "s" + (1 + random.nextInt(4)); // s4: not administered
            Actor owner = i % 97 == 0
                    ? admin
                    : Actor.user("u-" + i, "Owner " + i).memberOf(school).build();
            String schoolOf = owner == admin ? "s9" : school;
            String description = (random.nextInt(3) == 0 ? "la page reste blanche" : "rien")
                    + (random.nextInt(150) == 0 ? " imprimante" : "")
                    + (sometimes.nextInt(7) == 0 ? " cartable" : "");
            all.add(support.create(
                    owner,
                    NewTicket.builder()
                            .school(schoolOf)
                            .category("/blog")
                            .subject("Demande " + i)
                            .description(description)
                            .build()));
        }
    }

    @AfterAll
    static void stop() {
        recorded.close();
        db.close();
    }

    private static DataSource recording(DataSource target) {
        ClassLoader loader = PostgresSearchWindowsIT.class.getClassLoader();
        return (DataSource) Proxy.newProxyInstance(loader, new Class<?>[] {DataSource.class}, (p, m, args) -> {
            Object out = invoke(target, m, args);
            if (!m.getName().equals("getConnection")) {
                return out;
            }
            Connection c = (Connection) out;
            return Proxy.newProxyInstance(loader, new Class<?>[] {Connection.class}, (cp, cm, cargs) -> {
                if (cm.getName().equals("prepareStatement")) {
                    statements.add((String) cargs[0]);
                }
                return invoke(c, cm, cargs);
            });
        });
    }

    private static Object invoke(Object target, java.lang.reflect.Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Every page of the search, following cursors; checks each against the reference. */
    private static void pagesMatchTheReference(String word) {
        pagesMatchTheReference(word, t -> t.description().contains(word));
    }

    /** Every page of the search for {@code word}, following cursors, against the tickets that {@code match}. */
    private static void pagesMatchTheReference(String word, java.util.function.Predicate<Ticket> match) {
        List<Long> expected = all.stream()
                .filter(t -> List.of("s1", "s2", "s3").contains(t.school())
                        || t.owner().equals("u-admin"))
                .map(t -> support.get(admin, t.id()))
                .filter(match)
                .sorted(java.util.Comparator.comparing(Ticket::modified)
                        .thenComparing(Ticket::id)
                        .reversed())
                .map(Ticket::id)
                .toList();
        List<Long> got = new ArrayList<>();
        String cursor = null;
        do {
            Page<Ticket> page = support.list(
                    admin, TicketQuery.builder().text(word).after(cursor).build());
            page.items().forEach(t -> got.add(t.id()));
            cursor = page.nextCursor().orElse(null);
        } while (cursor != null);
        assertThat(got).as("search for %s (seed %d)", word, SEED).containsExactlyElementsOf(expected);
    }

    /** The windows statements (one per window size tried) run by the last call. */
    private static List<String> windows() {
        return statements.stream().filter(sql -> sql.contains("offset")).toList();
    }

    @Test
    void aVeryCommonWordIsAnsweredFromTheSmallWindows() {
        statements.clear();
        support.list(admin, TicketQuery.builder().text("page").build());
        assertThat(windows()).hasSize(1);
        assertThat(String.join("\n", statements)).doesNotContain("&&");

        pagesMatchTheReference("page");
        pagesMatchTheReference("rien");
    }

    @Test
    void aWordTooRareForTheSmallWindowsButCommonEnoughIsAnsweredFromTheLargeOnes() {
        statements.clear();
        support.list(admin, TicketQuery.builder().text("cartable").build());
        assertThat(windows()).hasSize(2);
        assertThat(String.join("\n", statements)).doesNotContain("&&");

        pagesMatchTheReference("cartable");
    }

    @Test
    void aRareWordGoesFromTheSmallWindowsStraightToTheSchoolKeysIndex() {
        statements.clear();
        support.list(admin, TicketQuery.builder().text("imprimante").build());
        assertThat(windows()).as("only the small windows").hasSize(1);
        String run = String.join("\n", statements);
        assertThat(run).contains("support_search_keys").doesNotContain("&&");

        pagesMatchTheReference("imprimante");
        pagesMatchTheReference("primant");
    }

    @Test
    void aTicketNumberFindsItsTicketAndTheTicketsWhoseTextHoldsItThroughTheSchoolKeys() {
        Ticket target = all.stream()
                .filter(t -> t.school().equals("s1") && t.id() >= 100)
                .findFirst()
                .orElseThrow();
        String number = Long.toString(target.id());
        statements.clear();
        support.list(admin, TicketQuery.builder().text(number).build());
        assertThat(String.join("\n", statements))
                .contains("support_search_keys")
                .contains("= any(?::bigint[])")
                .doesNotContain("= ks0.school and (position");

        // "Demande 123", "Owner 123" and ticket 123 itself, whatever its text
        pagesMatchTheReference(
                number,
                t -> t.id() == target.id()
                        || SearchText.document(t.subject(), t.description(), t.ownerName())
                                .contains(number));
    }

    @Test
    void aWordOfTwoLettersReadsEachSchoolsRangeOnce() {
        statements.clear();
        support.list(admin, TicketQuery.builder().text("pr").build());
        assertThat(String.join("\n", statements))
                .contains("= ks0.school")
                .doesNotContain("&&")
                .doesNotContain("support_search_keys");

        pagesMatchTheReference("pr");
        pagesMatchTheReference("ri");
    }

    @Test
    void withStatusesEachSchoolAndStatusIsAWindowOfItsOwnAndPagesMatchTheReference() {
        // schools of their own, where a third of the tickets are opened and a third of those resolved
        Actor statusAdmin =
                Actor.user("u-tadmin", "Tess").adminOf("t1", "t2", "t3").build();
        Random random = new Random(SEED + 2);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 360; i++) {
            String school = "t" + (1 + random.nextInt(3));
            String description = (random.nextInt(3) == 0 ? "la page reste blanche" : "rien")
                    + (random.nextInt(60) == 0 ? " imprimante" : "")
                    + (random.nextInt(7) == 0 ? " cartable" : "");
            ids.add(support.create(
                            Actor.user("u-t" + i, "Owner " + i).memberOf(school).build(),
                            NewTicket.builder()
                                    .school(school)
                                    .category("/blog")
                                    .subject("Demande " + i)
                                    .description(description)
                                    .build())
                    .id());
        }
        List<Long> opened = ids.stream().filter(id -> id % 3 == 0).toList();
        support.changeStatuses(statusAdmin, opened, TicketStatus.OPENED);
        support.changeStatuses(
                statusAdmin, opened.stream().filter(id -> id % 9 == 0).toList(), TicketStatus.RESOLVED);
        List<Ticket> tickets =
                ids.stream().map(id -> support.get(statusAdmin, id)).toList();
        assertThat(tickets)
                .extracting(Ticket::status)
                .contains(TicketStatus.NEW, TicketStatus.OPENED, TicketStatus.RESOLVED);

        boolean shortWordRanges = false;
        for (Set<TicketStatus> statuses :
                List.of(Set.of(TicketStatus.NEW, TicketStatus.OPENED), Set.of(TicketStatus.RESOLVED))) {
            // common, less common, rare, two letters
            for (String word : List.of("page", "cartable", "imprimante", "pr")) {
                List<Long> expected = tickets.stream()
                        .filter(t -> statuses.contains(t.status()))
                        .filter(t -> SearchText.document(t.subject(), t.description(), t.ownerName())
                                .contains(word))
                        .sorted(java.util.Comparator.comparing(Ticket::modified)
                                .thenComparing(Ticket::id)
                                .reversed())
                        .map(Ticket::id)
                        .toList();
                statements.clear();
                List<Long> got = new ArrayList<>();
                String cursor = null;
                do {
                    Page<Ticket> page = support.list(
                            statusAdmin,
                            TicketQuery.builder()
                                    .text(word)
                                    .statuses(statuses)
                                    .after(cursor)
                                    .build());
                    page.items().forEach(t -> got.add(t.id()));
                    cursor = page.nextCursor().orElse(null);
                } while (cursor != null);
                assertThat(got)
                        .as("search for %s among %s (seed %d)", word, statuses, SEED)
                        .containsExactlyElementsOf(expected);
                // the windows, one per school and status
                assertThat(String.join("\n", statements))
                        .as("%s among %s", word, statuses)
                        .contains("cross join unnest(?::smallint[]) as st(status) cross join lateral");
                shortWordRanges |= String.join("\n", statements).contains("as kst0(status) cross join lateral");
            }
        }
        // a two-letter word the windows did not answer read the ranges of each school and status
        assertThat(shortWordRanges).isTrue();
    }
}

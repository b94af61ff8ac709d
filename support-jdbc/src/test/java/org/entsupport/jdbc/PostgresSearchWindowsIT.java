package org.entsupport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.entsupport.core.Actor;
import org.entsupport.core.NewTicket;
import org.entsupport.core.Page;
import org.entsupport.core.Support;
import org.entsupport.core.TicketQuery;
import org.entsupport.core.model.Ticket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL search by windows of each school's newest tickets: a common word is answered from the
 * windows, a rare one from the GIN index, and every page equals the reference (all matching tickets
 * sorted newest first), following cursors to the end.
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
        for (int i = 0; i < 600; i++) {
            String school = "s" + (1 + random.nextInt(4)); // s4: not administered
            Actor owner = i % 97 == 0
                    ? admin
                    : Actor.user("u-" + i, "Owner " + i).memberOf(school).build();
            String schoolOf = owner == admin ? "s9" : school;
            String description = (random.nextInt(3) == 0 ? "la page reste blanche" : "rien")
                    + (random.nextInt(150) == 0 ? " imprimante" : "");
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
        List<Long> expected = all.stream()
                .filter(t -> List.of("s1", "s2", "s3").contains(t.school())
                        || t.owner().equals("u-admin"))
                .map(t -> support.get(admin, t.id()))
                .filter(t -> t.description().contains(word))
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

    @Test
    void aCommonWordIsAnsweredFromTheSchoolsNewestTickets() {
        statements.clear();
        support.list(admin, TicketQuery.builder().text("page").build());
        String sql = String.join("\n", statements);
        assertThat(sql).contains("offset").doesNotContain("&&");

        pagesMatchTheReference("page");
    }

    @Test
    void aRareWordFallsBackToTheTrigramIndex() {
        statements.clear();
        support.list(admin, TicketQuery.builder().text("imprimante").build());
        assertThat(String.join("\n", statements)).contains("&&");

        pagesMatchTheReference("imprimante");
        pagesMatchTheReference("rien");
    }
}

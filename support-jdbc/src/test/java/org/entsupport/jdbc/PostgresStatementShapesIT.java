package org.entsupport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.entsupport.core.Actor;
import org.entsupport.core.Support;
import org.entsupport.core.TicketQuery;
import org.entsupport.core.model.TicketStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On PostgreSQL a list or a count runs the same statement texts whatever the number of schools or
 * statuses (they are array parameters), so the server reuses its prepared statements and plans.
 */
class PostgresStatementShapesIT {

    private static TestDatabase db;
    private static SupportJdbc recorded;
    private static final Set<String> statements = new ConcurrentSkipListSet<>();
    /** Every call a list made on its connections, in order: statements prepared, commits, connections borrowed. */
    private static final List<String> calls = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        db = TestDatabase.postgres();
        recorded = SupportJdbc.builder()
                .dataSource(recording(db.jdbc.dataSource()))
                .schema(db.schema)
                .migrate(false)
                .build();
    }

    @AfterAll
    static void stop() {
        recorded.close();
        db.close();
    }

    private static DataSource recording(DataSource target) {
        ClassLoader loader = PostgresStatementShapesIT.class.getClassLoader();
        return (DataSource) Proxy.newProxyInstance(loader, new Class<?>[] {DataSource.class}, (p, m, args) -> {
            Object out = invoke(target, m, args);
            if (!m.getName().equals("getConnection")) {
                return out;
            }
            calls.add("getConnection");
            Connection c = (Connection) out;
            return Proxy.newProxyInstance(loader, new Class<?>[] {Connection.class}, (cp, cm, cargs) -> {
                if (cm.getName().equals("prepareStatement")) {
                    statements.add((String) cargs[0]);
                    calls.add("statement: " + cargs[0]);
                } else if (cm.getName().equals("createStatement")
                        || cm.getName().equals("prepareCall")
                        || cm.getName().equals("commit")
                        || cm.getName().equals("rollback")) {
                    calls.add(cm.getName());
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

    private static Set<String> statementsOf(Actor actor) {
        Support support = Support.builder().store(recorded.store()).build();
        statements.clear();
        support.list(actor, TicketQuery.all());
        support.list(
                actor,
                TicketQuery.builder()
                        .statuses(TicketStatus.NEW, TicketStatus.OPENED)
                        .build());
        support.countByStatus(actor, TicketQuery.all());
        return new TreeSet<>(statements);
    }

    @Test
    void listsAndCountsRunTheSameStatementsForAnyNumberOfSchools() {
        Actor two = Actor.user("u-admin", "Alice").adminOf("s1", "s2").build();
        Actor five = Actor.user("u-admin", "Alice")
                .adminOf("s1", "s2", "s3", "s4", "s5")
                .build();

        Set<String> forTwo = statementsOf(two);
        Set<String> forFive = statementsOf(five);

        assertThat(forTwo).isNotEmpty();
        assertThat(forFive).isEqualTo(forTwo);
        assertThat(String.join("\n", forTwo)).contains("any (").doesNotContainPattern("(?i)school\" in \\(");
    }

    @Test
    void aListPageIsOneConnectionTwoStatementsAndOneCommitForAnyNumberOfSchools() {
        Support support = Support.builder().store(recorded.store()).build();
        for (Actor admin : List.of(
                Actor.user("u-admin", "Alice").adminOf("s1").build(),
                Actor.user("u-admin", "Alice")
                        .adminOf("s1", "s2", "s3", "s4", "s5")
                        .build())) {
            for (TicketQuery query : List.of(
                    TicketQuery.all(),
                    TicketQuery.builder()
                            .statuses(TicketStatus.NEW, TicketStatus.OPENED)
                            .build())) {
                calls.clear();
                support.list(admin, query);
                // the transaction's SET LOCAL plan_cache_mode (BEGIN travels with it), the page, the commit
                assertThat(calls).as(admin.adminSchools() + " " + query).hasSize(4);
                assertThat(calls.get(0)).isEqualTo("getConnection");
                assertThat(calls.get(1)).startsWith("statement: SET LOCAL plan_cache_mode");
                assertThat(calls.get(2)).startsWith("statement: select");
                assertThat(calls.get(3)).isEqualTo("commit");
            }
            calls.clear();
            support.countByStatus(admin, TicketQuery.all());
            // the counters of the admin's schools, the admin's own tickets elsewhere, the commit
            assertThat(calls).hasSize(4);
            assertThat(calls.get(1)).startsWith("statement: select").contains("support_ticket_counts");
            assertThat(calls.get(2)).startsWith("statement: select").contains("\"owner\" = ?");
            assertThat(calls.get(3)).isEqualTo("commit");
        }
    }
}

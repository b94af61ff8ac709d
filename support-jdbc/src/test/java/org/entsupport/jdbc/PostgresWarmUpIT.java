package org.entsupport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.entsupport.core.Actor;
import org.entsupport.core.Support;
import org.entsupport.core.TicketQuery;
import org.entsupport.jdbc.internal.JdbcTicketStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A new PostgreSQL connection pays its server process's first statements (catalogue caches, column
 * statistics, the search function): the store runs its read statements once on each connection of its
 * own pool before handing it out, and on the connections it finds at start. What shows it: the server
 * process of the connection has loaded the search index's relation cache entry before any search ran.
 */
class PostgresWarmUpIT {

    private static TestDatabase db;

    @BeforeAll
    static void start() {
        db = TestDatabase.postgres();
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    /** Whether the connection's server process has read the search keys index's definition. */
    private static boolean knowsSearchIndex(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select count(*) from pg_backend_memory_contexts"
                        + " where name = 'index info' and ident = 'support_tickets_search_keys_ix'")) {
            rs.next();
            return rs.getLong(1) > 0;
        }
    }

    private static int backend(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** A store with a pool of its own, of {@code size} connections, on the test schema. */
    private static SupportJdbc ownPool(int size) {
        return SupportJdbc.builder()
                .jdbcUrl(TestDatabase.postgresUrl())
                .schema(db.schema)
                .migrate(false)
                .poolSize(size)
                .build();
    }

    @Test
    void aConnectionNobodyWarmedHasNotReadTheIndex() throws SQLException {
        try (Connection plain = DriverManager.getConnection(TestDatabase.postgresUrl())) {
            assertThat(knowsSearchIndex(plain)).isFalse();
        }
    }

    @Test
    void theOwnPoolWarmsItsConnectionsAtStartAndEveryConnectionItOpensLater() throws SQLException {
        try (SupportJdbc jdbc = ownPool(2)) {
            int first;
            try (Connection c = jdbc.dataSource().getConnection()) {
                assertThat(knowsSearchIndex(c)).isTrue();
                assertThat(c.getAutoCommit()).isTrue();
                first = backend(c);
            }
            HikariDataSource pool = (HikariDataSource) jdbc.dataSource();
            pool.getHikariPoolMXBean().softEvictConnections();
            try (Connection c = pool.getConnection()) {
                assertThat(backend(c)).isNotEqualTo(first);
                assertThat(knowsSearchIndex(c)).isTrue();
            }
            // the warm-up wrote nothing and the store reads as before
            Actor admin = Actor.user("u-admin", "Alice").adminOf("s1").build();
            assertThat(Support.builder()
                            .store(jdbc.store())
                            .build()
                            .list(admin, TicketQuery.builder().text("warm").build())
                            .items())
                    .isEmpty();
        }
    }

    /** A connection that records the text of each statement it prepares and the failure of any execution. */
    private static Connection recording(Connection real, List<String> ran, List<String> failed) {
        return (Connection) Proxy.newProxyInstance(
                PostgresWarmUpIT.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    Object result = invoke(real, method, args);
                    if (method.getName().equals("prepareStatement") && result instanceof PreparedStatement st) {
                        String sql = (String) args[0];
                        ran.add(sql);
                        return Proxy.newProxyInstance(
                                PostgresWarmUpIT.class.getClassLoader(),
                                new Class<?>[] {PreparedStatement.class},
                                (p, m, a) -> {
                                    try {
                                        return invoke(st, m, a);
                                    } catch (SQLException e) {
                                        failed.add(e.getMessage() + " in " + sql);
                                        throw e;
                                    }
                                });
                    }
                    return result;
                });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Test
    void theWarmUpRunsEveryStatementOfAListASearchAndTheCountsWithoutAnErrorAndWritesNothing() throws SQLException {
        List<String> ran = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        JdbcTicketStore store = (JdbcTicketStore) db.jdbc.store();
        try (Connection real = DriverManager.getConnection(TestDatabase.postgresUrl())) {
            store.warmUp(recording(real, ran, failed));

            assertThat(failed).isEmpty();
            assertThat(real.getAutoCommit()).isTrue();
            String all = String.join("\n", ran);
            // the lists, a search's settings, the windows of a search, the fetch by id, the school keys lookup, the
            // ranges of a short word, the counts
            assertThat(all)
                    .contains("SET LOCAL plan_cache_mode = force_generic_plan")
                    .contains("set_config('jit', 'off', true), set_config('plan_cache_mode', 'force_generic_plan'")
                    .contains(" offset ? limit 1)) as w")
                    .contains("= any (?::bigint[])")
                    .contains("support_search_keys")
                    .contains("= ks0.school")
                    .contains("support_ticket_counts");
            // as many times as the driver executes a statement before it prepares it on the server
            assertThat(ran.stream().filter(sql -> sql.contains(" offset ? limit 1)) as w")))
                    .hasSize(5);
        }
        Actor admin = Actor.user("u-admin", "Alice").adminOf("s1").build();
        assertThat(Support.builder()
                        .store(db.jdbc.store())
                        .build()
                        .list(admin, TicketQuery.all())
                        .items())
                .isEmpty();
    }

    /** The statements the connection's server process has prepared, with the plans each execution took. */
    private static java.util.Map<String, long[]> prepared(Connection c) throws SQLException {
        java.util.Map<String, long[]> plans = new java.util.HashMap<>();
        try (Statement st = c.createStatement();
                ResultSet rs =
                        st.executeQuery("select statement, generic_plans, custom_plans from pg_prepared_statements")) {
            while (rs.next()) {
                plans.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
            }
        }
        return plans;
    }

    /**
     * The one prepared statement whose text contains {@code part} and not {@code but}, with its generic and custom
     * plan counts.
     */
    private static long[] plansOf(java.util.Map<String, long[]> prepared, String part, String but) {
        List<long[]> found = prepared.entrySet().stream()
                .filter(e -> e.getKey().contains(part) && !e.getKey().contains(but))
                .map(java.util.Map.Entry::getValue)
                .toList();
        assertThat(found).as("prepared statements containing " + part).hasSize(1);
        return found.get(0);
    }

    @Test
    void aUsersFirstListAndSearchRunStatementsTheWarmUpPreparedWithTheirCachedGenericPlans() throws SQLException {
        try (SupportJdbc jdbc = ownPool(1)) {
            Support support = Support.builder().store(jdbc.store()).build();
            // a school whose newest 25 tickets do not hold the word: the windows cannot decide, the keys lookup runs
            for (int i = 0; i < 30; i++) {
                Actor owner = Actor.user("u-p" + i, "Owner " + i).memberOf("p1").build();
                support.create(
                        owner,
                        org.entsupport.core.NewTicket.builder()
                                .school("p1")
                                .category("/blog")
                                .subject("Demande " + i)
                                .description("la page reste blanche")
                                .build());
            }
            Actor admin = Actor.user("u-padmin", "Alice").adminOf("p1", "p2").build();
            String windows = " offset $";
            // the keys lookup of a word, not of a ticket number
            String keys = "support_search_keys\"(ks0.school, $";
            String list = "select t.\"id\"";
            java.util.Map<String, long[]> before;
            try (Connection c = jdbc.dataSource().getConnection()) {
                before = prepared(c);
            }

            assertThat(support.list(
                                    admin,
                                    TicketQuery.builder().text("imprimante").build())
                            .items())
                    .isEmpty();
            assertThat(support.list(admin, TicketQuery.all()).items()).hasSize(25);

            java.util.Map<String, long[]> after;
            try (Connection c = jdbc.dataSource().getConnection()) {
                after = prepared(c);
            }
            // prepared by the warm-up with a generic plan, which the user's first search and list took again:
            // nothing planned for them
            for (String part : List.of(windows, keys, "set_config('jit'")) {
                long[] warmed = plansOf(before, part, "bigint[]");
                long[] used = plansOf(after, part, "bigint[]");
                assertThat(warmed).as(part).containsExactly(1, 0);
                assertThat(used).as(part).containsExactly(2, 0);
            }
            assertThat(after.entrySet())
                    .filteredOn(e -> e.getKey().startsWith(list) && e.getKey().contains("unnest"))
                    .isNotEmpty()
                    .allSatisfy(e -> assertThat(e.getValue()[1]).as(e.getKey()).isZero());
        }
    }

    @Test
    void aHostPoolsConnectionIsWarmedAtStart() throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(TestDatabase.postgresUrl());
        config.setMaximumPoolSize(1);
        try (HikariDataSource host = new HikariDataSource(config)) {
            try (Connection c = host.getConnection()) {
                assertThat(knowsSearchIndex(c)).isFalse();
            }
            try (SupportJdbc jdbc = SupportJdbc.builder()
                    .dataSource(host)
                    .schema(db.schema)
                    .migrate(false)
                    .build()) {
                try (Connection c = host.getConnection()) {
                    assertThat(knowsSearchIndex(c)).isTrue();
                    assertThat(c.getAutoCommit()).isTrue();
                }
            }
        }
    }
}

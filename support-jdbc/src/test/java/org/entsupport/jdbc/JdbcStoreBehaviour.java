package org.entsupport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.entsupport.core.StoreException;
import org.entsupport.core.model.SortDirection;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketSort;
import org.entsupport.core.model.TicketStatus;
import org.entsupport.core.spi.Keyset;
import org.entsupport.core.spi.PageRequest;
import org.entsupport.core.spi.TicketDraft;
import org.entsupport.core.spi.TicketFilter;
import org.entsupport.core.spi.TicketScope;
import org.entsupport.core.spi.TicketStore;
import org.junit.jupiter.api.Test;

/**
 * What the JDBC store promises beyond the contract, on each database: instants survive any JVM time
 * zone and are stored as UTC, and a lost connection becomes a {@link StoreException} naming the ticket.
 */
abstract class JdbcStoreBehaviour {

    /** The database of the subclass, created in its {@code @BeforeAll}. */
    protected abstract TestDatabase db();

    /** Makes {@code victim} unusable the way a crash or a network cut would. */
    protected abstract void kill(Connection victim) throws SQLException;

    /** SQL reading column {@code created} of ticket {@code ?} as UTC text {@code yyyy-MM-dd HH:mm:ss.SSSSSS}. */
    protected abstract String createdAsUtcText(String table);

    private static TicketDraft draft(String subject, Instant created) {
        return new TicketDraft("u-tz", "Zoé", "s-tz", "/blog", subject, "d", TicketStatus.NEW, created, "fr", 0, null);
    }

    @Test
    void instantsRoundTripAndAreStoredAsUtcWhateverTheJvmTimeZone() throws Exception {
        // 23:30 UTC is already the next day in Kiritimati (UTC+14)
        Instant created = Instant.parse("2026-01-15T23:30:00.123456Z");
        TimeZone saved = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
            long id;
            // a pool opened under this zone: drivers take the session zone from the JVM at connect time
            try (SupportJdbc kiritimati = SupportJdbc.builder()
                    .jdbcUrl(db().url)
                    .schema(db().schema)
                    .migrate(false)
                    .build()) {
                Ticket t = kiritimati.store().inTransaction(tx -> tx.insertTicket(draft("fuseau", created)));
                id = t.id();
                assertThat(kiritimati
                                .store()
                                .inTransaction(tx -> tx.findTicket(id))
                                .orElseThrow()
                                .created())
                        .isEqualTo(created);
                try (Connection c = kiritimati.dataSource().getConnection();
                        PreparedStatement ps = c.prepareStatement(createdAsUtcText(db().table("support_tickets")))) {
                    ps.setLong(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getString(1)).isEqualTo("2026-01-15 23:30:00.123456");
                    }
                }
            }
            TimeZone.setDefault(TimeZone.getTimeZone("America/St_Johns"));
            try (SupportJdbc stJohns = SupportJdbc.builder()
                    .jdbcUrl(db().url)
                    .schema(db().schema)
                    .migrate(false)
                    .build()) {
                TicketStore store = stJohns.store();
                assertThat(store.inTransaction(tx -> tx.findTicket(id))
                                .orElseThrow()
                                .created())
                        .isEqualTo(created);
                // keyset positions compare as instants too
                TicketFilter filter =
                        new TicketFilter(List.of(new TicketScope(Set.of("s-tz"), null, null)), Set.of(), List.of());
                List<Ticket> before = store.inTransaction(tx -> tx.list(
                        filter,
                        new PageRequest(
                                TicketSort.MODIFIED,
                                SortDirection.DESC,
                                new Keyset(TicketSort.MODIFIED, created.plusNanos(1000), 0),
                                10)));
                assertThat(before).extracting(Ticket::id).contains(id);
                List<Ticket> after = store.inTransaction(tx -> tx.list(
                        filter,
                        new PageRequest(
                                TicketSort.MODIFIED,
                                SortDirection.DESC,
                                new Keyset(TicketSort.MODIFIED, created, id),
                                10)));
                assertThat(after).extracting(Ticket::id).doesNotContain(id);
            }
        } finally {
            TimeZone.setDefault(saved);
        }
    }

    @Test
    void lostConnectionBecomesStoreExceptionNamingTheTicket() {
        Ticket t = db().jdbc
                .store()
                .inTransaction(tx -> tx.insertTicket(draft("perdu", Instant.parse("2026-02-01T10:00:00Z"))));
        CapturingDataSource capturing = new CapturingDataSource(db().jdbc.dataSource());
        try (SupportJdbc jdbc = SupportJdbc.builder()
                .dataSource(capturing)
                .schema(db().schema)
                .migrate(false)
                .build()) {
            assertThatThrownBy(() -> jdbc.store().inTransaction(tx -> {
                        try {
                            kill(capturing.last);
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                        return tx.findTicket(t.id());
                    }))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("ticket " + t.id())
                    .hasMessageContaining("failed to read");
            // the next transaction gets a sound connection
            boolean found = jdbc.store()
                    .<Boolean>inTransaction(tx -> tx.findTicket(t.id()).isPresent());
            assertThat(found).isTrue();
        }
    }

    @Test
    void unreachableDatabaseIsAStoreException() {
        DataSource broken = new CapturingDataSource(db().jdbc.dataSource()) {
            @Override
            public Connection getConnection() throws SQLException {
                throw new SQLException("Connection refused", "08001");
            }
        };
        TicketStore store = db().jdbc.store();
        assertThat(store).isNotNull();
        assertThatThrownBy(() -> SupportJdbc.builder().dataSource(broken).build())
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("Connection refused");
    }

    /** Hands out the delegate's connections and remembers the last one. */
    /**
     * The counts per status of whole schools come from {@code support_ticket_counts}: after 4 threads
     * insert tickets and move them between statuses and schools (in opposite directions, so that two
     * transactions often want the same two counter rows), with version conflicts retried, they equal
     * a count of the tickets, and no transaction failed (no deadlock).
     */
    @Test
    void countsStayExactUnderConcurrentInsertsAndMoves() throws Exception {
        TicketStore store = db().jdbc.store();
        String[] schools = {"s-count-a", "s-count-b", "s-count-c"};
        Instant t0 = Instant.parse("2026-02-01T08:00:00Z");
        java.util.List<Long> ids = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int i = 0; i < 12; i++) {
            TicketDraft d = new TicketDraft(
                    "u-count-" + (i % 3),
                    "U",
                    schools[i % 3],
                    "/blog",
                    "t" + i,
                    "d",
                    TicketStatus.NEW,
                    t0,
                    "fr",
                    0,
                    null);
            ids.add(store.inTransaction(tx -> tx.insertTicket(d)).id());
        }
        java.util.concurrent.ConcurrentLinkedQueue<Throwable> failures =
                new java.util.concurrent.ConcurrentLinkedQueue<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        for (int w = 0; w < 4; w++) {
            int worker = w;
            pool.submit(() -> {
                java.util.Random random = new java.util.Random(worker);
                go.await();
                for (int i = 0; i < 60; i++) {
                    try {
                        if (i % 10 == 0) {
                            TicketDraft d = new TicketDraft(
                                    "u-count-w" + worker,
                                    "U",
                                    schools[random.nextInt(3)],
                                    "/blog",
                                    "w" + worker + "-" + i,
                                    "d",
                                    TicketStatus.NEW,
                                    t0,
                                    "fr",
                                    0,
                                    null);
                            ids.add(store.inTransaction(tx -> tx.insertTicket(d))
                                    .id());
                            continue;
                        }
                        long id = ids.get(random.nextInt(ids.size()));
                        // workers 0 and 1 move tickets "up", 2 and 3 "down": opposite lock orders if unsorted
                        int step = worker < 2 ? 1 : -1;
                        store.inTransaction(tx -> {
                            Ticket t = tx.findTicket(id).orElseThrow();
                            TicketStatus[] all = TicketStatus.values();
                            TicketStatus status = all[Math.floorMod(t.status().ordinal() + step, all.length)];
                            String school = random.nextBoolean()
                                    ? t.school()
                                    : schools[
                                            Math.floorMod(
                                                    java.util.Arrays.asList(schools)
                                                                    .indexOf(t.school())
                                                            + step,
                                                    schools.length)];
                            Ticket moved = new Ticket(
                                    t.id(),
                                    t.owner(),
                                    t.ownerName(),
                                    school,
                                    t.category(),
                                    t.subject(),
                                    t.description(),
                                    status,
                                    t.escalationStatus(),
                                    t.created(),
                                    t.modified(),
                                    t.statusChanged(),
                                    t.version() + 1,
                                    t.locale(),
                                    t.commentCount(),
                                    t.attachmentCount(),
                                    t.escalation());
                            tx.updateTicket(moved, t.version());
                            return null;
                        });
                    } catch (org.entsupport.core.TicketVersionConflictException e) {
                        // another worker moved it first: fine, the counts must still be exact
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }
                return null;
            });
        }
        go.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(2, java.util.concurrent.TimeUnit.MINUTES))
                .isTrue();
        assertThat(failures).as("failed transactions").isEmpty();

        java.util.Map<String, java.util.Map<TicketStatus, Long>> expected = new java.util.HashMap<>();
        try (Connection c = db().jdbc.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT school, status, COUNT(*) FROM "
                        + db().table("support_tickets") + " WHERE school LIKE 's-count-%' GROUP BY school, status");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                expected.computeIfAbsent(rs.getString(1), k -> new java.util.EnumMap<>(TicketStatus.class))
                        .put(TicketStatus.ofCode(rs.getShort(2)), rs.getLong(3));
            }
        }
        java.util.Map<TicketStatus, Long> union = new java.util.EnumMap<>(TicketStatus.class);
        for (String school : schools) {
            java.util.Map<TicketStatus, Long> counted = store.inTransaction(tx -> tx.countByStatus(
                    new TicketFilter(List.of(new TicketScope(Set.of(school), null, null)), Set.of(), List.of())));
            assertThat(counted).as(school).isEqualTo(expected.getOrDefault(school, java.util.Map.of()));
            counted.forEach((k, v) -> union.merge(k, v, Long::sum));
        }
        // whole schools from the counters plus an owner scope from the tickets, without double counting
        java.util.Map<TicketStatus, Long> mixed = store.inTransaction(tx -> tx.countByStatus(new TicketFilter(
                List.of(new TicketScope(Set.of(schools), null, null), new TicketScope(null, "u-count-0", null)),
                Set.of(),
                List.of())));
        assertThat(mixed).isEqualTo(union);
    }

    static class CapturingDataSource implements DataSource {
        private final DataSource delegate;
        volatile Connection last;

        CapturingDataSource(DataSource delegate) {
            this.delegate = delegate;
        }

        @Override
        public Connection getConnection() throws SQLException {
            last = delegate.getConnection();
            return last;
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {}

        @Override
        public void setLoginTimeout(int seconds) {}

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}

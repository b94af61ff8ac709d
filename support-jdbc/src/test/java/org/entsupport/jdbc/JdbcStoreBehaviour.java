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
            try (SupportJdbc kiritimati = SupportJdbc.builder().jdbcUrl(db().url).schema(db().schema)
                    .migrate(false).build()) {
                Ticket t = kiritimati.store().inTransaction(tx -> tx.insertTicket(draft("fuseau", created)));
                id = t.id();
                assertThat(kiritimati.store().inTransaction(tx -> tx.findTicket(id)).orElseThrow().created())
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
            try (SupportJdbc stJohns = SupportJdbc.builder().jdbcUrl(db().url).schema(db().schema)
                    .migrate(false).build()) {
                TicketStore store = stJohns.store();
                assertThat(store.inTransaction(tx -> tx.findTicket(id)).orElseThrow().created()).isEqualTo(created);
                // keyset positions compare as instants too
                TicketFilter filter = new TicketFilter(List.of(new TicketScope(Set.of("s-tz"), null, null)), Set.of(),
                        List.of());
                List<Ticket> before = store.inTransaction(tx -> tx.list(filter, new PageRequest(TicketSort.MODIFIED,
                        SortDirection.DESC, new Keyset(TicketSort.MODIFIED, created.plusNanos(1000), 0), 10)));
                assertThat(before).extracting(Ticket::id).contains(id);
                List<Ticket> after = store.inTransaction(tx -> tx.list(filter, new PageRequest(TicketSort.MODIFIED,
                        SortDirection.DESC, new Keyset(TicketSort.MODIFIED, created, id), 10)));
                assertThat(after).extracting(Ticket::id).doesNotContain(id);
            }
        } finally {
            TimeZone.setDefault(saved);
        }
    }

    @Test
    void lostConnectionBecomesStoreExceptionNamingTheTicket() {
        Ticket t = db().jdbc.store().inTransaction(tx -> tx.insertTicket(draft("perdu", Instant.parse(
                "2026-02-01T10:00:00Z"))));
        CapturingDataSource capturing = new CapturingDataSource(db().jdbc.dataSource());
        try (SupportJdbc jdbc = SupportJdbc.builder().dataSource(capturing).schema(db().schema).migrate(false)
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
            boolean found = jdbc.store().<Boolean>inTransaction(tx -> tx.findTicket(t.id()).isPresent());
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
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

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

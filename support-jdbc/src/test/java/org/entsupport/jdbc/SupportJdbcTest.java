package org.entsupport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.entsupport.core.Actor;
import org.entsupport.core.NewTicket;
import org.entsupport.core.StoreException;
import org.entsupport.core.Support;
import org.entsupport.core.TicketQuery;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketStatus;
import org.entsupport.core.spi.TicketDraft;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The builder: defaults, validation, URL completion, schema, pool ownership. */
class SupportJdbcTest {

    @Test
    void defaultsToAPrivateEmbeddedH2ThatTheFacadeRunsOn() {
        try (SupportJdbc jdbc = SupportJdbc.builder().build()) {
            assertThat(jdbc.database()).isEqualTo(Database.H2);
            assertThat(jdbc.schema()).isEmpty();
            Support support = Support.builder().store(jdbc.store()).build();
            Actor alice = Actor.user("u-alice", "Alice").memberOf("s1").build();
            Ticket t = support.create(
                    alice,
                    NewTicket.builder()
                            .school("s1")
                            .category("/blog")
                            .subject("Bonjour")
                            .description("d")
                            .build());
            assertThat(support.get(alice, t.id())).isEqualTo(t);
            assertThat(support.list(alice, TicketQuery.all()).items()).containsExactly(t);
        }
        // a second default store is another database
        try (SupportJdbc other = SupportJdbc.builder().build()) {
            boolean found =
                    other.store().<Boolean>inTransaction(tx -> tx.findTicket(1).isEmpty());
            assertThat(found).isTrue();
        }
    }

    @Test
    void migratesIntoItsOwnSchemaWithItsOwnHistoryTableAndLeavesTheHostDataSourceOpen() throws Exception {
        JdbcDataSource host = new JdbcDataSource();
        host.setURL(
                "jdbc:h2:mem:host-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
        try (SupportJdbc jdbc =
                SupportJdbc.builder().dataSource(host).schema("support").build()) {
            assertThat(jdbc.schema()).contains("support");
            jdbc.store()
                    .inTransaction(tx -> tx.insertTicket(new TicketDraft(
                            "u",
                            "U",
                            "s",
                            "/blog",
                            "x",
                            "d",
                            TicketStatus.NEW,
                            Instant.parse("2026-01-01T00:00:00Z"),
                            "fr",
                            0,
                            null)));
        }
        try (Connection c = host.getConnection();
                Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM support.support_tickets")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
            try (ResultSet rs = st.executeQuery("SELECT version FROM support.support_schema_history"
                    + " WHERE success ORDER BY installed_rank DESC LIMIT 1")) {
                rs.next();
                assertThat(rs.getString(1)).as("latest applied schema version").isEqualTo("10");
            }
            // nothing in the default schema
            try (ResultSet rs = st.executeQuery(
                    "SELECT count(*) FROM information_schema.tables" + " WHERE table_schema = 'public'")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
        }
        // a second start finds the schema up to date, and may skip migrating altogether
        try (SupportJdbc again = SupportJdbc.builder()
                .dataSource(host)
                .schema("support")
                .migrate(false)
                .build()) {
            boolean found =
                    again.store().<Boolean>inTransaction(tx -> tx.findTicket(1).isPresent());
            assertThat(found).isTrue();
        }
    }

    @Test
    void refusesAnH2DatabaseWithoutLowerCaseNames() {
        JdbcDataSource host = new JdbcDataSource();
        host.setURL("jdbc:h2:mem:upper-" + System.nanoTime());
        assertThatThrownBy(() -> SupportJdbc.builder().dataSource(host).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DATABASE_TO_LOWER=TRUE");
    }

    @Test
    void unreachableUrlIsAStoreExceptionWithoutThePassword() {
        assertThatThrownBy(() -> SupportJdbc.builder()
                        .jdbcUrl("jdbc:postgresql://127.0.0.1:1/none?password=secret")
                        .build())
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("127.0.0.1:1")
                .hasMessageNotContaining("secret");
    }

    @Test
    void validatesItsSettingsNamingTheValue() {
        assertThatThrownBy(() -> SupportJdbc.builder().poolSize(0))
                .hasMessage("poolSize must be at least 1, but was 0");
        assertThat(SupportJdbc.builder().poolSize(1)).isNotNull();
        assertThat(SupportJdbc.builder().connectionTimeout(Duration.ofMillis(250)))
                .isNotNull();
        assertThat(SupportJdbc.builder().connectionTimeout(Duration.ofMinutes(10)))
                .isNotNull();
        assertThatThrownBy(() -> SupportJdbc.builder().connectionTimeout(Duration.ofMillis(249)))
                .hasMessageStartingWith("connectionTimeout must be between 250 ms and 10 minutes");
        assertThatThrownBy(() -> SupportJdbc.builder()
                        .connectionTimeout(Duration.ofMinutes(10).plusMillis(1)))
                .hasMessageStartingWith("connectionTimeout must be between 250 ms and 10 minutes");
        assertThatThrownBy(() -> SupportJdbc.builder().schema("support; drop table x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("support; drop table x");
        assertThatThrownBy(() -> SupportJdbc.builder().jdbcUrl("postgresql://x"))
                .hasMessageContaining("must start with \"jdbc:\"");
        assertThatThrownBy(() -> SupportJdbc.builder()
                        .dataSource(new JdbcDataSource())
                        .jdbcUrl("jdbc:h2:mem:x")
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not both");
    }

    @Test
    void completesTheUrlsItOpens() {
        assertThat(SupportJdbc.completeUrl("jdbc:h2:mem:x"))
                .isEqualTo("jdbc:h2:mem:x;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
        assertThat(SupportJdbc.completeUrl("jdbc:h2:mem:x;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE"))
                .isEqualTo("jdbc:h2:mem:x;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
        assertThat(SupportJdbc.completeUrl("jdbc:mariadb://h/db?user=root"))
                .isEqualTo("jdbc:mariadb://h/db?user=root&connectionTimeZone=UTC&preserveInstants=true");
        assertThat(SupportJdbc.completeUrl("jdbc:mysql://h/db"))
                .isEqualTo("jdbc:mysql://h/db?connectionTimeZone=UTC&preserveInstants=true");
        assertThat(SupportJdbc.completeUrl("jdbc:postgresql://h/db")).isEqualTo("jdbc:postgresql://h/db");
    }

    @Test
    void detectsTheDatabaseFromTheProductName() {
        assertThat(Database.ofProductName("PostgreSQL")).isEqualTo(Database.POSTGRESQL);
        assertThat(Database.ofProductName("MariaDB")).isEqualTo(Database.MARIADB);
        assertThat(Database.ofProductName("MySQL")).isEqualTo(Database.MARIADB);
        assertThat(Database.ofProductName("H2")).isEqualTo(Database.H2);
        assertThatThrownBy(() -> Database.ofProductName("Oracle"))
                .hasMessageContaining("Unsupported database \"Oracle\"");
        assertThat(List.of(Database.H2.migrationLocation(), Database.MARIADB.migrationLocation()))
                .containsExactly("classpath:db/migration/postgresql", "classpath:db/migration/mariadb");
        assertThat(Set.of(Database.values())).hasSize(3);
    }
}

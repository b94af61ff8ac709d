package org.entsupport.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A database of its own for one test class: a fresh schema (PostgreSQL, H2) or database (MariaDB)
 * with a unique name, migrated by {@link SupportJdbc}, and dropped at the end. Never touches
 * anything it did not create, so several builds can share the servers.
 *
 * <p>Servers: {@code SUPPORT_TEST_POSTGRES_URL} (default {@value #DEFAULT_POSTGRES_URL}) and
 * {@code SUPPORT_TEST_MARIADB_URL} (default {@value #DEFAULT_MARIADB_URL}). When one is unreachable:
 * with {@code CI=true} the test fails; otherwise PostgreSQL falls back to an embedded PostgreSQL and
 * MariaDB tests are skipped.
 */
final class TestDatabase implements AutoCloseable {

    static final String DEFAULT_POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    static final String DEFAULT_MARIADB_URL = "jdbc:mariadb://127.0.0.1:3306/test?user=root";

    private static volatile AutoCloseable embeddedPostgres;
    private static volatile String embeddedPostgresUrl;

    final SupportJdbc jdbc;
    final Database database;
    final String schema;
    final String url;

    private TestDatabase(String url, String schema) {
        this.url = url;
        this.schema = schema;
        this.jdbc =
                SupportJdbc.builder().jdbcUrl(url).poolSize(10).schema(schema).build();
        this.database = jdbc.database();
    }

    /** A unique schema name such as {@code support_it_3f9a1c2b}. */
    static String uniqueName() {
        return "support_it_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
    }

    static TestDatabase h2() {
        return new TestDatabase("jdbc:h2:mem:" + uniqueName() + ";DB_CLOSE_DELAY=-1", uniqueName());
    }

    static TestDatabase postgres() {
        return new TestDatabase(postgresUrl(), uniqueName());
    }

    static TestDatabase mariadb() {
        return new TestDatabase(mariadbUrl(), uniqueName());
    }

    static boolean ci() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    private static String reachable(String url) {
        DriverManager.setLoginTimeout(5);
        try (Connection c = DriverManager.getConnection(url)) {
            return null;
        } catch (SQLException e) {
            return e.getMessage();
        }
    }

    static synchronized String postgresUrl() {
        String url = env("SUPPORT_TEST_POSTGRES_URL", DEFAULT_POSTGRES_URL);
        String problem = reachable(url);
        if (problem == null) {
            return url;
        }
        if (ci()) {
            Assertions.fail("PostgreSQL is unreachable at " + url + " (set SUPPORT_TEST_POSTGRES_URL); CI=true, so"
                    + " this fails instead of using an embedded PostgreSQL: " + problem);
        }
        if (embeddedPostgresUrl == null) {
            System.err.println("[support-jdbc tests] PostgreSQL unreachable at " + url + " (" + problem
                    + "): starting an embedded PostgreSQL");
            try {
                io.zonky.test.db.postgres.embedded.EmbeddedPostgres pg =
                        io.zonky.test.db.postgres.embedded.EmbeddedPostgres.start();
                embeddedPostgres = pg;
                embeddedPostgresUrl = pg.getJdbcUrl("postgres", "postgres");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        embeddedPostgres.close();
                    } catch (Exception e) {
                        // the JVM is going away
                    }
                }));
            } catch (java.io.IOException e) {
                throw new IllegalStateException("could not start an embedded PostgreSQL", e);
            }
        }
        return embeddedPostgresUrl;
    }

    static String mariadbUrl() {
        String url = env("SUPPORT_TEST_MARIADB_URL", DEFAULT_MARIADB_URL);
        String problem = reachable(url);
        if (problem != null) {
            if (ci()) {
                Assertions.fail("MariaDB is unreachable at " + url + " (set SUPPORT_TEST_MARIADB_URL); CI=true, so"
                        + " this fails: " + problem);
            }
            Assumptions.abort("MariaDB is unreachable at " + url + " (set SUPPORT_TEST_MARIADB_URL): MariaDB tests"
                    + " skipped. " + problem);
        }
        return url;
    }

    /** The qualified name of a library table. */
    String table(String name) {
        return database == Database.MARIADB ? "`" + schema + "`." + name : "\"" + schema + "\"." + name;
    }

    /** Empties the library's tables (between the contract's tests). */
    void clear() {
        try (Connection c = jdbc.dataSource().getConnection();
                Statement st = c.createStatement()) {
            for (String t : new String[] {
                "support_desk_files",
                "support_attachments",
                "support_events",
                "support_comments",
                "support_outbox",
                "support_feed",
                "support_desk_sync",
                "support_desk_resync",
                "support_tickets",
                "support_attachment_chunks",
                "support_attachment_content",
                "support_ticket_counts",
                "support_lifecycle_log"
            }) {
                st.executeUpdate("DELETE FROM " + table(t));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a statement on a connection of the pool. */
    void execute(String sql) {
        try (Connection c = jdbc.dataSource().getConnection();
                Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** Drops the schema (or database) this object created, and closes the pool. */
    @Override
    public void close() {
        try {
            switch (database) {
                case POSTGRESQL -> execute("DROP SCHEMA \"" + schema + "\" CASCADE");
                case MARIADB -> execute("DROP DATABASE `" + schema + "`");
                case H2 -> execute("DROP SCHEMA \"" + schema + "\" CASCADE");
            }
        } finally {
            jdbc.close();
        }
    }

    @Override
    public String toString() {
        return database.name().toLowerCase(Locale.ROOT) + " schema " + schema;
    }
}

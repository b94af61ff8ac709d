package org.entsupport.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.entsupport.core.StoreException;
import org.entsupport.core.spi.TicketStore;
import org.entsupport.jdbc.internal.AttachmentChunks;
import org.entsupport.jdbc.internal.JdbcNewsFeedStore;
import org.entsupport.jdbc.internal.JdbcTicketStore;
import org.entsupport.jdbc.internal.Migrations;
import org.entsupport.jdbc.internal.Pools;
import org.entsupport.jdbc.internal.Requirements;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JDBC store of Aide &amp; Support on PostgreSQL, MariaDB/MySQL or H2: migrates the schema
 * (Flyway, history in {@code support_schema_history}) and hands out the {@link TicketStore} and the
 * in-app {@link NewsFeed} and the {@link JdbcAttachmentStore}.
 *
 * <pre>{@code
 * SupportJdbc jdbc = SupportJdbc.builder()
 *         .dataSource(hostDataSource)     // or .jdbcUrl("jdbc:postgresql://db/ent").credentials("u", "p")
 *         .schema("support")              // optional: the tables' own schema
 *         .build();                       // migrates, detects the database
 * Support support = Support.builder()
 *         .store(jdbc.store())
 *         .attachmentStore(jdbc.attachmentStore())   // optional: files in the same database
 *         .notifier(jdbc.newsFeed()).linkTemplate("https://ent.example/support#/ticket/{id}")
 *         .build();
 * ...
 * jdbc.close();                           // closes the pool only if SupportJdbc created it
 * }</pre>
 *
 * <p>With neither a data source nor a URL, it runs on a private embedded H2 database in memory
 * (examples, first tries). Timestamps are stored in UTC whatever the JVM's time zone.
 */
public final class SupportJdbc implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SupportJdbc.class);

    static {
        // jOOQ is an implementation detail here: its logo and "tip of the day" have no place in the
        // host's logs. A host that set these properties itself keeps its choice.
        if (System.getProperty("org.jooq.no-logo") == null) {
            System.setProperty("org.jooq.no-logo", "true");
        }
        if (System.getProperty("org.jooq.no-tips") == null) {
            System.setProperty("org.jooq.no-tips", "true");
        }
    }

    private static final Pattern SCHEMA_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private final DataSource dataSource;
    private final Pools.@Nullable OwnedPool ownedPool;
    private final Database database;
    private final @Nullable String schema;
    private final JdbcTicketStore store;
    private final NewsFeed newsFeed;
    private final JdbcAttachmentStore attachmentStore;

    private SupportJdbc(Builder b) {
        Pools.OwnedPool pool = null;
        DataSource ds = b.dataSource;
        if (ds == null) {
            if (b.jdbcUrl == null) {
                pool = Pools.h2(
                        "jdbc:h2:mem:support-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"
                                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
                        b.connectionTimeout);
            } else {
                String url = completeUrl(b.jdbcUrl);
                Requirements.driverFor(url);
                try {
                    pool = Pools.hikari(url, b.user, b.password, b.poolSize, "support-jdbc", b.connectionTimeout);
                } catch (IllegalStateException e) {
                    throw e;
                } catch (RuntimeException e) {
                    throw new StoreException(
                            "Could not open a connection pool to "
                                    + url.replaceAll("(?i)password=[^&;]*", "password=***") + ": " + e.getMessage(),
                            e);
                }
            }
            ds = pool.dataSource();
        }
        this.dataSource = ds;
        this.ownedPool = pool;
        this.schema = b.schema;
        try {
            String[] url = {b.jdbcUrl == null ? "embedded H2" : b.jdbcUrl};
            this.database = inspect(ds, url);
            if (b.migrate) {
                Requirements.flywaySupportFor(database);
                Migrations.migrate(ds, database, schema);
            }
            this.store = new JdbcTicketStore(ds, database, schema, database + " at " + url[0]);
            if (database == Database.POSTGRESQL) {
                if (pool != null) {
                    pool.initConnections(store::warmUp);
                }
                warmUp(ds, store, pool == null ? 1 : Math.min(2, b.poolSize));
            }
            this.newsFeed = newsFeed(Clock.systemUTC());
            this.attachmentStore = new JdbcAttachmentStore(
                    new AttachmentChunks(store),
                    Clock.systemUTC(),
                    database + (schema == null ? "" : ", schema " + schema));
        } catch (RuntimeException e) {
            if (pool != null) {
                pool.close();
            }
            throw e;
        }
        LOG.info("support store ready on {}{}", database, schema == null ? "" : ", schema " + schema);
    }

    /**
     * Warms up {@code count} connections of the pool, held together so that they are distinct ones
     * ({@link JdbcTicketStore#warmUp}): the connections the pool already holds, opened before the
     * store was ready. A failure is logged; the store works without it, only its first reads are slower.
     */
    private static void warmUp(DataSource ds, JdbcTicketStore store, int count) {
        java.util.List<Connection> held = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                Connection c = ds.getConnection();
                held.add(c);
                store.warmUp(c);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("could not warm up the connections of the support store: {}", e.toString());
        } finally {
            for (Connection c : held) {
                try {
                    c.close();
                } catch (SQLException e) {
                    LOG.debug("closing a warmed-up connection failed", e);
                }
            }
        }
    }

    /**
     * Starts a configuration.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The ticket store, to pass to {@code Support.builder().store(...)}. Thread-safe.
     *
     * @return the ticket store, to pass to {@code Support.builder().store(...)}
     */
    public TicketStore store() {
        return store;
    }

    /**
     * The in-app news feed on this store's database: register it as a notifier with
     * {@code Support.builder().notifier(jdbc.newsFeed())}, and read users' feeds through it. Always
     * the same instance. Thread-safe.
     *
     * @return the in-app news feed on this store's database: register it as a notifier with {@code
     *         Support.builder().notifier(jdbc.newsFeed())}, and read users' feeds through it
     */
    public NewsFeed newsFeed() {
        return newsFeed;
    }

    /** A news feed that records read times from {@code clock} (tests). */
    NewsFeed newsFeed(Clock clock) {
        return new NewsFeed(new JdbcNewsFeedStore(store), clock);
    }

    /**
     * The attachment store on the same database, to pass to {@code Support.builder().attachmentStore(...)}:
     * files are kept in chunks in the {@code support_attachment_content} and {@code support_attachment_chunks}
     * tables, streamed in and out. Thread-safe.
     *
     * @return the attachment store on the same database, to pass to {@code Support.builder().attachmentStore(...)}:
     *         files are kept in chunks in the {@code support_attachment_content} and {@code
     *         support_attachment_chunks} tables, streamed in and out
     */
    public JdbcAttachmentStore attachmentStore() {
        return attachmentStore;
    }

    /**
     * The database detected from the connection.
     *
     * @return the database detected from the connection
     */
    public Database database() {
        return database;
    }

    /**
     * The schema of the tables, when one was set.
     *
     * @return the schema of the tables, when one was set
     */
    public Optional<String> schema() {
        return Optional.ofNullable(schema);
    }

    /**
     * The data source in use: the host's, or the pool created from the URL or for embedded H2.
     *
     * @return the data source in use: the host's, or the pool created from the URL or for embedded H2
     */
    public DataSource dataSource() {
        return dataSource;
    }

    /** Closes the pool if this object created it; a host's data source is left open. */
    @Override
    public void close() {
        if (ownedPool != null) {
            ownedPool.close();
            LOG.info("support store on {} closed its connection pool", database);
        }
    }

    /** Adds what the library needs to URLs it opens itself (H2's PostgreSQL mode, MariaDB's UTC instants). */
    static String completeUrl(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:h2:")) {
            String out = url;
            if (!lower.contains(";mode=")) {
                out += ";MODE=PostgreSQL";
            }
            if (!lower.contains(";database_to_lower=")) {
                out += ";DATABASE_TO_LOWER=TRUE";
            }
            return out;
        }
        if (lower.startsWith("jdbc:mariadb:") || lower.startsWith("jdbc:mysql:")) {
            String out = url;
            if (!lower.contains("connectiontimezone=")) {
                out += (out.contains("?") ? "&" : "?") + "connectionTimeZone=UTC";
            }
            if (!lower.contains("preserveinstants=")) {
                out += "&preserveInstants=true";
            }
            return out;
        }
        return url;
    }

    /** Detects the database and checks the settings the store relies on. */
    private static Database inspect(DataSource ds, String[] location) {
        try (Connection c = ds.getConnection()) {
            Database db = Database.ofProductName(c.getMetaData().getDatabaseProductName());
            String connected = c.getMetaData().getURL();
            if (connected != null && !connected.isBlank()) {
                location[0] = connected;
            }
            if (db == Database.H2 && !h2LowerCase(c)) {
                throw new IllegalArgumentException("The H2 database must run with DATABASE_TO_LOWER=TRUE and"
                        + " MODE=PostgreSQL: add \";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE\" to its URL");
            }
            if (db == Database.MARIADB) {
                String url = String.valueOf(c.getMetaData().getURL()).toLowerCase(Locale.ROOT);
                if (!url.contains("preserveinstants=true") || !url.contains("connectiontimezone=utc")) {
                    LOG.warn(
                            "The MariaDB/MySQL URL lacks connectionTimeZone=UTC&preserveInstants=true: timestamps"
                                    + " may be stored in the JVM's time zone ({}). Add both to the data source's URL.",
                            java.util.TimeZone.getDefault().getID());
                }
            }
            return db;
        } catch (SQLException e) {
            throw new StoreException("Could not connect to the support database: " + e.getMessage(), e);
        }
    }

    private static boolean h2LowerCase(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                        + " WHERE SETTING_NAME = 'DATABASE_TO_LOWER'")) {
            return rs.next() && "TRUE".equalsIgnoreCase(rs.getString(1));
        }
    }

    /**
     * Configures a {@link SupportJdbc}. Give a data source, or a JDBC URL, or neither (embedded H2).
     */
    public static final class Builder {
        private @Nullable DataSource dataSource;
        private @Nullable String jdbcUrl;
        private String user = "";
        private String password = "";
        private int poolSize = 10;
        private @Nullable String schema;
        private boolean migrate = true;
        private Duration connectionTimeout = Duration.ofSeconds(10);

        private Builder() {}

        /**
         * How long a call waits for a connection of the pool this object builds (from {@link #jdbcUrl}, or the
         * embedded H2) before it fails with a {@link org.entsupport.core.StoreUnavailableException}; 10 seconds
         * by default, 250 ms..10 minutes. A host's own data source keeps its own timeout.
         *
         * @param value how long a call waits for a connection
         * @return this builder
         * @throws IllegalArgumentException when out of range
         */
        public Builder connectionTimeout(Duration value) {
            Objects.requireNonNull(value, "connectionTimeout");
            if (value.compareTo(Duration.ofMillis(250)) < 0 || value.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new IllegalArgumentException(
                        "connectionTimeout must be between 250 ms and 10 minutes, but was " + value);
            }
            this.connectionTimeout = value;
            return this;
        }

        /**
         * Uses the host's data source (the normal way to embed); it is never closed by the library.
         *
         * @param value the host's data source (the normal way to embed); it is never closed by the library
         * @return this builder
         */
        public Builder dataSource(DataSource value) {
            this.dataSource = Objects.requireNonNull(value, "dataSource");
            return this;
        }

        /**
         * Builds a HikariCP pool from a JDBC URL ({@code jdbc:postgresql:}, {@code jdbc:mariadb:},
         * {@code jdbc:mysql:} or {@code jdbc:h2:}); the driver must be on the class path.
         *
         * @param value the JDBC URL
         * @return this builder
         */
        public Builder jdbcUrl(String value) {
            Objects.requireNonNull(value, "jdbcUrl");
            if (!value.startsWith("jdbc:")) {
                throw new IllegalArgumentException("jdbcUrl must start with \"jdbc:\", but was \"" + value + "\"");
            }
            this.jdbcUrl = value;
            return this;
        }

        /**
         * The user and password for {@link #jdbcUrl}.
         *
         * @param user the database user
         * @param password the password (never logged)
         * @return this builder
         */
        public Builder credentials(String user, String password) {
            this.user = Objects.requireNonNull(user, "user");
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /**
         * The most connections of the pool built from {@link #jdbcUrl}; 10 by default.
         *
         * @param value the most connections of the pool built from {@link #jdbcUrl}; 10 by default
         * @return this builder
         */
        public Builder poolSize(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("poolSize must be at least 1, but was " + value);
            }
            this.poolSize = value;
            return this;
        }

        /**
         * The schema of the library's tables (on MariaDB/MySQL: the database), created if missing.
         * By default, the connection's current schema.
         *
         * @param value the schema of the library's tables (on MariaDB/MySQL: the database), created if missing
         * @return this builder
         */
        public Builder schema(String value) {
            Objects.requireNonNull(value, "schema");
            if (!SCHEMA_NAME.matcher(value).matches()) {
                throw new IllegalArgumentException("schema must be 1 to 63 letters, digits or underscores, not"
                        + " starting with a digit, but was \"" + value + "\"");
            }
            this.schema = value;
            return this;
        }

        /**
         * Whether to migrate the schema on start (true by default); off when the host runs migrations itself.
         *
         * @param value whether to migrate the schema on start (true by default); off when the host runs migrations
         *         itself
         * @return this builder
         */
        public Builder migrate(boolean value) {
            this.migrate = value;
            return this;
        }

        /**
         * Connects, migrates unless told not to, and returns the ready store.
         *
         * <p>The JDBC driver and Flyway's module of the database are the application's dependencies (see the
         * README): {@code org.postgresql:postgresql} and {@code org.flywaydb:flyway-database-postgresql} for
         * PostgreSQL, {@code org.mariadb.jdbc:mariadb-java-client} and {@code org.flywaydb:flyway-mysql} for
         * MariaDB/MySQL, {@code com.h2database:h2} for H2, and {@code com.zaxxer:HikariCP} when the pool is
         * built from a URL.
         *
         * @return the store, migrated and ready
         * @throws IllegalStateException when both a data source and a URL were given, or when an artifact the
         *         database needs is missing (the message names it)
         * @throws StoreException when the database cannot be reached or migrated
         */
        public SupportJdbc build() {
            if (dataSource != null && jdbcUrl != null) {
                throw new IllegalStateException("Give either a dataSource or a jdbcUrl, not both");
            }
            return new SupportJdbc(this);
        }
    }
}

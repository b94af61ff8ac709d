package org.entsupport.jdbc.internal;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Connection pools the library creates itself. Each kind lives in its own nested class, so that
 * HikariCP and H2 are only loaded when used (both are optional on the module path).
 */
public final class Pools {

    private Pools() {}

    /** A pool with the means to close it. */
    public interface OwnedPool extends AutoCloseable {
        /** The pool. */
        DataSource dataSource();

        /** Closes every connection. */
        @Override
        void close();

        /**
         * Has {@code init} run on each connection the pool opens from now on, before the pool hands it
         * out; a connection it fails on is closed and the pool opens another. Does nothing for pools that
         * cannot (H2's).
         *
         * @param init what to run on a new connection
         */
        default void initConnections(ConnectionInit init) {}
    }

    /** What runs on a new connection of a pool before its first use. */
    @FunctionalInterface
    public interface ConnectionInit {
        /**
         * Prepares {@code connection}.
         *
         * @param connection a new connection
         * @throws SQLException when the connection cannot be used
         */
        void init(Connection connection) throws SQLException;
    }

    /**
     * A HikariCP pool.
     *
     * @throws IllegalStateException when HikariCP is not on the class path
     */
    public static OwnedPool hikari(
            String url, String user, String password, int size, String name, java.time.Duration connectionTimeout) {
        try {
            return HikariPool.create(url, user, password, size, name, connectionTimeout);
        } catch (NoClassDefFoundError e) {
            throw new IllegalStateException(
                    "SupportJdbc builds its pool with HikariCP, which is not on the class"
                            + " path: add com.zaxxer:HikariCP, or pass your own DataSource",
                    e);
        }
    }

    /** H2's own small pool, for the embedded in-memory database; the database is shut down on close. */
    public static OwnedPool h2(String url, java.time.Duration connectionTimeout) {
        try {
            return H2Pool.create(url, connectionTimeout);
        } catch (NoClassDefFoundError e) {
            throw new IllegalStateException(
                    "The embedded default database needs H2 (com.h2database:h2) on the"
                            + " class path; or pass a DataSource or a JDBC URL",
                    e);
        }
    }

    private static final class HikariPool {
        static OwnedPool create(
                String url, String user, String password, int size, String name, java.time.Duration timeout) {
            com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
            Connections connections = new Connections(url);
            config.setDataSource(connections);
            if (!user.isEmpty()) {
                config.setUsername(user);
                config.setPassword(password);
            }
            config.setMaximumPoolSize(size);
            config.setMinimumIdle(Math.min(2, size));
            config.setPoolName(name);
            config.setConnectionTimeout(timeout.toMillis());
            com.zaxxer.hikari.HikariDataSource ds = new com.zaxxer.hikari.HikariDataSource(config);
            return new OwnedPool() {
                @Override
                public DataSource dataSource() {
                    return ds;
                }

                @Override
                public void close() {
                    ds.close();
                }

                @Override
                public void initConnections(ConnectionInit init) {
                    connections.init = init;
                }
            };
        }
    }

    /**
     * The driver's connections for the URL, as HikariCP opens them from a JDBC URL, with the pool's
     * {@link ConnectionInit} run on each before HikariCP gets it (on HikariCP's own thread when it fills
     * the pool).
     */
    private static final class Connections implements DataSource {
        private final String url;
        private volatile @Nullable ConnectionInit init;
        private @Nullable PrintWriter logWriter;

        Connections(String url) {
            this.url = url;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return initialised(DriverManager.getConnection(url, new Properties()));
        }

        /** HikariCP's call when the pool was given credentials. */
        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            Properties properties = new Properties();
            properties.setProperty("user", username);
            properties.setProperty("password", password);
            return initialised(DriverManager.getConnection(url, properties));
        }

        private Connection initialised(Connection connection) throws SQLException {
            ConnectionInit current = init;
            if (current != null) {
                try {
                    current.init(connection);
                } catch (SQLException | RuntimeException e) {
                    try {
                        connection.close();
                    } catch (SQLException closing) {
                        e.addSuppressed(closing);
                    }
                    throw e;
                }
            }
            return connection;
        }

        @Override
        public @Nullable PrintWriter getLogWriter() {
            return logWriter;
        }

        @Override
        public void setLogWriter(@Nullable PrintWriter out) {
            this.logWriter = out;
        }

        /** As HikariCP's own driver data source: the driver manager's, which the drivers read. */
        @Override
        public void setLoginTimeout(int seconds) {
            DriverManager.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() {
            return DriverManager.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException("no java.util.logging logger");
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            if (type.isInstance(this)) {
                return type.cast(this);
            }
            throw new SQLException("not a wrapper of " + type.getName());
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return type.isInstance(this);
        }
    }

    private static final class H2Pool {
        static OwnedPool create(String url, java.time.Duration timeout) {
            org.h2.jdbcx.JdbcConnectionPool pool = org.h2.jdbcx.JdbcConnectionPool.create(url, "sa", "");
            pool.setLoginTimeout((int) Math.max(1, timeout.toSeconds()));
            return new OwnedPool() {
                @Override
                public DataSource dataSource() {
                    return pool;
                }

                @Override
                public void close() {
                    try (var c = pool.getConnection();
                            var st = c.createStatement()) {
                        st.execute("SHUTDOWN");
                    } catch (java.sql.SQLException e) {
                        // already shut down
                    }
                    pool.dispose();
                }
            };
        }
    }
}

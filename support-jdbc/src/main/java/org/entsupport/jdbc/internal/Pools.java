package org.entsupport.jdbc.internal;

import javax.sql.DataSource;

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
            config.setJdbcUrl(url);
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
            };
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

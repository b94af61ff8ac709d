package org.entsupport.jdbc.internal;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.ServiceLoader;
import org.entsupport.jdbc.Database;

/**
 * What a host adds to its dependencies for its database, checked before the library connects or migrates.
 *
 * <p>The JDBC drivers and Flyway's database modules are optional dependencies of support-jdbc, so that a host
 * gets only what its database needs. A forgotten one would otherwise fail deep inside HikariCP ("Failed to get
 * driver instance") or Flyway ("No database found to handle ..."); these checks name the artifact to add.
 */
public final class Requirements {

    /** The PostgreSQL JDBC driver. */
    public static final String POSTGRESQL_DRIVER = "org.postgresql:postgresql";

    /** The MariaDB JDBC driver (also for MySQL). */
    public static final String MARIADB_DRIVER = "org.mariadb.jdbc:mariadb-java-client";

    /** The H2 database and its driver. */
    public static final String H2 = "com.h2database:h2";

    /** Flyway's PostgreSQL support. */
    public static final String FLYWAY_POSTGRESQL = "org.flywaydb:flyway-database-postgresql";

    /** Flyway's MariaDB and MySQL support. */
    public static final String FLYWAY_MYSQL = "org.flywaydb:flyway-mysql";

    private Requirements() {}

    /**
     * Checks that a JDBC driver on the class path (or module path) accepts {@code url}.
     *
     * @param url the JDBC URL the library is about to open
     * @throws IllegalStateException naming the driver's artifact when no driver accepts it
     */
    public static void driverFor(String url) {
        try {
            DriverManager.getDriver(url);
        } catch (SQLException e) {
            if (loadableDriverAccepts(url)) {
                return;
            }
            String scheme = url.toLowerCase(Locale.ROOT).replaceFirst("^jdbc:([a-z0-9]+):.*$", "$1");
            String artifact = switch (scheme) {
                case "postgresql" -> POSTGRESQL_DRIVER;
                case "mariadb" -> MARIADB_DRIVER;
                case "mysql" -> MARIADB_DRIVER + " (or com.mysql:mysql-connector-j)";
                case "h2" -> H2;
                default -> null;
            };
            throw new IllegalStateException(
                    artifact == null
                            ? "No JDBC driver accepts the URL jdbc:" + scheme
                                    + ":...; the JDBC store runs on PostgreSQL, MariaDB/MySQL and H2"
                            : "No JDBC driver for jdbc:" + scheme + ": URLs: add " + artifact
                                    + " to the application's dependencies",
                    e);
        }
    }

    /**
     * Whether a driver that {@link DriverManager} did not load (it looks once, from the class loader of its first
     * caller) but that this library's class loader sees accepts {@code url}. Loading it registers it with
     * {@code DriverManager}, as JDBC drivers do, so the pool finds it.
     */
    private static boolean loadableDriverAccepts(String url) {
        for (Driver driver : ServiceLoader.load(Driver.class, Requirements.class.getClassLoader())) {
            try {
                if (driver.acceptsURL(url)) {
                    return true;
                }
            } catch (SQLException e) {
                // not this one
            }
        }
        return false;
    }

    /**
     * Checks that Flyway can migrate {@code database}: Flyway is there and this module reads it, and its database
     * module is there (H2 needs none). Call it before any class that uses Flyway runs.
     *
     * <p>This module's descriptor does not name Flyway: flyway-core has no module name of its own (neither a
     * {@code module-info} nor an {@code Automatic-Module-Name}), so on the module path it would be known by a name
     * made from its file name, which a published module must not depend on. On the class path this is a no-op;
     * on the module path this module is made to read Flyway's module, whatever its name.
     *
     * @param database the database the library is about to migrate
     * @throws IllegalStateException naming the artifact to add when Flyway or its database module is missing
     */
    public static void flywaySupportFor(Database database) {
        Class<?> flyway;
        try {
            flyway = Class.forName("org.flywaydb.core.Flyway", false, Requirements.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException(
                    "Flyway is missing: add org.flywaydb:flyway-core to the application's dependencies; on the"
                            + " module path, where no module requires it by name, resolve it with --add-modules"
                            + " ALL-MODULE-PATH (or the module name its jar gets there, such as flyway.core)",
                    e);
        }
        Requirements.class.getModule().addReads(flyway.getModule());
        switch (database) {
            case POSTGRESQL ->
                present("org.flywaydb.database.postgresql.PostgreSQLDatabaseType", FLYWAY_POSTGRESQL, database);
            case MARIADB -> present("org.flywaydb.database.mysql.mariadb.MariaDBDatabaseType", FLYWAY_MYSQL, database);
            case H2 -> {
                // Flyway's H2 support is part of flyway-core.
            }
        }
    }

    private static void present(String className, String artifact, Database database) {
        try {
            Class.forName(className, false, Requirements.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException(
                    "Flyway cannot migrate " + database + " without its database module: add " + artifact
                            + " (the version of flyway-core) to the application's dependencies, or build with"
                            + " migrate(false) when the application runs the library's migrations itself",
                    e);
        }
    }
}

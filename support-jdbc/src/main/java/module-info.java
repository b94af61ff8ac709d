/**
 * The JDBC store of Aide &amp; Support: jOOQ over JDBC on H2, PostgreSQL and MariaDB/MySQL, with the
 * schema kept by Flyway. Start with {@link org.entsupport.jdbc.SupportJdbc}.
 *
 * <p>HikariCP and H2 are optional at run time on the module path: HikariCP is only loaded when
 * {@code SupportJdbc} builds a pool from a JDBC URL, H2 only for the embedded default database.
 * Flyway must be resolved: it is when any automatic module is (H2, the PostgreSQL driver), otherwise add
 * {@code --add-modules ALL-MODULE-PATH}.
 */
module org.entsupport.jdbc {
    requires transitive org.entsupport.core;
    requires transitive java.sql;
    requires org.slf4j;
    requires org.jooq;
    requires com.fasterxml.jackson.databind;
    // Flyway is not named here: flyway-core has no module name of its own, so on the module path it gets one
    // made from its file name ("flyway.core"), which a published module must not depend on (Maven warns
    // "Required filename-based automodules detected ... don't publish"). This module reads Flyway's module
    // at run time (internal.Requirements), whatever its name, and is compiled reading the class path.
    requires static com.zaxxer.hikari;
    requires static com.h2database;
    requires static org.jspecify;

    exports org.entsupport.jdbc;

    // Looks for the JDBC driver of a URL before building a pool, to name the artifact when it is missing.
    uses java.sql.Driver;

    // Flyway reads the migrations as resources: on the module path they must be open to it.
    opens db.migration.postgresql;
    opens db.migration.mariadb;
}

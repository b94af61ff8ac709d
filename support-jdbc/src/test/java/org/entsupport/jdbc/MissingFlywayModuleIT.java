package org.entsupport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Flyway's database modules are optional dependencies of support-jdbc: a host on PostgreSQL or MariaDB that
 * forgot its module is told which one to add, before any migration runs (nothing is written).
 */
class MissingFlywayModuleIT {

    @Test
    void postgresqlWithoutFlywaysModuleNamesIt() throws Exception {
        Throwable failure = MissingArtifacts.buildWithout(TestDatabase.postgresUrl(), "flyway-database-postgresql-");

        assertThat(failure)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Flyway cannot migrate POSTGRESQL without its database module: add"
                        + " org.flywaydb:flyway-database-postgresql (the version of flyway-core) to the"
                        + " application's dependencies");
    }

    @Test
    void mariadbWithoutFlywaysModuleNamesIt() throws Exception {
        Throwable failure = MissingArtifacts.buildWithout(TestDatabase.mariadbUrl(), "flyway-mysql-");

        assertThat(failure)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Flyway cannot migrate MARIADB without its database module: add"
                        + " org.flywaydb:flyway-mysql");
    }
}

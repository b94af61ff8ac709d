package org.entsupport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The drivers, H2 and HikariCP are optional dependencies of support-jdbc: a host that forgot the one its
 * database needs is told which artifact to add, before anything is opened.
 */
class MissingArtifactsTest {

    @Test
    void aPostgresqlUrlWithoutTheDriverNamesTheDriversArtifact() throws Exception {
        Throwable failure =
                MissingArtifacts.buildWithout("jdbc:postgresql://127.0.0.1:1/none?user=nobody", "postgresql-");

        assertThat(failure)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("No JDBC driver for jdbc:postgresql: URLs: add org.postgresql:postgresql to the"
                        + " application's dependencies");
    }

    @Test
    void aMariadbUrlWithoutTheDriverNamesTheDriversArtifact() throws Exception {
        Throwable failure =
                MissingArtifacts.buildWithout("jdbc:mariadb://127.0.0.1:1/none?user=nobody", "mariadb-java-client-");

        assertThat(failure)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("add org.mariadb.jdbc:mariadb-java-client to the application's dependencies");
    }

    @Test
    void theEmbeddedDefaultWithoutH2NamesH2() throws Exception {
        Throwable failure = MissingArtifacts.buildWithout(null, "h2-");

        assertThat(failure).isInstanceOf(IllegalStateException.class).hasMessageContaining("com.h2database:h2");
    }

    @Test
    void aUrlWithoutHikariCpNamesHikariCp() throws Exception {
        Throwable failure = MissingArtifacts.buildWithout("jdbc:h2:mem:missing-hikari", "HikariCP-");

        assertThat(failure).isInstanceOf(IllegalStateException.class).hasMessageContaining("com.zaxxer:HikariCP");
    }

    @Test
    void h2NeedsNoFlywayDatabaseModule() throws Exception {
        Throwable failure =
                MissingArtifacts.buildWithout(null, "flyway-database-postgresql-", "flyway-mysql-", "postgresql-");

        assertThat(failure)
                .as("the embedded H2 store builds with flyway-core alone")
                .isNull();
    }
}

package org.entsupport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The pool built from a JDBC URL carries the settings given to the builder. */
class H2PoolSettingsTest {

    private static String url() {
        return "jdbc:h2:mem:" + TestDatabase.uniqueName() + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
    }

    @Test
    void aPoolFromAUrlHasTheCredentialsSizeNameAndTimeoutGiven() {
        try (SupportJdbc jdbc = SupportJdbc.builder()
                .jdbcUrl(url())
                .credentials("sa", "s3cret")
                .poolSize(5)
                .connectionTimeout(Duration.ofMillis(1_500))
                .build()) {
            assertThat(jdbc.dataSource()).isInstanceOfSatisfying(HikariDataSource.class, ds -> {
                assertThat(ds.getUsername()).isEqualTo("sa");
                assertThat(ds.getPassword()).isEqualTo("s3cret");
                assertThat(ds.getMaximumPoolSize()).isEqualTo(5);
                assertThat(ds.getMinimumIdle()).isEqualTo(2);
                assertThat(ds.getPoolName()).isEqualTo("support-jdbc");
                assertThat(ds.getConnectionTimeout()).isEqualTo(1_500);
            });
        }
    }

    @Test
    void aPoolOfOneKeepsOneIdleConnectionAtMost() {
        try (SupportJdbc jdbc =
                SupportJdbc.builder().jdbcUrl(url()).poolSize(1).migrate(false).build()) {
            assertThat(jdbc.dataSource()).isInstanceOfSatisfying(HikariDataSource.class, ds -> {
                assertThat(ds.getMinimumIdle()).isEqualTo(1);
                assertThat(ds.getUsername())
                        .as("no credentials given, none set")
                        .isNull();
            });
        }
    }
}

package org.entsupport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.time.Duration;
import org.entsupport.core.StoreException;
import org.entsupport.core.StoreUnavailableException;
import org.junit.jupiter.api.Test;

/**
 * With no connection to be had, a call fails within the configured connection timeout with a
 * {@link StoreUnavailableException} naming the database (without credentials) and why, then works again.
 */
class H2StoreUnavailableTest {

    @Test
    void aCallWithoutConnectionFailsWithinTheTimeoutNamingTheDatabase() throws Exception {
        String name = TestDatabase.uniqueName();
        try (SupportJdbc jdbc = SupportJdbc.builder()
                .jdbcUrl("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1")
                .credentials("sa", "s3cret")
                .poolSize(2)
                .connectionTimeout(Duration.ofMillis(500))
                .build()) {
            assertThat(jdbc.store().outbox().pendingCount()).isZero();
            long started;
            try (Connection held = jdbc.dataSource().getConnection();
                    Connection alsoHeld = jdbc.dataSource().getConnection()) {
                assertThat(held.isValid(1) && alsoHeld.isValid(1)).isTrue();
                started = System.nanoTime();
                assertThatThrownBy(() -> jdbc.store().outbox().pendingCount())
                        .isInstanceOfSatisfying(StoreUnavailableException.class, e -> {
                            assertThat(e).isInstanceOf(StoreException.class);
                            assertThat(e.database())
                                    .contains("jdbc:h2:mem:" + name)
                                    .doesNotContain("s3cret");
                            assertThat(e.getMessage())
                                    .contains("jdbc:h2:mem:" + name)
                                    .contains("unavailable")
                                    .containsIgnoringCase("timed out")
                                    .doesNotContain("s3cret");
                        });
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
            }
            // the connection is back: the store works again by itself
            assertThat(jdbc.store().outbox().pendingCount()).isZero();
        }
    }

    @Test
    void theConnectionTimeoutIsValidated() {
        assertThatThrownBy(() -> SupportJdbc.builder().connectionTimeout(Duration.ofMillis(10)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("connectionTimeout");
    }
}

package org.entsupport.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Every bound of the retention policy, at the bound and one step beyond, with the message naming it. */
class RetentionPolicyTest {

    private static RetentionPolicy policy(Duration kept, Duration grace, int batch, Duration interval) {
        return new RetentionPolicy(kept, grace, batch, interval, Locale.FRENCH);
    }

    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    void theDefaultsKeepRequestsForever() {
        RetentionPolicy defaults = RetentionPolicy.defaults();
        assertThat(defaults.retention()).isEmpty();
        assertThat(defaults.orphanGracePeriod()).isEqualTo(DAY);
        assertThat(defaults.batchSize()).isEqualTo(100);
        assertThat(defaults.interval()).isEqualTo(HOUR);
        assertThat(RetentionPolicy.keepClosedTicketsFor(Duration.ofDays(365)).retention())
                .contains(Duration.ofDays(365));
    }

    @Test
    void theRetentionPeriodMustBePositive() {
        assertThatCode(() -> policy(Duration.ofNanos(1), DAY, 100, HOUR)).doesNotThrowAnyException();
        assertThatThrownBy(() -> policy(Duration.ZERO, DAY, 100, HOUR))
                .hasMessage("closedTicketsKeptFor must be positive, but was PT0S");
        assertThatThrownBy(() -> policy(Duration.ofDays(-1), DAY, 100, HOUR))
                .hasMessage("closedTicketsKeptFor must be positive, but was PT-24H");
        assertThatThrownBy(() -> RetentionPolicy.keepClosedTicketsFor(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theGracePeriodIsAtLeastAMinute() {
        assertThatCode(() -> policy(null, Duration.ofMinutes(1), 100, HOUR)).doesNotThrowAnyException();
        assertThatThrownBy(() -> policy(null, Duration.ofSeconds(59), 100, HOUR))
                .hasMessage("orphanGracePeriod must be at least PT1M, but was PT59S");
    }

    @Test
    void theBatchSizeIsBetweenOneAndTenThousand() {
        assertThatCode(() -> policy(null, DAY, 1, HOUR)).doesNotThrowAnyException();
        assertThatCode(() -> policy(null, DAY, 10_000, HOUR)).doesNotThrowAnyException();
        assertThatThrownBy(() -> policy(null, DAY, 0, HOUR))
                .hasMessage("batchSize must be between 1 and 10000, but was 0");
        assertThatThrownBy(() -> policy(null, DAY, 10_001, HOUR))
                .hasMessage("batchSize must be between 1 and 10000, but was 10001");
    }

    @Test
    void theIntervalIsBetweenASecondAndADay() {
        assertThatCode(() -> policy(null, DAY, 100, Duration.ofSeconds(1))).doesNotThrowAnyException();
        assertThatCode(() -> policy(null, DAY, 100, DAY)).doesNotThrowAnyException();
        assertThatThrownBy(() -> policy(null, DAY, 100, Duration.ofMillis(999)))
                .hasMessage("interval must be between PT1S and PT24H, but was PT0.999S");
        assertThatThrownBy(() -> policy(null, DAY, 100, DAY.plusMillis(1)))
                .hasMessage("interval must be between PT1S and PT24H, but was PT24H0.001S");
    }
}

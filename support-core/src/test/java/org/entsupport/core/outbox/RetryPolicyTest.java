package org.entsupport.core.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static RetryPolicy policy(Duration initial, double factor, Duration max, int attempts) {
        return RetryPolicy.builder()
                .initialDelay(initial)
                .factor(factor)
                .maxDelay(max)
                .maxAttempts(attempts)
                .build();
    }

    @Test
    void theDefaultsStartAtTenSecondsDoubleAndStopAtAnHourAfterTenAttempts() {
        RetryPolicy defaults = RetryPolicy.defaults();
        assertThat(defaults.initialDelay()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.factor()).isEqualTo(2.0);
        assertThat(defaults.maxDelay()).isEqualTo(Duration.ofHours(1));
        assertThat(defaults.maxAttempts()).isEqualTo(10);
    }

    @Test
    void theDelayGrowsByTheFactorFromTheFirstFailure() {
        RetryPolicy p = policy(Duration.ofSeconds(1), 3.0, Duration.ofHours(1), 10);
        assertThat(p.delayAfter(0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(p.delayAfter(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(p.delayAfter(2)).isEqualTo(Duration.ofSeconds(3));
        assertThat(p.delayAfter(3)).isEqualTo(Duration.ofSeconds(9));
        assertThat(p.delayAfter(4)).isEqualTo(Duration.ofSeconds(27));
    }

    @Test
    void theDelayStopsAtTheMaximumAndStaysThereWithoutOverflowing() {
        RetryPolicy p = policy(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(5), 1_000);
        assertThat(p.delayAfter(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(p.delayAfter(4)).isEqualTo(Duration.ofSeconds(5));
        assertThat(p.delayAfter(999)).isEqualTo(Duration.ofSeconds(5));
        RetryPolicy exact = policy(Duration.ofSeconds(2), 2.0, Duration.ofSeconds(4), 5);
        assertThat(exact.delayAfter(2)).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void aFactorOfOneKeepsTheDelayConstant() {
        RetryPolicy p = policy(Duration.ofMillis(250), 1.0, Duration.ofMillis(250), 1);
        assertThat(p.delayAfter(1)).isEqualTo(Duration.ofMillis(250));
        assertThat(p.delayAfter(50)).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void everyBoundaryIsAcceptedAndOneStepBeyondIsRefusedNamingTheSetting() {
        policy(Duration.ofMillis(1), 1.0, Duration.ofMillis(1), 1);
        policy(Duration.ofDays(1), 10.0, Duration.ofDays(7), 1_000);

        assertThatThrownBy(() -> policy(Duration.ZERO, 2.0, Duration.ofSeconds(1), 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("initialDelay");
        assertThatThrownBy(() -> policy(Duration.ofDays(1).plusMillis(1), 2.0, Duration.ofDays(7), 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("initialDelay");
        assertThatThrownBy(() -> policy(Duration.ofSeconds(1), 0.999, Duration.ofSeconds(1), 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("factor");
        assertThatThrownBy(() -> policy(Duration.ofSeconds(1), 10.001, Duration.ofSeconds(1), 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("factor");
        assertThatThrownBy(() -> policy(Duration.ofSeconds(1), Double.NaN, Duration.ofSeconds(1), 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("factor");
        assertThatThrownBy(() -> policy(Duration.ofSeconds(2), 2.0, Duration.ofMillis(1_999), 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxDelay");
        assertThatThrownBy(() ->
                        policy(Duration.ofSeconds(2), 2.0, Duration.ofDays(7).plusMillis(1), 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxDelay");
        assertThatThrownBy(() -> policy(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(1), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> policy(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(1), 1_001))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxAttempts");
    }
}

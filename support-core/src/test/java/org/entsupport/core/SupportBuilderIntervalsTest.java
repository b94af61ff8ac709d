package org.entsupport.core;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/** The runtime's intervals are accepted at their bounds and refused one step beyond, naming the setting. */
class SupportBuilderIntervalsTest {

    private static void bounded(String name, BiConsumer<Support.Builder, Duration> setter, Duration min, Duration max) {
        assertThatCode(() -> setter.accept(Support.builder(), min)).doesNotThrowAnyException();
        assertThatCode(() -> setter.accept(Support.builder(), max)).doesNotThrowAnyException();
        Duration below = min.minusMillis(1);
        assertThatThrownBy(() -> setter.accept(Support.builder(), below))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(name + " must be between ")
                .hasMessageEndingWith(", but was " + below);
        Duration above = max.plusMillis(1);
        assertThatThrownBy(() -> setter.accept(Support.builder(), above))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(name + " must be between ")
                .hasMessageEndingWith(", but was " + above);
        assertThatThrownBy(() -> setter.accept(Support.builder(), null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage(name);
    }

    @Test
    void deskPollInterval() {
        bounded("deskPollInterval", Support.Builder::deskPollInterval, Duration.ofSeconds(1), Duration.ofDays(1));
    }

    @Test
    void deskInitialLookback() {
        bounded(
                "deskInitialLookback",
                Support.Builder::deskInitialLookback,
                Duration.ofMinutes(1),
                Duration.ofDays(365));
    }

    @Test
    void autoCloseInterval() {
        bounded("autoCloseInterval", Support.Builder::autoCloseInterval, Duration.ofSeconds(1), Duration.ofDays(1));
    }
}

package org.entsupport.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeliveryExceptionTest {

    @Test
    void factoriesSayWhetherARetryCanHelp() {
        IOException cause = new IOException("down");

        DeliveryException retry = DeliveryException.retryable("smtp.example.org:587 unreachable", cause);
        DeliveryException later = DeliveryException.retryable("rate limited", null, Duration.ofSeconds(30));
        DeliveryException dead = DeliveryException.permanent("invalid address", null);

        assertThat(retry.retryable()).isTrue();
        assertThat(retry.getCause()).isSameAs(cause);
        assertThat(retry.getMessage()).isEqualTo("smtp.example.org:587 unreachable");
        assertThat(retry.retryAfter()).isEmpty();
        assertThat(later.retryAfter()).contains(Duration.ofSeconds(30));
        assertThat(dead.retryable()).isFalse();
        assertThat(dead.retryAfter()).isEmpty();
    }

    @Test
    void rejectsNegativeRetryAfter() {
        assertThatThrownBy(() -> DeliveryException.retryable("x", null, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("retryAfter must not be negative, but was PT-1S");
    }
}

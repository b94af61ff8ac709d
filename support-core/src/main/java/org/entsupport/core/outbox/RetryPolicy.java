package org.entsupport.core.outbox;

import java.time.Duration;
import java.util.Objects;

/**
 * How the relay retries a failing delivery: exponential back-off from {@code initialDelay}, multiplied
 * by {@code factor} after each failure, capped at {@code maxDelay}, giving up (dead state) after
 * {@code maxAttempts} failures.
 *
 * <pre>{@code
 * RetryPolicy policy = RetryPolicy.builder().initialDelay(Duration.ofSeconds(10)).factor(2)
 *         .maxDelay(Duration.ofHours(1)).maxAttempts(12).build();
 * }</pre>
 *
 * @param initialDelay the delay after the first failure (default 10 s; 1 ms..1 day)
 * @param factor       the multiplier per further failure (default 2.0; 1.0..10.0)
 * @param maxDelay     the longest delay (default 1 h; at least initialDelay, at most 7 days)
 * @param maxAttempts  the failures before giving up (default 10; 1..1,000)
 */
public record RetryPolicy(Duration initialDelay, double factor, Duration maxDelay, int maxAttempts) {

    /**
     * Validates every property, naming it, its limits and the value.
     *
     * @param initialDelay the delay after the first failure (default 10 s; 1 ms..1 day)
     * @param factor the multiplier per further failure (default 2.0; 1.0..10.0)
     * @param maxDelay the longest delay (default 1 h; at least initialDelay, at most 7 days)
     * @param maxAttempts the failures before giving up (default 10; 1..1,000)
     */
    public RetryPolicy {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (initialDelay.compareTo(Duration.ofMillis(1)) < 0 || initialDelay.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException(
                    "initialDelay must be between PT0.001S and PT24H, but was " + initialDelay);
        }
        if (!(factor >= 1.0 && factor <= 10.0)) {
            throw new IllegalArgumentException("factor must be between 1.0 and 10.0, but was " + factor);
        }
        if (maxDelay.compareTo(initialDelay) < 0 || maxDelay.compareTo(Duration.ofDays(7)) > 0) {
            throw new IllegalArgumentException(
                    "maxDelay must be between initialDelay (" + initialDelay + ") and PT168H, but was " + maxDelay);
        }
        if (maxAttempts < 1 || maxAttempts > 1_000) {
            throw new IllegalArgumentException("maxAttempts must be between 1 and 1000, but was " + maxAttempts);
        }
    }

    /**
     * The defaults: 10 s, ×2, at most 1 h, 10 attempts.
     *
     * @return the defaults: 10 s, ×2, at most 1 h, 10 attempts
     */
    public static RetryPolicy defaults() {
        return builder().build();
    }

    /**
     * Starts from the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The delay before the next try after {@code failures} failures (1 for the first failure).
     *
     * @param failures how many failures so far, at least 1
     * @return the delay before the next try after {@code failures} failures (1 for the first failure)
     */
    public Duration delayAfter(int failures) {
        double millis = initialDelay.toMillis() * Math.pow(factor, Math.max(0, failures - 1));
        if (millis >= maxDelay.toMillis()) {
            return maxDelay;
        }
        return Duration.ofMillis((long) millis);
    }

    /** Builds a {@link RetryPolicy}. */
    public static final class Builder {
        private Duration initialDelay = Duration.ofSeconds(10);
        private double factor = 2.0;
        private Duration maxDelay = Duration.ofHours(1);
        private int maxAttempts = 10;

        private Builder() {}

        /**
         * The delay after the first failure.
         *
         * @param value the delay after the first failure
         * @return this builder
         */
        public Builder initialDelay(Duration value) {
            this.initialDelay = value;
            return this;
        }

        /**
         * The multiplier per further failure.
         *
         * @param value the multiplier per further failure
         * @return this builder
         */
        public Builder factor(double value) {
            this.factor = value;
            return this;
        }

        /**
         * The longest delay.
         *
         * @param value the longest delay
         * @return this builder
         */
        public Builder maxDelay(Duration value) {
            this.maxDelay = value;
            return this;
        }

        /**
         * The failures before giving up.
         *
         * @param value the failures before giving up
         * @return this builder
         */
        public Builder maxAttempts(int value) {
            this.maxAttempts = value;
            return this;
        }

        /**
         * Builds and validates the policy.
         *
         * @return the policy
         */
        public RetryPolicy build() {
            return new RetryPolicy(initialDelay, factor, maxDelay, maxAttempts);
        }
    }
}

package org.entsupport.notify;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A notification could not be delivered. Says whether trying again can help: a
 * {@linkplain #retryable(String, Throwable) retryable} failure (a server down, a timeout, a rate
 * limit) is tried again later with back-off; a {@linkplain #permanent(String, Throwable) permanent}
 * one (an invalid address, a refused request) is not, and its outbox row goes to the dead state.
 *
 * <p>The message should name the notifier's target and what failed, but never a secret.
 */
public final class DeliveryException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Whether a later attempt may succeed. */
    private final boolean retryable;

    private final transient Duration retryAfter;

    private DeliveryException(String message, Throwable cause, boolean retryable, Duration retryAfter) {
        super(Objects.requireNonNull(message, "message"), cause);
        if (retryAfter != null && retryAfter.isNegative()) {
            throw new IllegalArgumentException("retryAfter must not be negative, but was " + retryAfter);
        }
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    /**
     * A failure that may go away: the relay tries again later with its back-off.
     *
     * @param message what failed, with the target
     * @param cause   the underlying failure, or {@code null}
     * @return the exception
     */
    public static DeliveryException retryable(String message, Throwable cause) {
        return new DeliveryException(message, cause, true, null);
    }

    /**
     * A failure that may go away, with the delay the target asked for (an HTTP {@code Retry-After},
     * for instance). The relay waits at least that long before the next attempt.
     *
     * @param message    what failed, with the target
     * @param cause      the underlying failure, or {@code null}
     * @param retryAfter how long to wait, zero or positive
     * @return the exception
     */
    public static DeliveryException retryable(String message, Throwable cause, Duration retryAfter) {
        return new DeliveryException(message, cause, true, Objects.requireNonNull(retryAfter, "retryAfter"));
    }

    /**
     * A failure that trying again cannot fix: the outbox row goes to the dead state at once.
     *
     * @param message what failed, with the target
     * @param cause   the underlying failure, or {@code null}
     * @return the exception
     */
    public static DeliveryException permanent(String message, Throwable cause) {
        return new DeliveryException(message, cause, false, null);
    }

    /**
     * Whether a later attempt may succeed.
     *
     * @return whether a later attempt may succeed
     */
    public boolean retryable() {
        return retryable;
    }

    /**
     * How long the target asked us to wait before the next attempt, if it said so.
     *
     * @return how long the target asked us to wait before the next attempt, if it said so
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}

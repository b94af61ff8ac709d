package org.entsupport.core.outbox;

import java.time.Duration;
import java.util.Optional;

/**
 * Delivers the outbox messages of one channel. The library registers one per notifier and one per
 * support desk; hosts rarely implement it.
 *
 * <p>Called by the {@link OutboxRelay} on one of its worker threads, after the change committed,
 * possibly concurrently for different messages, and at least once per message (a relay that dies
 * mid-delivery leaves the message to be delivered again): handle a repeated message id as a repeat.
 */
public interface OutboxHandler {

    /**
     * Delivers one message.
     *
     * @param message the message, claimed for this relay
     * @throws Exception on failure; {@link #isRetryable} decides between a retry with back-off and the
     *         dead state
     */
    void handle(OutboxMessage message) throws Exception;

    /**
     * Whether a failure may succeed on a later try (default: yes).
     *
     * @param failure what {@link #handle} threw
     * @return whether a failure may succeed on a later try (default: yes)
     */
    default boolean isRetryable(Exception failure) {
        return true;
    }

    /**
     * A delay the remote side asked for (such as HTTP Retry-After), if any.
     *
     * @param failure what {@link #handle} threw
     * @return a delay the remote side asked for (such as HTTP Retry-After), if any
     */
    default Optional<Duration> retryAfter(Exception failure) {
        return Optional.empty();
    }

    /**
     * Called once when a message of this channel goes dead, after the dead state is stored. Failures
     * are logged and ignored.
     *
     * @param message the message, now dead
     * @param error its last error
     */
    default void onDead(OutboxMessage message, String error) {}
}

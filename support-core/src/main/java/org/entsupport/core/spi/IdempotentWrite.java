package org.entsupport.core.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * The record of a change made with an idempotency key: written in the transaction of the change, so that a
 * retry with the same key finds it and answers with the first result instead of writing again. Unique per
 * actor, operation, ticket and key.
 *
 * @param actor       the user id of who made the change
 * @param operation   the operation, such as {@code comment}, {@code status}, {@code attach} or {@code escalate}
 * @param ticketId    the ticket changed
 * @param key         the client's key, 1..255 printable ASCII characters
 * @param fingerprint a digest of the request's content, to refuse the key for a different request
 * @param result      what the change produced, for the replay (such as the comment's id); the library's own
 *                    format, up to 2,000 characters
 * @param created     when the change was made
 */
public record IdempotentWrite(
        String actor, String operation, long ticketId, String key, String fingerprint, String result, Instant created) {

    /**
     * Checks the components.
     *
     * @param actor the user id of who made the change
     * @param operation the operation
     * @param ticketId the ticket changed
     * @param key the client's key
     * @param fingerprint a digest of the request's content
     * @param result what the change produced, for the replay
     * @param created when the change was made
     */
    public IdempotentWrite {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(created, "created");
    }
}

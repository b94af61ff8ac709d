package org.entsupport.core;

import java.util.List;

/**
 * An idempotency key was used again for a different request: same actor, same operation and ticket, other
 * content. Nothing was written. A client that retries sends exactly the same request with the same key; a new
 * request takes a new key. A {@link ValidationException} naming the field {@code idempotencyKey}.
 */
public class IdempotencyKeyReusedException extends ValidationException {

    private static final long serialVersionUID = 1L;

    /** The operation the key was used for, such as {@code comment}. */
    private final String operation;
    /** The ticket the key was used on. */
    private final long ticketId;
    /** The key. */
    private final String idempotencyKey;

    /**
     * Creates the exception.
     *
     * @param operation      the operation the key was first used for, such as {@code comment}
     * @param ticketId       the ticket's id
     * @param idempotencyKey the key
     */
    public IdempotencyKeyReusedException(String operation, long ticketId, String idempotencyKey) {
        super(
                List.of(new Violation(
                        "idempotencyKey",
                        "idempotency-key-reused",
                        "key " + idempotencyKey + " was already used for another " + operation + " of ticket "
                                + ticketId + " with different content",
                        List.of())),
                null);
        this.operation = operation;
        this.ticketId = ticketId;
        this.idempotencyKey = idempotencyKey;
    }

    /**
     * The operation.
     *
     * @return the operation the key was used for, such as {@code comment}, {@code status}, {@code attach} or
     *         {@code escalate}
     */
    public String operation() {
        return operation;
    }

    /**
     * The ticket.
     *
     * @return the ticket's id
     */
    public long ticketId() {
        return ticketId;
    }

    /**
     * The key.
     *
     * @return the key used again
     */
    public String idempotencyKey() {
        return idempotencyKey;
    }
}

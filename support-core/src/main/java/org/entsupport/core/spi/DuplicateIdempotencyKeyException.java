package org.entsupport.core.spi;

import org.entsupport.core.SupportException;

/**
 * Thrown by a store when a ticket with the same owner and idempotency key already exists, or a change with the
 * same actor, operation, ticket and key was recorded ({@link StoreTransaction#insertIdempotentWrite}). The
 * facade catches it and answers with the first result; callers of the facade never see it.
 */
public class DuplicateIdempotencyKeyException extends SupportException {

    private static final long serialVersionUID = 1L;

    /** The user id of who used it. */
    private final String owner;
    /** The key already used. */
    private final String idempotencyKey;

    /**
     * Creates the exception.
     *
     * @param owner the user id of who used it
     * @param idempotencyKey the key already used
     * @param cause the failure behind it, or {@code null}
     */
    public DuplicateIdempotencyKeyException(
            String owner, String idempotencyKey, @org.jspecify.annotations.Nullable Throwable cause) {
        super(
                "User " + owner + " already filed a ticket with idempotency key " + idempotencyKey,
                "store.unavailable",
                cause);
        this.owner = owner;
        this.idempotencyKey = idempotencyKey;
    }

    /**
     * Creates the exception for a change to a ticket made with a key already recorded.
     *
     * @param actor the user id of who used it
     * @param operation the operation, such as {@code comment}
     * @param ticketId the ticket's id
     * @param idempotencyKey the key already used
     * @param cause the failure behind it, or {@code null}
     */
    public DuplicateIdempotencyKeyException(
            String actor,
            String operation,
            long ticketId,
            String idempotencyKey,
            @org.jspecify.annotations.Nullable Throwable cause) {
        super(
                "User " + actor + " already made a " + operation + " on ticket " + ticketId + " with idempotency key "
                        + idempotencyKey,
                "store.unavailable",
                cause);
        this.owner = actor;
        this.idempotencyKey = idempotencyKey;
    }

    /**
     * The owner.
     *
     * @return the user id of who used the key
     */
    public String owner() {
        return owner;
    }

    /**
     * The key.
     *
     * @return the key already used
     */
    public String idempotencyKey() {
        return idempotencyKey;
    }
}

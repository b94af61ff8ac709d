package org.entsupport.core.spi;

import org.entsupport.core.SupportException;

/**
 * Thrown by a store when a ticket with the same owner and idempotency key already exists. The
 * facade catches it and returns the first ticket; callers of the facade never see it.
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

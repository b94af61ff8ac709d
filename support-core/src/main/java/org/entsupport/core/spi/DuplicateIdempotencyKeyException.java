package org.entsupport.core.spi;

import org.entsupport.core.SupportException;

/**
 * Thrown by a store when a ticket with the same owner and idempotency key already exists. The
 * facade catches it and returns the first ticket; callers of the facade never see it.
 */
public class DuplicateIdempotencyKeyException extends SupportException {

    private static final long serialVersionUID = 1L;

    private final String owner;
    private final String idempotencyKey;

    /** Creates the exception. */
    public DuplicateIdempotencyKeyException(
            String owner, String idempotencyKey, @org.jspecify.annotations.Nullable Throwable cause) {
        super(
                "User " + owner + " already filed a ticket with idempotency key " + idempotencyKey,
                "store.unavailable",
                cause);
        this.owner = owner;
        this.idempotencyKey = idempotencyKey;
    }

    /** The owner. */
    public String owner() {
        return owner;
    }

    /** The key. */
    public String idempotencyKey() {
        return idempotencyKey;
    }
}

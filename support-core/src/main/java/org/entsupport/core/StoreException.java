package org.entsupport.core;

import org.jspecify.annotations.Nullable;

/**
 * The store failed for a reason that is not the caller's: the database is unreachable, the
 * connection was lost, a constraint the library did not expect. Store adapters translate their own
 * errors into this one, so callers never catch JDBC or jOOQ exceptions. The operation was rolled back.
 */
public class StoreException extends SupportException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed, with the ticket id when there is one
     * @param cause   the adapter's exception
     */
    public StoreException(String message, @Nullable Throwable cause) {
        super(message, "store.unavailable", cause);
    }

    /**
     * Creates the exception with its own user message, for a subclass.
     *
     * @param message what failed, with the ticket id when there is one
     * @param code    the key of the user message
     * @param cause   the adapter's exception
     */
    protected StoreException(String message, String code, @Nullable Throwable cause) {
        super(message, code, cause);
    }
}

package org.entsupport.core;

import org.jspecify.annotations.Nullable;

/**
 * The store lost its connection while committing a change, so whether the change was saved cannot be known:
 * the database may have committed it and only its acknowledgement was lost. Unlike its parent
 * {@link StoreException}, the operation was <em>not</em> necessarily rolled back.
 *
 * <p>Retrying is safe when the change carries an idempotency key: send it again with the <em>same</em> key and
 * the library either writes it once or answers with what the first attempt saved
 * ({@link NewComment#withIdempotencyKey}, {@link Support#changeStatus(Actor, long,
 * org.entsupport.core.model.TicketStatus, long, String)}, {@link Support#attach(Actor, long, java.util.List,
 * String)}, {@link Support#escalate(Actor, long, String)}, {@link NewTicket.Builder#idempotencyKey}). Without a
 * key, read the ticket before retrying.
 */
public class StoreOutcomeUnknownException extends StoreException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was being committed, with the ticket id when there is one, and the adapter's error
     * @param cause   the adapter's exception
     */
    public StoreOutcomeUnknownException(String message, @Nullable Throwable cause) {
        super(message, "store.outcome-unknown", cause);
    }
}

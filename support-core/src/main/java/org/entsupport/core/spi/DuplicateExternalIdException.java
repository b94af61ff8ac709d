package org.entsupport.core.spi;

import org.entsupport.core.SupportException;
import org.jspecify.annotations.Nullable;

/**
 * Thrown by a store when a comment with the same external id already exists on the ticket: an
 * import from the desk was replayed. The synchroniser treats it as "already imported".
 */
public class DuplicateExternalIdException extends SupportException {

    private static final long serialVersionUID = 1L;

    private final long ticketId;
    private final String externalId;

    /** Creates the exception. */
    public DuplicateExternalIdException(long ticketId, String externalId, @Nullable Throwable cause) {
        super(
                "Ticket " + ticketId + " already has a comment with external id " + externalId,
                "store.unavailable",
                cause);
        this.ticketId = ticketId;
        this.externalId = externalId;
    }

    /** The ticket. */
    public long ticketId() {
        return ticketId;
    }

    /** The external id. */
    public String externalId() {
        return externalId;
    }
}

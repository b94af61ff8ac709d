package org.entsupport.core.spi;

import org.entsupport.core.SupportException;
import org.jspecify.annotations.Nullable;

/**
 * Thrown by a store when a comment with the same external id already exists on the ticket: an
 * import from the desk was replayed. The synchroniser treats it as "already imported".
 */
public class DuplicateExternalIdException extends SupportException {

    private static final long serialVersionUID = 1L;

    /** The ticket's id. */
    private final long ticketId;
    /** The desk's id that is already imported. */
    private final String externalId;

    /**
     * Creates the exception.
     *
     * @param ticketId the ticket's id
     * @param externalId the id on the desk
     * @param cause the failure behind it, or {@code null}
     */
    public DuplicateExternalIdException(long ticketId, String externalId, @Nullable Throwable cause) {
        super(
                "Ticket " + ticketId + " already has a comment with external id " + externalId,
                "store.unavailable",
                cause);
        this.ticketId = ticketId;
        this.externalId = externalId;
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
     * The external id.
     *
     * @return the desk's id already imported
     */
    public String externalId() {
        return externalId;
    }
}

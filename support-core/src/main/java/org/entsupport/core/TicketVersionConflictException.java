package org.entsupport.core;

/**
 * The ticket changed since the caller read it: the change carried a stale version. Nothing was
 * written; read the ticket again and retry.
 */
public class TicketVersionConflictException extends SupportException {

    private static final long serialVersionUID = 1L;

    /** The ticket's id. */
    private final long ticketId;
    /** The version the change was based on. */
    private final long expectedVersion;
    /** The version the ticket has. */
    private final long actualVersion;

    /**
     * Creates the exception.
     *
     * @param ticketId        the ticket
     * @param expectedVersion the version the caller had
     * @param actualVersion   the version in the store, or -1 when unknown
     */
    public TicketVersionConflictException(long ticketId, long expectedVersion, long actualVersion) {
        super(
                "Ticket " + ticketId + " was changed by someone else: the change was based on version "
                        + expectedVersion + " but the ticket is at version "
                        + (actualVersion < 0 ? "(unknown, newer)" : Long.toString(actualVersion)),
                "ticket.version-conflict",
                null,
                ticketId);
        this.ticketId = ticketId;
        this.expectedVersion = expectedVersion;
        this.actualVersion = actualVersion;
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
     * The version the change was based on.
     *
     * @return the version the change was based on
     */
    public long expectedVersion() {
        return expectedVersion;
    }

    /**
     * The version in the store, or -1 when the store could not tell.
     *
     * @return the version in the store, or -1 when the store could not tell
     */
    public long actualVersion() {
        return actualVersion;
    }
}

package org.entsupport.core;

/**
 * No ticket has this id, or the actor may not see it. The two cases are deliberately the same, so
 * that nobody learns that a ticket exists by being refused access to it.
 */
public class TicketNotFoundException extends SupportException {

    private static final long serialVersionUID = 1L;

    /** The id asked for. */
    private final long ticketId;

    /**
     * Creates the exception for {@code ticketId}.
     *
     * @param ticketId the ticket's id
     */
    public TicketNotFoundException(long ticketId) {
        super("No such ticket: " + ticketId, "ticket.not-found", null, ticketId);
        this.ticketId = ticketId;
    }

    /**
     * The id that was asked for.
     *
     * @return the id that was asked for
     */
    public long ticketId() {
        return ticketId;
    }
}

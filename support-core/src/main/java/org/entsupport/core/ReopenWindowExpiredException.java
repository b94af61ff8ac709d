package org.entsupport.core;

import java.time.Duration;
import org.entsupport.core.model.TicketStatus;

/**
 * A comment on a RESOLVED or CLOSED ticket came after the reopen window: the ticket stays as it is
 * and the user should file a new request.
 */
public class ReopenWindowExpiredException extends SupportException {

    private static final long serialVersionUID = 1L;

    /** The ticket's id. */
    private final long ticketId;
    /** The ticket's status, RESOLVED or CLOSED. */
    private final TicketStatus status;
    /** How long a comment still reopens a finished ticket. */
    private final Duration reopenWindow;

    /**
     * Creates the exception for a ticket in {@code status} whose window of {@code reopenWindow} is over.
     *
     * @param ticketId the ticket's id
     * @param status the ticket's status, RESOLVED or CLOSED
     * @param reopenWindow the configured window
     */
    public ReopenWindowExpiredException(long ticketId, TicketStatus status, Duration reopenWindow) {
        super(
                "Ticket " + ticketId + " is " + status + " since longer than the reopen window of " + reopenWindow
                        + "; comments are refused, file a new request instead",
                "ticket.reopen-window-expired",
                null,
                ticketId,
                reopenWindow.toDays());
        this.ticketId = ticketId;
        this.status = status;
        this.reopenWindow = reopenWindow;
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
     * Its status.
     *
     * @return its status
     */
    public TicketStatus status() {
        return status;
    }

    /**
     * The configured window.
     *
     * @return the configured window
     */
    public Duration reopenWindow() {
        return reopenWindow;
    }
}

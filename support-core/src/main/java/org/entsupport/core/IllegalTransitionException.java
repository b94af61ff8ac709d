package org.entsupport.core;

import java.util.Set;
import org.entsupport.core.model.TicketStatus;

/**
 * The workflow table does not allow this status change for this actor. The message names the
 * ticket, both statuses and what the actor may do instead.
 */
public class IllegalTransitionException extends SupportException {

    private static final long serialVersionUID = 1L;

    /** The ticket's id. */
    private final long ticketId;
    /** The ticket's status. */
    private final TicketStatus from;
    /** The status asked for. */
    private final TicketStatus to;
    /** The statuses the actor may move the ticket to. */
    private final Set<TicketStatus> allowed;

    /**
     * Creates the exception.
     *
     * @param ticketId the ticket
     * @param from     its current status
     * @param to       the refused target
     * @param allowed  the statuses the actor may move it to from {@code from}
     */
    public IllegalTransitionException(long ticketId, TicketStatus from, TicketStatus to, Set<TicketStatus> allowed) {
        super(
                "Ticket " + ticketId + " cannot go from " + from + " to " + to + "; allowed from " + from
                        + " for this user: " + (allowed.isEmpty() ? "none" : allowed),
                "status.illegal-transition",
                null,
                ticketId,
                from,
                to);
        this.ticketId = ticketId;
        this.from = from;
        this.to = to;
        this.allowed = Set.copyOf(allowed);
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
     * Its status when the change was refused.
     *
     * @return its status when the change was refused
     */
    public TicketStatus from() {
        return from;
    }

    /**
     * The refused target.
     *
     * @return the refused target
     */
    public TicketStatus to() {
        return to;
    }

    /**
     * What the actor may move it to instead.
     *
     * @return what the actor may move it to instead
     */
    public Set<TicketStatus> allowed() {
        return allowed;
    }
}

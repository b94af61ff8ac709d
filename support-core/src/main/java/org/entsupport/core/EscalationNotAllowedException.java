package org.entsupport.core;

import org.entsupport.core.model.EscalationStatus;
import org.entsupport.core.model.TicketStatus;

/**
 * The ticket cannot be handed over to the support desk in its current state: it is RESOLVED or
 * CLOSED, or already escalated (IN_PROGRESS or SUCCESSFUL), or its school has escalation disabled.
 */
public class EscalationNotAllowedException extends SupportException {

    private static final long serialVersionUID = 1L;

    /** The ticket's id. */
    private final long ticketId;

    /**
     * Creates the exception.
     *
     * @param ticketId         the ticket
     * @param status           its status
     * @param escalationStatus its escalation status
     * @param reason           the English reason
     * @param code             the user message key
     */
    public EscalationNotAllowedException(
            long ticketId, TicketStatus status, EscalationStatus escalationStatus, String reason, String code) {
        super(
                "Ticket " + ticketId + " (status " + status + ", escalation " + escalationStatus
                        + ") cannot be escalated: " + reason,
                code,
                null,
                ticketId);
        this.ticketId = ticketId;
    }

    /**
     * The ticket.
     *
     * @return the ticket's id
     */
    public long ticketId() {
        return ticketId;
    }
}

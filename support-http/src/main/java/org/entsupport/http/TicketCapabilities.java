package org.entsupport.http;

import java.util.Set;
import org.entsupport.core.model.TicketStatus;

/**
 * What an actor may do on one ticket now, so that a page shows exactly the buttons the operations allow.
 *
 * @param ticketId         the ticket
 * @param comment          may add a comment or files
 * @param statuses         the statuses the actor may move the ticket to
 * @param escalate         may hand the ticket over to the support desk (for the first time, or again
 *                         after a failure)
 * @param retryEscalation  the last hand-over failed and the actor may try again
 * @param editFields       may change the subject and the category
 * @param editDescription  may change the description
 */
public record TicketCapabilities(
        long ticketId,
        boolean comment,
        Set<TicketStatus> statuses,
        boolean escalate,
        boolean retryEscalation,
        boolean editFields,
        boolean editDescription) {

    /**
     * Copies the statuses.
     *
     * @param ticketId the ticket id
     * @param comment the comment
     * @param statuses the statuses
     * @param escalate the escalate
     * @param retryEscalation the retry escalation
     * @param editFields the edit fields
     * @param editDescription the edit description
     */
    public TicketCapabilities {
        statuses = Set.copyOf(statuses);
    }
}

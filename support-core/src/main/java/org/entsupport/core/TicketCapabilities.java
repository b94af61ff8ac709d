package org.entsupport.core;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.entsupport.core.model.TicketStatus;

/**
 * What an actor may do on one ticket now, answered by the rules that guard the operations themselves: a
 * host draws its buttons from it, and every button it shows does what it says (until the ticket changes).
 *
 * <pre>{@code
 * TicketCapabilities can = support.capabilities(actor, ticketId);
 * if (can.escalate()) { showEscalateButton(can.retryEscalation() ? "Retry" : "Escalate"); }
 * can.statuses().forEach(this::addStatusMenuItem);
 * }</pre>
 *
 * @param ticketId        the ticket
 * @param version         the ticket's version the answer was computed from
 * @param comment         may add a comment or files ({@link Support#comment}, {@link Support#attach}); false for
 *                        a finished ticket after the reopen window
 * @param statuses        the statuses {@link Support#changeStatus} accepts now from this actor
 * @param escalate        {@link Support#escalate(Actor, long)} hands the ticket over now (for the first time, or
 *                        again after a failure)
 * @param retryEscalation the last hand-over failed and the actor may escalate again
 * @param editFields      may change the subject and the category ({@link Support#update})
 * @param editDescription may change the description ({@link Support#update})
 * @param bulk            the ticket may be selected for a bulk operation that would change it
 *                        ({@link Support#changeStatuses} to one of {@code statuses}, or
 *                        {@link Support#escalate(Actor, java.util.Collection)})
 */
public record TicketCapabilities(
        long ticketId,
        long version,
        boolean comment,
        Set<TicketStatus> statuses,
        boolean escalate,
        boolean retryEscalation,
        boolean editFields,
        boolean editDescription,
        boolean bulk) {

    /**
     * Copies the statuses (iterated in the workflow's order: NEW, OPENED, RESOLVED, CLOSED, WAITING).
     *
     * @param ticketId the ticket
     * @param version the ticket's version the answer was computed from
     * @param comment may add a comment or files
     * @param statuses the statuses {@link Support#changeStatus} accepts now from this actor
     * @param escalate the ticket may be handed over to the desk now
     * @param retryEscalation the last hand-over failed and the actor may escalate again
     * @param editFields may change the subject and the category
     * @param editDescription may change the description
     * @param bulk the ticket may be selected for a bulk operation that would change it
     */
    public TicketCapabilities {
        EnumSet<TicketStatus> inOrder = EnumSet.noneOf(TicketStatus.class);
        inOrder.addAll(Objects.requireNonNull(statuses, "statuses"));
        statuses = Collections.unmodifiableSet(inOrder);
    }
}

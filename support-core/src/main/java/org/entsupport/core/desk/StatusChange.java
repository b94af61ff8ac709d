package org.entsupport.core.desk;

import java.time.Instant;
import java.util.Objects;
import org.entsupport.core.model.TicketStatus;

/**
 * A status change made on our side to an escalated ticket, as {@link SupportDesk#forwardStatus}
 * reports it to the desk: the requester or an administrator resolved, closed or reopened the request.
 *
 * @param changeId    our id of the change (the history event), unique per installation; connectors
 *                    write it into a marker on the desk so that a retry finds the note instead of
 *                    adding it twice, and so that its echo is recognised
 * @param from        the status before
 * @param to          the status now
 * @param actorName   who changed it, as people read it
 * @param byRequester whether the requester changed it (rather than an administrator or the library)
 * @param at          when, by our clock
 */
public record StatusChange(
        long changeId, TicketStatus from, TicketStatus to, String actorName, boolean byRequester, Instant at) {

    /**
     * Checks the components.
     *
     * @param changeId the id of the history event that recorded the change
     * @param from the status before
     * @param to the status after
     * @param actorName who changed it, as people read it
     * @param byRequester whether the requester changed it
     * @param at when it changed
     */
    public StatusChange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(actorName, "actorName");
        Objects.requireNonNull(at, "at");
        if (from == to) {
            throw new IllegalArgumentException(
                    "a status change must change the status, but went from " + from + " to " + to);
        }
    }

    /**
     * Whether the ticket was reopened: RESOLVED or CLOSED back to OPENED.
     *
     * @return whether the change reopened the ticket
     */
    public boolean isReopening() {
        return from.isFinished() && !to.isFinished();
    }
}

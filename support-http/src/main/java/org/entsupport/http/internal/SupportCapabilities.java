package org.entsupport.http.internal;

import java.util.function.Predicate;
import org.entsupport.core.Actor;
import org.entsupport.core.Support;
import org.entsupport.core.model.EscalationStatus;
import org.entsupport.core.model.Ticket;
import org.entsupport.http.CapabilityQuery;
import org.entsupport.http.TicketCapabilities;

/**
 * The capability query answered from what the facade offers today: {@link Support#get} (visibility),
 * {@link Support#allowedStatuses} (the workflow table) and the rules of the permission table for the rest
 * (escalation right and enabled school, the description frozen for the owner once escalated).
 */
public final class SupportCapabilities implements CapabilityQuery {

    private final Support support;
    private final Predicate<String> escalationEnabled;

    /** Answers from {@code support}; {@code escalationEnabled} is the facade's own predicate. */
    public SupportCapabilities(Support support, Predicate<String> escalationEnabled) {
        this.support = support;
        this.escalationEnabled = escalationEnabled;
    }

    @Override
    public TicketCapabilities capabilities(Actor actor, long ticketId) {
        Ticket t = support.get(actor, ticketId);
        boolean admin = actor.administers(t.school());
        boolean right = actor.platformAdmin()
                || (actor.adminSchools().contains(t.school())
                        && actor.escalationSchools().contains(t.school()));
        boolean escalate = right
                && escalationEnabled.test(t.school())
                && !t.status().isFinished()
                && (t.escalationStatus() == EscalationStatus.NOT_DONE
                        || t.escalationStatus() == EscalationStatus.FAILED);
        boolean frozen = t.escalationStatus() == EscalationStatus.IN_PROGRESS
                || t.escalationStatus() == EscalationStatus.SUCCESSFUL;
        return new TicketCapabilities(
                ticketId,
                true,
                support.allowedStatuses(actor, ticketId),
                escalate,
                escalate && t.escalationStatus() == EscalationStatus.FAILED,
                true,
                admin || !frozen);
    }
}

package org.entsupport.http;

import java.util.Objects;
import java.util.function.Predicate;
import org.entsupport.core.Actor;
import org.entsupport.core.Support;
import org.entsupport.http.internal.SupportCapabilities;

/**
 * Answers what an actor may do on a ticket ({@code GET /api/v1/tickets/{id}/capabilities}, and the buttons
 * of the web demo).
 *
 * <p>{@link #fromSupport} answers from what the facade offers today ({@link Support#allowedStatuses}, the
 * actor's rights and the schools where escalation is enabled). When support-core gains its own
 * capability query, it will be the default and this port stays for hosts that narrow the answer further.
 * Called on the request's thread; a ticket the actor may not see is a
 * {@link org.entsupport.core.TicketNotFoundException}.
 */
@FunctionalInterface
public interface CapabilityQuery {

    /**
     * What {@code actor} may do on the ticket.
     *
     * @param actor the actor
     * @param ticketId the ticket id
     * @return what {@code actor} may do on the ticket
     * @throws org.entsupport.core.TicketNotFoundException when it does not exist or the actor may not see it
     */
    TicketCapabilities capabilities(Actor actor, long ticketId);

    /**
     * The answer from the facade's workflow table and the actor's rights.
     *
     * @param support           the facade
     * @param escalationEnabled the schools where escalation is enabled: the same predicate as given to
     *                          {@link Support.Builder#escalationEnabled}
     * @return the answer from the facade's workflow table and the actor's rights
     */
    static CapabilityQuery fromSupport(Support support, Predicate<String> escalationEnabled) {
        return new SupportCapabilities(
                Objects.requireNonNull(support, "support"),
                Objects.requireNonNull(escalationEnabled, "escalationEnabled"));
    }
}

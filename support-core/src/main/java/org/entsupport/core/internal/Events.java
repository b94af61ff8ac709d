package org.entsupport.core.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.entsupport.core.model.EventType;
import org.entsupport.core.model.TicketStatus;
import org.entsupport.core.spi.EventDraft;
import org.jspecify.annotations.Nullable;

/** The history events several capabilities write, with their parameters (keys, never translated text). */
final class Events {

    private Events() {}

    /** A status change, with its cause ({@code explicit}, {@code bulk}, {@code comment}, {@code auto-close}...). */
    static EventDraft statusChanged(
            long ticketId, @Nullable String actor, TicketStatus from, TicketStatus to, String cause, Instant now) {
        return new EventDraft(
                ticketId,
                actor,
                EventType.STATUS_CHANGED,
                now,
                Map.of("from", from.name(), "to", to.name(), "cause", cause));
    }

    /** Files added to a ticket, by name. */
    static EventDraft attachmentsAdded(long ticketId, String actor, List<String> names, Instant now) {
        return new EventDraft(
                ticketId,
                actor,
                EventType.ATTACHMENTS_ADDED,
                now,
                Map.of("count", Integer.toString(names.size()), "names", String.join(", ", names)));
    }
}

package org.entsupport.core.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a ticket's history: what happened, who did it, and the parameters needed to render
 * it in the reader's language.
 *
 * @param id         assigned by the store
 * @param ticketId   the ticket
 * @param actor      the user id of who acted, or {@code null} for the system (auto-close, desk sync)
 * @param type       what happened
 * @param created    when
 * @param parameters the details, as listed on each {@link EventType}
 */
public record HistoryEvent(
        long id,
        long ticketId,
        @Nullable String actor,
        EventType type,
        Instant created,
        Map<String, String> parameters) {

    /**
     * Checks the required components and copies the parameters.
     *
     * @param id assigned by the store
     * @param ticketId the ticket
     * @param actor the user id of who acted, or {@code null} for the system (auto-close, desk sync)
     * @param type what happened
     * @param created when
     * @param parameters the details, as listed on each {@link EventType}
     */
    public HistoryEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(created, "created");
        parameters = Map.copyOf(parameters);
    }
}

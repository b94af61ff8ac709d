package org.entsupport.core.spi;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.entsupport.core.model.EventType;
import org.jspecify.annotations.Nullable;

/**
 * A history event about to be inserted.
 *
 * @param ticketId   the ticket
 * @param actor      who acted, or {@code null} for the system
 * @param type       what happened
 * @param created    when
 * @param parameters the details
 */
public record EventDraft(
        long ticketId, @Nullable String actor, EventType type, Instant created, Map<String, String> parameters) {

    /**
     * Checks the required components and copies the parameters.
     *
     * @param ticketId the ticket
     * @param actor who acted, or {@code null} for the system
     * @param type what happened
     * @param created when
     * @param parameters the details
     */
    public EventDraft {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(created, "created");
        parameters = Map.copyOf(parameters);
    }
}

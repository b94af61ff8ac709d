package org.entsupport.core.spi;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An entry of the in-app news feed that concerns a person (they received it, or their action caused it), as
 * exported by {@link LifecycleStore#feedEntries}.
 *
 * @param id         the entry's id
 * @param recipient  who received it
 * @param type       the notification type's code
 * @param ticketId   the request it is about
 * @param actorId    who caused it
 * @param actorName  their name then
 * @param occurredAt when it happened
 * @param parameters its parameters (subject, excerpt...)
 * @param readAt     when the recipient read it, or {@code null}
 */
public record PersonalFeedEntry(
        long id,
        String recipient,
        String type,
        long ticketId,
        String actorId,
        String actorName,
        Instant occurredAt,
        Map<String, String> parameters,
        @Nullable Instant readAt) {

    /**
     * Checks the values.
     *
     * @param id         the entry's id
     * @param recipient  who received it
     * @param type       the notification type's code
     * @param ticketId   the request it is about
     * @param actorId    who caused it
     * @param actorName  their name then
     * @param occurredAt when it happened
     * @param parameters its parameters
     * @param readAt     when it was read, or {@code null}
     */
    public PersonalFeedEntry {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(actorId, "actorId");
        Objects.requireNonNull(actorName, "actorName");
        Objects.requireNonNull(occurredAt, "occurredAt");
        parameters = Map.copyOf(parameters);
    }
}

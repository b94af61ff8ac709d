package org.entsupport.notify.webhook.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.entsupport.notify.Notification;
import org.jspecify.annotations.Nullable;

/**
 * The JSON document a webhook receives; its shape is documented on
 * {@code org.entsupport.notify.webhook.WebhookNotifier}. E-mail addresses are left out on purpose.
 *
 * @param id         the notification id (also the delivery id header)
 * @param type       the type code, such as {@code ticket-created}
 * @param occurredAt when the change happened (ISO-8601, UTC)
 * @param ticket     the request
 * @param school     its school
 * @param actor      who made the change
 * @param recipients who must hear of it
 * @param parameters plain-text details
 */
public record Payload(
        UUID id,
        String type,
        Instant occurredAt,
        Ticket ticket,
        School school,
        Person actor,
        List<RecipientEntry> recipients,
        Map<String, String> parameters) {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    /**
     * The request.
     *
     * @param id     its id
     * @param number the number shown to people
     * @param link   the address of its page
     */
    public record Ticket(long id, String number, String link) {}

    /**
     * A school.
     *
     * @param id   its id
     * @param name its display name, or {@code null} when unknown
     */
    public record School(String id, @Nullable String name) {}

    /**
     * A person.
     *
     * @param id   their user id
     * @param name their display name
     */
    public record Person(String id, String name) {}

    /**
     * A recipient.
     *
     * @param userId      their user id
     * @param displayName their display name
     * @param locale      their language, as a BCP 47 tag
     */
    public record RecipientEntry(String userId, String displayName, String locale) {}

    /** The payload of {@code n}. */
    public static Payload of(Notification n) {
        return new Payload(
                n.id(),
                n.type().code(),
                n.occurredAt(),
                new Ticket(n.ticketId(), n.ticketNumber(), n.link()),
                new School(n.school(), n.schoolName().orElse(null)),
                new Person(n.actorId(), n.actorName()),
                n.recipients().stream()
                        .map(r -> new RecipientEntry(
                                r.userId(), r.displayName(), r.locale().toLanguageTag()))
                        .toList(),
                n.parameters());
    }

    /** The UTF-8 JSON of this payload. */
    public byte[] toJson() {
        try {
            return MAPPER.writeValueAsBytes(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the webhook payload of notification " + id, e);
        }
    }
}

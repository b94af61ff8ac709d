package org.entsupport.core.internal;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.entsupport.notify.Notification;
import org.entsupport.notify.NotificationType;
import org.entsupport.notify.Recipient;
import org.jspecify.annotations.Nullable;

/**
 * Writes a {@link Notification} as the JSON payload of an outbox message, and reads it back. The format is
 * stored, so it stays as the first version wrote it: version {@code "v":1}, these fields in this order,
 * absent optional values as {@code null}, instants and UUIDs as text.
 */
public final class NotificationCodec {

    /** The outbox kind of notification messages. */
    public static final String KIND = "notification";

    private NotificationCodec() {}

    /** The stored form of a notification. */
    @JsonPropertyOrder({
        "v",
        "id",
        "type",
        "ticketId",
        "ticketNumber",
        "school",
        "schoolName",
        "actorId",
        "actorName",
        "recipients",
        "occurredAt",
        "parameters",
        "link"
    })
    record Payload(
            @Nullable Long v,
            @Nullable String id,
            @Nullable String type,
            @Nullable Long ticketId,
            @Nullable String ticketNumber,
            @Nullable String school,
            @Nullable String schoolName,
            @Nullable String actorId,
            @Nullable String actorName,
            @Nullable List<RecipientPayload> recipients,
            @Nullable String occurredAt,
            @Nullable Map<String, String> parameters,
            @Nullable String link) {}

    /** The stored form of a recipient. */
    @JsonPropertyOrder({"userId", "displayName", "locale", "email"})
    record RecipientPayload(
            @Nullable String userId,
            @Nullable String displayName,
            @Nullable String locale,
            @Nullable String email) {}

    /** The payload of {@code n}. */
    public static String encode(Notification n) {
        List<RecipientPayload> recipients = new ArrayList<>();
        for (Recipient r : n.recipients()) {
            recipients.add(new RecipientPayload(
                    r.userId(),
                    r.displayName(),
                    r.locale().toLanguageTag(),
                    r.email().orElse(null)));
        }
        return Json.write(new Payload(
                1L,
                n.id().toString(),
                n.type().code(),
                n.ticketId(),
                n.ticketNumber(),
                n.school(),
                n.schoolName().orElse(null),
                n.actorId(),
                n.actorName(),
                recipients,
                n.occurredAt().toString(),
                new LinkedHashMap<>(n.parameters()),
                n.link()));
    }

    /**
     * Reads a payload written by {@link #encode} (by this version or an earlier one).
     *
     * @throws IllegalArgumentException when the payload is not a notification, naming what is wrong
     */
    public static Notification decode(String payload) {
        Payload p = Json.read(payload, Payload.class);
        String typeCode = text(p.type(), "type");
        NotificationType type = NotificationType.fromCode(typeCode)
                .orElseThrow(() -> new IllegalArgumentException("unknown notification type " + typeCode));
        List<Recipient> recipients = new ArrayList<>();
        if (p.recipients() == null) {
            throw new IllegalArgumentException("notification payload lacks the list recipients");
        }
        for (RecipientPayload r : p.recipients()) {
            recipients.add(new Recipient(
                    text(r.userId(), "userId"),
                    text(r.displayName(), "displayName"),
                    Locale.forLanguageTag(text(r.locale(), "locale")),
                    Optional.ofNullable(r.email())));
        }
        if (p.ticketId() == null) {
            throw new IllegalArgumentException("notification payload lacks the number ticketId");
        }
        try {
            return new Notification(
                    UUID.fromString(text(p.id(), "id")),
                    type,
                    p.ticketId(),
                    text(p.ticketNumber(), "ticketNumber"),
                    text(p.school(), "school"),
                    Optional.ofNullable(p.schoolName()),
                    text(p.actorId(), "actorId"),
                    text(p.actorName(), "actorName"),
                    recipients,
                    Instant.parse(text(p.occurredAt(), "occurredAt")),
                    parameters(p.parameters()),
                    text(p.link(), "link"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("notification payload has a bad occurredAt: " + e.getMessage(), e);
        }
    }

    private static Map<String, String> parameters(@Nullable Map<String, String> value) {
        if (value == null) {
            throw new IllegalArgumentException("notification payload lacks the object parameters");
        }
        return value;
    }

    private static String text(@Nullable String value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("notification payload lacks the text field " + field);
        }
        return value;
    }
}

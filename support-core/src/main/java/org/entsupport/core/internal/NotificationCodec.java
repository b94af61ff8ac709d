package org.entsupport.core.internal;

import java.time.Instant;
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

/** Writes a {@link Notification} as the JSON payload of an outbox message, and reads it back. */
public final class NotificationCodec {

    /** The outbox kind of notification messages. */
    public static final String KIND = "notification";

    private NotificationCodec() {}

    /** The payload of {@code n}. */
    public static String encode(Notification n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("v", 1L);
        m.put("id", n.id().toString());
        m.put("type", n.type().code());
        m.put("ticketId", n.ticketId());
        m.put("ticketNumber", n.ticketNumber());
        m.put("school", n.school());
        m.put("schoolName", n.schoolName().orElse(null));
        m.put("actorId", n.actorId());
        m.put("actorName", n.actorName());
        List<Object> recipients = new ArrayList<>();
        for (Recipient r : n.recipients()) {
            Map<String, Object> rm = new LinkedHashMap<>();
            rm.put("userId", r.userId());
            rm.put("displayName", r.displayName());
            rm.put("locale", r.locale().toLanguageTag());
            rm.put("email", r.email().orElse(null));
            recipients.add(rm);
        }
        m.put("recipients", recipients);
        m.put("occurredAt", n.occurredAt().toString());
        m.put("parameters", new LinkedHashMap<>(n.parameters()));
        m.put("link", n.link());
        return Json.write(m);
    }

    /**
     * Reads a payload written by {@link #encode}.
     *
     * @throws IllegalArgumentException when the payload is not a notification
     */
    @SuppressWarnings("unchecked")
    public static Notification decode(String payload) {
        Object parsed = Json.read(payload);
        if (!(parsed instanceof Map<?, ?> raw)) {
            throw new IllegalArgumentException("notification payload is not a JSON object");
        }
        Map<String, Object> m = (Map<String, Object>) raw;
        NotificationType type = NotificationType.fromCode(str(m, "type"))
                .orElseThrow(() -> new IllegalArgumentException("unknown notification type " + m.get("type")));
        List<Recipient> recipients = new ArrayList<>();
        for (Object o : (List<Object>) m.get("recipients")) {
            Map<String, Object> r = (Map<String, Object>) o;
            Object email = r.get("email");
            recipients.add(new Recipient(
                    str(r, "userId"),
                    str(r, "displayName"),
                    Locale.forLanguageTag(str(r, "locale")),
                    Optional.ofNullable((String) email)));
        }
        Map<String, String> params = new LinkedHashMap<>();
        ((Map<String, Object>) m.get("parameters")).forEach((k, v) -> params.put(k, String.valueOf(v)));
        Object schoolName = m.get("schoolName");
        return new Notification(
                UUID.fromString(str(m, "id")),
                type,
                ((Number) m.get("ticketId")).longValue(),
                str(m, "ticketNumber"),
                str(m, "school"),
                Optional.ofNullable((String) schoolName),
                str(m, "actorId"),
                str(m, "actorName"),
                recipients,
                Instant.parse(str(m, "occurredAt")),
                params,
                str(m, "link"));
    }

    private static String str(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException("notification payload lacks the text field " + key);
        }
        return s;
    }
}

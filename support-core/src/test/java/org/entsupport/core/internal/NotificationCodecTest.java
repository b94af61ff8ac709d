package org.entsupport.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.entsupport.notify.Notification;
import org.entsupport.notify.NotificationType;
import org.entsupport.notify.Recipient;
import org.junit.jupiter.api.Test;

/**
 * Outbox rows outlive versions: the payloads below are exactly what the first, hand-written codec stored
 * (generated with it before it was replaced by Jackson), and must still read, and be written the same way.
 */
class NotificationCodecTest {

    /** A comment notification: no school name, a recipient without e-mail, escapes and non-ASCII text. */
    static final String LEGACY_COMMENTED =
            "{\"v\":1,\"id\":\"3f0c2a1e-9b7d-4c55-8a61-2f4e0b9d7c13\",\"type\":\"ticket-commented\",\"ticketId\":42,\"ticketNumber\":\"42\",\"school\":\"s1\",\"schoolName\":null,\"actorId\":\"u-admin\",\"actorName\":\"Adam Admin\",\"recipients\":[{\"userId\":\"u-owner\",\"displayName\":\"Olivia Owner\",\"locale\":\"fr\",\"email\":\"olivia@example.org\"},{\"userId\":\"u-admin2\",\"displayName\":\"Alice Autre\",\"locale\":\"en-GB\",\"email\":null}],\"occurredAt\":\"2026-09-01T07:31:00.123456Z\",\"parameters\":{\"comment\":\"Line 1\\nLine 2\\t\\\"quoted\\\" \\\\ back\\u0001 \u00e9\u20ac\ud83d\ude00 \\u2028end\",\"fromStatus\":\"NEW\",\"subject\":\"Impossible de publier \u00ab l'article \u00bb\"},\"link\":\"https://ent.example/support#/ticket/42\"}";

    /** A creation notification with a school name. */
    static final String LEGACY_CREATED =
            "{\"v\":1,\"id\":\"a1b2c3d4-0000-4000-8000-000000000001\",\"type\":\"ticket-created\",\"ticketId\":7,\"ticketNumber\":\"7\",\"school\":\"s2\",\"schoolName\":\"Lyc\u00e9e Victor Hugo\",\"actorId\":\"u-owner\",\"actorName\":\"Olivia Owner\",\"recipients\":[{\"userId\":\"u-admin2\",\"displayName\":\"Alice Autre\",\"locale\":\"en\",\"email\":\"alice@example.org\"}],\"occurredAt\":\"2026-09-01T07:30:00Z\",\"parameters\":{\"subject\":\"Cannot publish\"},\"link\":\"https://ent.example/support#/ticket/7\"}";

    static Notification commented() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("subject", "Impossible de publier « l'article »");
        params.put("comment", "Line 1\nLine 2\t\"quoted\" \\ back\u0001 é€😀 \u2028end");
        params.put("fromStatus", "NEW");
        return new Notification(
                UUID.fromString("3f0c2a1e-9b7d-4c55-8a61-2f4e0b9d7c13"),
                NotificationType.TICKET_COMMENTED,
                42L,
                "42",
                "s1",
                Optional.empty(),
                "u-admin",
                "Adam Admin",
                List.of(
                        new Recipient("u-owner", "Olivia Owner", Locale.FRENCH, Optional.of("olivia@example.org")),
                        new Recipient("u-admin2", "Alice Autre", Locale.forLanguageTag("en-GB"), Optional.empty())),
                Instant.parse("2026-09-01T07:31:00.123456Z"),
                params,
                "https://ent.example/support#/ticket/42");
    }

    static Notification created() {
        return new Notification(
                UUID.fromString("a1b2c3d4-0000-4000-8000-000000000001"),
                NotificationType.TICKET_CREATED,
                7L,
                "7",
                "s2",
                Optional.of("Lycée Victor Hugo"),
                "u-owner",
                "Olivia Owner",
                List.of(new Recipient("u-admin2", "Alice Autre", Locale.ENGLISH, Optional.of("alice@example.org"))),
                Instant.parse("2026-09-01T07:30:00Z"),
                Map.of("subject", "Cannot publish"),
                "https://ent.example/support#/ticket/7");
    }

    @Test
    void payloadsOfTheHandWrittenCodecStillRead() {
        assertThat(NotificationCodec.decode(LEGACY_COMMENTED)).isEqualTo(commented());
        assertThat(NotificationCodec.decode(LEGACY_CREATED)).isEqualTo(created());
    }

    @Test
    void theStoredFormatIsUnchanged() {
        assertThat(NotificationCodec.encode(created())).isEqualTo(LEGACY_CREATED);
        // Only escapes may differ (\u2028 is written as itself, control characters in upper-case hex):
        // the same JSON values, which the old and the new reader read alike.
        String written = NotificationCodec.encode(commented());
        assertThat(written.replace("\u2028", "\\u2028")).isEqualTo(LEGACY_COMMENTED);
        assertThat(NotificationCodec.decode(written)).isEqualTo(commented());
    }

    @Test
    void unknownFieldsOfANewerVersionAreIgnored() {
        String newer = LEGACY_CREATED.replace("{\"v\":1,", "{\"v\":2,\"priority\":\"high\",");

        assertThat(NotificationCodec.decode(newer)).isEqualTo(created());
    }

    @Test
    void aPayloadThatIsNoNotificationIsRefusedNamingWhatIsWrong() {
        assertThatThrownBy(() -> NotificationCodec.decode(
                        LEGACY_CREATED.replace(",\"link\":\"https://ent.example/support#/ticket/7\"", "")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("notification payload lacks the text field link");
        assertThatThrownBy(() -> NotificationCodec.decode(LEGACY_CREATED.replace("ticket-created", "ticket-exploded")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown notification type ticket-exploded");
        assertThatThrownBy(() -> NotificationCodec.decode("[1,2]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a valid Payload: ");
        assertThatThrownBy(() -> NotificationCodec.decode("{\"v\":1,"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a valid Payload: ");
    }
}

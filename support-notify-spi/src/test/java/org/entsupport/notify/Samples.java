package org.entsupport.notify;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/** Notifications for the tests. */
final class Samples {

    static final Instant AT = Instant.parse("2025-03-14T09:26:53Z");
    static final UUID ID = UUID.fromString("6f1c2b4e-8d3a-4c5b-9e7f-0a1b2c3d4e5f");

    private Samples() {}

    static Notification.Builder builder(NotificationType type) {
        return Notification.builder()
                .id(ID)
                .type(type)
                .ticket(42, "42")
                .school("0750001A", "Collège Jean Moulin")
                .actor("u-owner", "Camille Martin")
                .recipient(Recipient.of("u-admin", "Dominique Petit", Locale.FRENCH, "dominique@example.org"))
                .recipient(Recipient.of("u-helper", "Sam Lee", Locale.ENGLISH))
                .occurredAt(AT)
                .parameter(NotificationParameters.SUBJECT, "Cannot publish")
                .link("https://ent.example/support#/ticket/42");
    }

    static Notification of(NotificationType type) {
        return builder(type).build();
    }
}

package org.entsupport.notify.email;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.entsupport.notify.Notification;
import org.entsupport.notify.NotificationParameters;
import org.entsupport.notify.NotificationType;
import org.entsupport.notify.Recipient;

/** Notifications for the e-mail tests. */
final class Fixtures {

    static final UUID ID = UUID.fromString("6f1c2b4e-8d3a-4c5b-9e7f-0a1b2c3d4e5f");

    private Fixtures() {}

    static Notification.Builder notification() {
        return Notification.builder()
                .id(ID)
                .type(NotificationType.TICKET_CREATED)
                .ticket(42, "42")
                .school("0750001A", "Collège Jean Moulin")
                .actor("u-owner", "Camille Martin")
                .recipient(Recipient.of("u-fr", "Dominique Pétit", Locale.FRANCE, "dominique@example.org"))
                .recipient(Recipient.of("u-en", "Sam Lee", Locale.UK, "sam@example.org"))
                .occurredAt(Instant.parse("2025-03-14T09:26:53Z"))
                .parameter(NotificationParameters.SUBJECT, "Impossible de publier <vite>")
                .link("https://ent.example/support#/ticket/42");
    }
}

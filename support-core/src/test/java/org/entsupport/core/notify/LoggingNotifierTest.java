package org.entsupport.core.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.entsupport.notify.Notification;
import org.entsupport.notify.NotificationParameters;
import org.entsupport.notify.NotificationType;
import org.entsupport.notify.Recipient;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class LoggingNotifierTest {

    private static final UUID ID = UUID.fromString("6f1c2b4e-8d3a-4c5b-9e7f-0a1b2c3d4e5f");

    private static Notification notification() {
        return Notification.builder()
                .id(ID)
                .type(NotificationType.TICKET_COMMENTED)
                .ticket(42, "42")
                .school("0750001A", "Collège Jean Moulin")
                .actor("u-owner", "Camille Martin")
                .recipient(Recipient.of("u-admin", "Dominique Petit", Locale.FRENCH))
                .recipient(Recipient.of("u-other", "Sam Lee", Locale.ENGLISH))
                .occurredAt(Instant.parse("2025-03-14T09:26:53Z"))
                .parameter(NotificationParameters.SUBJECT, "Secret subject")
                .parameter(NotificationParameters.COMMENT, "Private comment body")
                .link("https://ent.example/support#/ticket/42")
                .build();
    }

    @Test
    void logsOneInfoLineWithoutTheMessage() {
        RecordingLogger logger = new RecordingLogger(false);

        new LoggingNotifier(logger).deliver(notification());

        assertThat(logger.entries).singleElement().satisfies(e -> {
            assertThat(e.level()).isEqualTo(Level.INFO);
            assertThat(e.message())
                    .isEqualTo("Notification " + ID + " ticket-commented for ticket n°42 (id 42)"
                            + " in school 0750001A by u-owner to 2 recipient(s)");
        });
        assertThat(logger.entries.get(0).message())
                .doesNotContain("Secret subject", "Private comment body", "Dominique", "u-admin");
    }

    @Test
    void namesRecipientsAndParameterKeysOnlyAtDebug() {
        RecordingLogger logger = new RecordingLogger(true);

        new LoggingNotifier(logger).deliver(notification());

        assertThat(logger.at(Level.DEBUG))
                .singleElement()
                .extracting(RecordingLogger.Entry::message)
                .isEqualTo("Notification " + ID + " recipients [u-admin, u-other], parameters [comment, subject]");
    }

    @Test
    void hasAStableNameAndADefaultLogger() {
        LoggingNotifier notifier = new LoggingNotifier();

        assertThat(notifier.name()).isEqualTo("logging");
        assertThat(notifier).hasToString("LoggingNotifier[logger=" + LoggingNotifier.DEFAULT_LOGGER_NAME + "]");
        assertThat(notifier.supports(NotificationType.TICKET_AUTO_CLOSED)).isTrue();
    }
}

package org.entsupport.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.entsupport.notify.Notification;
import org.entsupport.notify.NotificationParameters;
import org.entsupport.notify.NotificationType;
import org.entsupport.notify.Notifier;
import org.entsupport.notify.Recipient;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Notifier} keeps. A notifier implementation runs it by extending this
 * class in its tests and telling how to create the notifier and what the receiving end has seen:
 *
 * <pre>{@code
 * class ChatNotifierContractTest extends NotifierContract {
 *     FakeChatServer server = FakeChatServer.start();
 *     protected Notifier createNotifier() { return new ChatNotifier(server.url()); }
 *     protected List<UUID> deliveredIds() { return server.receivedNotificationIds(); }
 * }
 * }</pre>
 *
 * <p>It checks that a notification of every supported type is delivered; that delivering the same
 * notification twice (the outbox delivers at least once) is accepted; that {@code name()} is stable
 * and not blank; that {@code supports} is consistent; that {@code close()} is idempotent; that many
 * recipients and non-ASCII text work; and that concurrent deliveries (the relay uses several threads)
 * all arrive.
 *
 * <p>The notifier is created lazily, on the first use in each test, so a subclass may start its
 * server in its own {@code @BeforeEach}; it is closed after each test.
 */
public abstract class NotifierContract {

    private @Nullable Notifier notifier;

    /**
     * Creates the notifier under test, ready to deliver. Called at most once per test by
     * {@link #notifier()}, and once more by tests that compare two instances.
     *
     * @return a new notifier
     * @throws Exception when it cannot be created; the test fails
     */
    protected abstract Notifier createNotifier() throws Exception;

    /**
     * The ids of the notifications the receiving end has seen since the test started, in any order,
     * a redelivered notification once per delivery or once in all. The contract polls it until a
     * notification shows up or {@link #deliveryTimeout()} passes, so asynchronous receivers work.
     *
     * @return the ids observed so far
     * @throws Exception when the receiving end cannot be read; the test fails
     */
    protected abstract List<UUID> deliveredIds() throws Exception;

    /**
     * How long a delivered notification may take to show up in {@link #deliveredIds()}; 10 seconds by default.
     *
     * @return how long a delivered notification may take to show up in {@link #deliveredIds()}; 10 seconds by
     *         default
     */
    protected Duration deliveryTimeout() {
        return Duration.ofSeconds(10);
    }

    /**
     * A complete notification of {@code type}, with a fresh id and two recipients (one French, one
     * English, both with an e-mail address). Override to adapt it to the notifier's needs, keeping
     * the given type.
     *
     * @param type the type of the notification
     * @return a builder ready to build
     */
    protected Notification.Builder notification(NotificationType type) {
        return Notification.builder()
                .id(UUID.randomUUID())
                .type(type)
                .ticket(42, "42")
                .school("0750001A", "Collège Jean Moulin")
                .actor("u-actor", "Camille Martin")
                .recipient(Recipient.of("u-admin", "Dominique Petit", Locale.FRENCH, "dominique.petit@example.org"))
                .recipient(Recipient.of("u-owner", "Sam Lee", Locale.ENGLISH, "sam.lee@example.org"))
                .occurredAt(Instant.parse("2025-03-14T09:26:53Z"))
                .parameter(NotificationParameters.SUBJECT, "Cannot publish the homework")
                .parameter(NotificationParameters.FROM_STATUS, "NEW")
                .parameter(NotificationParameters.TO_STATUS, "OPENED")
                .parameter(NotificationParameters.COMMENT, "Please check the attachment.")
                .parameter(NotificationParameters.DESK, "Redmine")
                .link("https://ent.example/support#/ticket/42");
    }

    /**
     * The notifier of the current test, created on first use.
     *
     * @return the notifier of the current test, created on first use
     * @throws java.lang.Exception when {@link #createNotifier()} fails
     */
    protected final Notifier notifier() throws Exception {
        Notifier current = notifier;
        if (current == null) {
            current = createNotifier();
            assertThat(current).as("createNotifier()").isNotNull();
            notifier = current;
        }
        return current;
    }

    @AfterEach
    void closeTheNotifier() {
        Notifier current = notifier;
        notifier = null;
        if (current != null) {
            current.close();
        }
    }

    @Test
    void deliversANotificationOfEverySupportedType() throws Exception {
        Set<NotificationType> supported = supportedTypes(notifier());
        assertThat(supported).as("types supported by %s", notifier().name()).isNotEmpty();

        for (NotificationType type : supported) {
            Notification n = notification(type).build();
            notifier().deliver(n);
            awaitDelivered(n);
        }
    }

    @Test
    void acceptsTheSameNotificationTwice() throws Exception {
        Notification n = notification(anySupportedType()).build();

        notifier().deliver(n);
        assertThatCode(() -> notifier().deliver(n))
                .as("delivering notification %s a second time (the outbox delivers at least once)", n.id())
                .doesNotThrowAnyException();

        awaitDelivered(n);
        assertThat(deliveredIds())
                .as("ids observed after delivering %s twice", n.id())
                .containsOnly(n.id());
    }

    @Test
    void hasAStableNonBlankName() throws Exception {
        String name = notifier().name();

        assertThat(name).as("name()").isNotNull().isNotBlank();
        assertThat(notifier().name()).as("name() called again").isEqualTo(name);
        try (Notifier other = createNotifier()) {
            assertThat(other.name())
                    .as("name() of a second instance created the same way")
                    .isEqualTo(name);
        }
    }

    @Test
    void answersSupportsConsistently() throws Exception {
        Set<NotificationType> first = supportedTypes(notifier());

        assertThat(supportedTypes(notifier())).as("supports(...) asked twice").isEqualTo(first);
        try (Notifier other = createNotifier()) {
            assertThat(supportedTypes(other))
                    .as("supports(...) of a second instance")
                    .isEqualTo(first);
        }
    }

    @Test
    void closeIsIdempotent() throws Exception {
        Notifier n = notifier();

        assertThatCode(() -> {
                    n.close();
                    n.close();
                })
                .as("closing %s twice", n.name())
                .doesNotThrowAnyException();
    }

    @Test
    void deliversToManyRecipientsWithNonAsciiText() throws Exception {
        String[] names = {
            "Zoë Bérénice Lefèvre",
            "Łukasz Żółć",
            "山田 花子",
            "Ærøskøbing Ågesen",
            "Çağla Öztürk",
            "Jean-François d’Aubigné",
            "Анна Каренина",
            "Emoji 🎓 Student"
        };
        Locale[] locales = {Locale.FRENCH, Locale.ENGLISH, Locale.CANADA_FRENCH, Locale.GERMAN, Locale.JAPANESE};
        Notification.Builder b = notification(anySupportedType())
                .parameter(
                        NotificationParameters.SUBJECT, "Impossible de publier « Cahier de textes » — élève n°3 ✓ 🎒")
                .parameter(
                        NotificationParameters.COMMENT,
                        "Déjà essayé deux fois…\nСпасибо! ありがとう 👍\n<b>not markup</b> & co")
                .recipients(List.of());
        for (int i = 0; i < 40; i++) {
            b.recipient(Recipient.of(
                    "u-" + i,
                    names[i % names.length] + " " + i,
                    locales[i % locales.length],
                    "user." + i + "@example.org"));
        }
        Notification n = b.build();

        notifier().deliver(n);

        awaitDelivered(n);
    }

    @Test
    void deliversConcurrentlyFromSeveralThreads() throws Exception {
        NotificationType type = anySupportedType();
        Notifier shared = notifier();
        List<Notification> notifications = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            notifications.add(notification(type)
                    .ticket(100 + i, Integer.toString(100 + i))
                    .build());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Notification n : notifications) {
                futures.add(pool.submit(() -> {
                    shared.deliver(n);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(deliveryTimeout().toMillis(), TimeUnit.MILLISECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        for (Notification n : notifications) {
            awaitDelivered(n);
        }
    }

    /**
     * Waits until {@link #deliveredIds()} holds the id of {@code n}, failing after
     * {@link #deliveryTimeout()}.
     *
     * @param n a notification that was delivered
     * @throws Exception when the receiving end cannot be read
     */
    protected final void awaitDelivered(Notification n) throws Exception {
        long deadline = System.nanoTime() + deliveryTimeout().toNanos();
        List<UUID> seen;
        while (!(seen = deliveredIds()).contains(n.id())) {
            if (System.nanoTime() - deadline > 0) {
                fail(
                        "Notification %s (%s, ticket %s) was not observed by the receiving end of %s within %s;"
                                + " observed: %s",
                        n.id(), n.type().code(), n.ticketNumber(), notifier().name(), deliveryTimeout(), seen);
            }
            Thread.sleep(20);
        }
    }

    private NotificationType anySupportedType() throws Exception {
        Notifier n = notifier();
        return supportedTypes(n).stream()
                .findFirst()
                .orElseThrow(() -> new AssertionError(n.name() + " supports no notification type"));
    }

    private static Set<NotificationType> supportedTypes(Notifier notifier) {
        Set<NotificationType> supported = EnumSet.noneOf(NotificationType.class);
        for (NotificationType type : NotificationType.values()) {
            if (notifier.supports(type)) {
                supported.add(type);
            }
        }
        return supported;
    }
}

package org.entsupport.notify;

/**
 * A channel that tells people about a change of a support request: e-mail, a webhook, the in-app
 * news feed, a log line, or anything a host implements.
 *
 * <p>Only {@link #deliver(Notification)} is abstract; the other methods have defaults, so new hooks
 * can be added later without breaking implementations.
 *
 * <pre>{@code
 * public final class ChatNotifier implements Notifier {
 *     public void deliver(Notification n) throws DeliveryException {
 *         for (Recipient r : n.recipients()) {
 *             RenderedMessage m = NotificationMessages.render(n, r.locale());
 *             chat.send(r.userId(), m.subject() + "\n" + n.link());
 *         }
 *     }
 * }
 * }</pre>
 *
 * <h2>Who calls it, and when</h2>
 * The library never calls a notifier while a request is being changed. The change writes one outbox
 * row per (notification, notifier) in its own transaction; after the commit, the outbox
 * <em>relay</em> calls {@link #deliver(Notification)} on one of its own threads. Deliveries of
 * different notifications may run <em>concurrently</em> on several threads (and on several nodes
 * sharing one database), so implementations must be thread-safe.
 *
 * <p>Delivery is <em>at least once</em>: a crash or a lost acknowledgement makes the relay deliver
 * the same notification again. Implementations should therefore be idempotent by
 * {@link Notification#id()} (use it as a deduplication key, a message id or a delivery header),
 * or at least make a duplicate recognisable as such.
 *
 * <h2>What an exception does</h2>
 * A {@link DeliveryException} that is {@linkplain DeliveryException#retryable() retryable} makes
 * the relay try again later with exponential back-off (or after
 * {@link DeliveryException#retryAfter()}, when given), up to the configured number of attempts; a
 * permanent one, or the last failed attempt, moves the outbox row to the dead state with its
 * message, from which an operator may re-queue it. Any other exception is treated as a retryable
 * failure. A failing notifier never affects the request that caused the notification nor the other
 * notifiers.
 *
 * <p>Implementations are registered explicitly with the library, or discovered with
 * {@link Notifiers#discover()} when they are declared as {@link java.util.ServiceLoader} providers.
 */
public interface Notifier extends AutoCloseable {

    /**
     * Delivers one notification to its recipients.
     *
     * <p>Called by the outbox relay after the change has committed, on a relay thread, possibly
     * concurrently with other calls. Only called for types this notifier {@linkplain #supports
     * supports}.
     *
     * @param notification what happened and who must hear of it
     * @throws DeliveryException when the notification could not be delivered; say with
     *                           {@link DeliveryException#retryable()} whether trying again can help
     */
    void deliver(Notification notification) throws DeliveryException;

    /**
     * The stable name of this notifier. The outbox keys its rows by it, so it must not change between
     * releases or restarts, and two notifiers of one library instance must not share it.
     *
     * @return the simple name of the implementing class by default
     */
    default String name() {
        return getClass().getSimpleName();
    }

    /**
     * Whether this notifier wants notifications of {@code type}. The library writes no outbox row
     * for a type a notifier does not support. The answer must not change over the notifier's life.
     *
     * @param type a notification type
     * @return {@code true} by default: every type
     */
    default boolean supports(NotificationType type) {
        return true;
    }

    /**
     * Releases what the notifier holds (connections, threads). Called once by the library when it
     * stops, after in-flight deliveries have finished; must be idempotent. Does nothing by default.
     */
    @Override
    default void close() {}
}

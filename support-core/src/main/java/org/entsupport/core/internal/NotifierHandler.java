package org.entsupport.core.internal;

import java.time.Duration;
import java.util.Optional;
import org.entsupport.core.outbox.OutboxHandler;
import org.entsupport.core.outbox.OutboxMessage;
import org.entsupport.notify.DeliveryException;
import org.entsupport.notify.Notifier;

/** Delivers the outbox messages of one notifier's channel. */
public final class NotifierHandler implements OutboxHandler {

    /** The channel prefix of notifiers. */
    public static final String PREFIX = "notifier:";

    private final Notifier notifier;

    /** Wraps {@code notifier}. */
    public NotifierHandler(Notifier notifier) {
        this.notifier = notifier;
    }

    /** The channel of a notifier. */
    public static String channel(Notifier notifier) {
        return PREFIX + notifier.name();
    }

    @Override
    public void handle(OutboxMessage message) throws Exception {
        org.entsupport.notify.Notification n;
        try {
            n = NotificationCodec.decode(message.payload());
        } catch (RuntimeException e) {
            throw new UnreadablePayload(
                    "outbox message " + message.id() + " is not a readable notification: " + e.getMessage());
        }
        notifier.deliver(n);
    }

    /** A payload this node cannot read: retrying will not help. */
    static final class UnreadablePayload extends Exception {
        private static final long serialVersionUID = 1L;

        UnreadablePayload(String message) {
            super(message);
        }
    }

    @Override
    public boolean isRetryable(Exception failure) {
        if (failure instanceof DeliveryException d) {
            return d.retryable();
        }
        return !(failure instanceof UnreadablePayload);
    }

    @Override
    public Optional<Duration> retryAfter(Exception failure) {
        return failure instanceof DeliveryException d ? d.retryAfter() : Optional.empty();
    }
}

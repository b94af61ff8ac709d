package org.entsupport.core.outbox;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A message to write into the outbox inside the transaction of the change that caused it.
 *
 * @param id       unique; for notifications the notification id (a receiver's idempotency key)
 * @param channel  which handler delivers it, such as {@code notifier:email} or {@code desk:redmine}
 * @param kind     what to do, such as {@code notification} or {@code escalate}
 * @param ticketId the ticket concerned
 * @param payload  the handler's input (JSON text)
 * @param dueAt    the earliest delivery time
 */
public record OutboxDraft(UUID id, String channel, String kind, long ticketId, String payload, Instant dueAt) {

    /**
     * Checks the components.
     *
     * @param id unique; for notifications the notification id (a receiver's idempotency key)
     * @param channel which handler delivers it, such as {@code notifier:email} or {@code desk:redmine}
     * @param kind what to do, such as {@code notification} or {@code escalate}
     * @param ticketId the ticket concerned
     * @param payload the handler's input (JSON text)
     * @param dueAt the earliest delivery time
     */
    public OutboxDraft {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(dueAt, "dueAt");
        if (channel.isBlank() || channel.length() > 100) {
            throw new IllegalArgumentException("channel must have 1..100 characters, but was '" + channel + "'");
        }
        if (kind.isBlank() || kind.length() > 50) {
            throw new IllegalArgumentException("kind must have 1..50 characters, but was '" + kind + "'");
        }
    }
}

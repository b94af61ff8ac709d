package org.entsupport.core.outbox;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A message of the outbox, as stored.
 *
 * @param id        unique id
 * @param channel   which handler delivers it
 * @param kind      what to do
 * @param ticketId  the ticket concerned
 * @param payload   the handler's input
 * @param createdAt when the change that caused it committed
 * @param dueAt     the earliest (next) delivery time
 * @param attempts  how many deliveries failed so far
 * @param state     pending, delivered or dead
 * @param lastError the last failure, if any
 */
public record OutboxMessage(
        UUID id,
        String channel,
        String kind,
        long ticketId,
        String payload,
        Instant createdAt,
        Instant dueAt,
        int attempts,
        OutboxState state,
        @Nullable String lastError) {

    /**
     * Checks the components.
     *
     * @param id unique id
     * @param channel which handler delivers it
     * @param kind what to do
     * @param ticketId the ticket concerned
     * @param payload the handler's input
     * @param createdAt when the change that caused it committed
     * @param dueAt the earliest (next) delivery time
     * @param attempts how many deliveries failed so far
     * @param state pending, delivered or dead
     * @param lastError the last failure, if any
     */
    public OutboxMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(state, "state");
    }
}

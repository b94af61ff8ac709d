package org.entsupport.core.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.entsupport.core.model.Comment;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.outbox.OutboxDraft;
import org.entsupport.core.spi.StoreTransaction;

/**
 * The outbox commands for a desk: written in the transaction of the change that calls for them (an
 * escalation, a comment on an escalated ticket), carried out after commit by the desk's
 * {@link DeskHandOver}. Their payloads are small JSON objects, kept readable across versions.
 */
final class DeskCommands {

    /** The outbox channel prefix of desks. */
    static final String PREFIX = "desk:";
    /** Opens the desk issue of an escalated ticket. */
    static final String ESCALATE = "escalate";
    /** Forwards a comment to the issue. */
    static final String FORWARD = "forward-comment";

    private DeskCommands() {}

    /** The outbox channel of a desk. */
    static String channel(String desk) {
        return PREFIX + desk;
    }

    /** The payload of an {@link #ESCALATE} command. */
    record Escalate(long ticketId, String escalatedBy, String escalatedByName, long lastCommentId) {}

    /** The payload of a {@link #FORWARD} command. */
    record Forward(long ticketId, long commentId) {}

    /** Writes the command that opens the desk issue, in the escalation's transaction. */
    static void enqueueEscalation(
            StoreTransaction tx, String desk, Ticket ticket, String escalatedBy, String escalatedByName, Instant now) {
        long lastComment =
                tx.comments(ticket.id()).stream().mapToLong(Comment::id).max().orElse(0);
        String payload = encode(new Escalate(ticket.id(), escalatedBy, escalatedByName, lastComment));
        tx.enqueue(new OutboxDraft(UUID.randomUUID(), channel(desk), ESCALATE, ticket.id(), payload, now));
    }

    /** Writes the command that forwards a new comment, in the comment's transaction. */
    static void enqueueForward(StoreTransaction tx, String desk, long ticketId, long commentId, Instant now) {
        String payload = encode(new Forward(ticketId, commentId));
        tx.enqueue(new OutboxDraft(UUID.randomUUID(), channel(desk), FORWARD, ticketId, payload, now));
    }

    static String encode(Escalate c) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("ticketId", c.ticketId());
        payload.put("escalatedBy", c.escalatedBy());
        payload.put("escalatedByName", c.escalatedByName());
        payload.put("lastCommentId", c.lastCommentId());
        return Json.write(payload);
    }

    static String encode(Forward c) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("ticketId", c.ticketId());
        payload.put("commentId", c.commentId());
        return Json.write(payload);
    }

    /**
     * Reads an {@link #ESCALATE} payload.
     *
     * @throws IllegalArgumentException when it is not one
     */
    @SuppressWarnings("unchecked")
    static Escalate escalate(String payload) {
        Map<String, Object> p = (Map<String, Object>) Json.read(payload);
        return new Escalate(
                ((Number) p.get("ticketId")).longValue(),
                (String) p.get("escalatedBy"),
                (String) p.get("escalatedByName"),
                ((Number) p.get("lastCommentId")).longValue());
    }

    /**
     * Reads a {@link #FORWARD} payload.
     *
     * @throws IllegalArgumentException when it is not one
     */
    @SuppressWarnings("unchecked")
    static Forward forward(String payload) {
        Map<String, Object> p = (Map<String, Object>) Json.read(payload);
        return new Forward(((Number) p.get("ticketId")).longValue(), ((Number) p.get("commentId")).longValue());
    }
}

package org.entsupport.core.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.UUID;
import org.entsupport.core.desk.StatusChange;
import org.entsupport.core.desk.SupportDesk;
import org.entsupport.core.model.Comment;
import org.entsupport.core.model.Escalation;
import org.entsupport.core.model.EscalationStatus;
import org.entsupport.core.model.HistoryEvent;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketStatus;
import org.entsupport.core.outbox.OutboxDraft;
import org.entsupport.core.spi.StoreTransaction;
import org.jspecify.annotations.Nullable;

/**
 * The outbox commands for a desk: written in the transaction of the change that calls for them (an
 * escalation, a comment on an escalated ticket), carried out after commit by the desk's
 * {@link DeskHandOver}. Their payloads are small JSON objects (Jackson); they are stored, so their fields
 * stay as the first version wrote them.
 */
final class DeskCommands {

    /** The outbox channel prefix of desks. */
    static final String PREFIX = "desk:";
    /** Opens the desk issue of an escalated ticket. */
    static final String ESCALATE = "escalate";
    /** Forwards a comment to the issue. */
    static final String FORWARD = "forward-comment";

    /** Tells the desk about a status change made on our side. */
    static final String FORWARD_STATUS = "forward-status";

    private DeskCommands() {}

    /** The outbox channel of a desk. */
    static String channel(String desk) {
        return PREFIX + desk;
    }

    /** The payload of an {@link #ESCALATE} command. */
    @JsonPropertyOrder({"ticketId", "escalatedBy", "escalatedByName", "lastCommentId"})
    record Escalate(
            @JsonProperty(required = true) long ticketId,
            String escalatedBy,
            String escalatedByName,
            @JsonProperty(required = true) long lastCommentId) {
        Escalate {
            required(escalatedBy, "escalatedBy");
            required(escalatedByName, "escalatedByName");
        }
    }

    /** The payload of a {@link #FORWARD} command. */
    @JsonPropertyOrder({"ticketId", "commentId"})
    record Forward(
            @JsonProperty(required = true) long ticketId,
            @JsonProperty(required = true) long commentId) {}

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

    /**
     * The idempotency key of forwarding our comment {@code commentId}: the same for every command that asks
     * for it, and distinct between installations sharing the desk (their comment ids overlap).
     */
    static String commentKey(SupportDesk desk, long commentId) {
        return desk.installation().map(i -> i.value() + "-").orElse("") + "comment-" + commentId;
    }

    /** The payload of a {@link #FORWARD_STATUS} command; {@code at} is an ISO-8601 instant. */
    @JsonPropertyOrder({"ticketId", "changeId", "from", "to", "actorName", "byRequester", "at"})
    record ForwardStatus(
            @JsonProperty(required = true) long ticketId,
            @JsonProperty(required = true) long changeId,
            String from,
            String to,
            String actorName,
            boolean byRequester,
            String at) {
        ForwardStatus {
            required(from, "from");
            required(to, "to");
            required(actorName, "actorName");
            required(at, "at");
        }

        StatusChange change() {
            return new StatusChange(
                    changeId,
                    TicketStatus.valueOf(from),
                    TicketStatus.valueOf(to),
                    actorName,
                    byRequester,
                    Instant.parse(at));
        }
    }

    /**
     * Writes, in the transaction of a status change made on our side, the command that tells the desk, when the
     * ticket's escalation is followed (accepted or about to be). Never inline: the desk call runs after commit.
     *
     * @param before the ticket before the change
     * @param event  the change's history event (its id keys the desk's note)
     */
    static void enqueueStatus(
            StoreTransaction tx,
            Ticket before,
            TicketStatus to,
            HistoryEvent event,
            String actorName,
            boolean byRequester,
            Instant now) {
        Escalation e = before.escalation();
        boolean followed = before.escalationStatus() == EscalationStatus.SUCCESSFUL
                || before.escalationStatus() == EscalationStatus.IN_PROGRESS;
        if (!followed || e == null || e.desk() == null || before.status() == to) {
            return;
        }
        String payload = encode(new ForwardStatus(
                before.id(), event.id(), before.status().name(), to.name(), actorName, byRequester, now.toString()));
        tx.enqueue(new OutboxDraft(UUID.randomUUID(), channel(e.desk()), FORWARD_STATUS, before.id(), payload, now));
    }

    /** Reads a {@link #FORWARD_STATUS} payload. */
    static ForwardStatus forwardStatus(String payload) {
        return Json.read(payload, ForwardStatus.class);
    }

    /** The idempotency key of telling the desk about our status change {@code changeId}. */
    static String statusKey(SupportDesk desk, long changeId) {
        return desk.installation().map(i -> i.value() + "-").orElse("") + "status-" + changeId;
    }

    /** The payload of a command. */
    static String encode(Record command) {
        return Json.write(command);
    }

    /**
     * Reads an {@link #ESCALATE} payload.
     *
     * @throws IllegalArgumentException when it is not one, naming what is wrong
     */
    static Escalate escalate(String payload) {
        return Json.read(payload, Escalate.class);
    }

    /**
     * Reads a {@link #FORWARD} payload.
     *
     * @throws IllegalArgumentException when it is not one, naming what is wrong
     */
    static Forward forward(String payload) {
        return Json.read(payload, Forward.class);
    }

    private static void required(@Nullable String value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("desk command lacks the text field " + field);
        }
    }
}

package org.entsupport.core.internal;

import static org.entsupport.core.internal.SupportContext.LOG;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.entsupport.core.Actor;
import org.entsupport.core.CommentAdded;
import org.entsupport.core.NewAttachment;
import org.entsupport.core.NewComment;
import org.entsupport.core.SupportException;
import org.entsupport.core.attachment.internal.StagedFile;
import org.entsupport.core.model.Comment;
import org.entsupport.core.model.Escalation;
import org.entsupport.core.model.EscalationStatus;
import org.entsupport.core.model.HistoryEvent;
import org.entsupport.core.model.Origin;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketStatus;
import org.entsupport.core.spi.CommentDraft;
import org.entsupport.notify.NotificationParameters;
import org.entsupport.notify.NotificationType;
import org.jspecify.annotations.Nullable;

/**
 * Comments, with their files, and what a comment does by itself: it opens a NEW ticket (anyone but the
 * owner), opens a WAITING one (the owner's reply), reopens a RESOLVED or CLOSED one within the reopen
 * window, and is forwarded to the desk of an escalated ticket.
 */
public final class Conversation {

    private final SupportContext ctx;

    /** Comments through {@code ctx}. */
    public Conversation(SupportContext ctx) {
        this.ctx = ctx;
    }

    /** See {@link org.entsupport.core.Support#comment}. */
    public CommentAdded comment(Actor actor, long ticketId, NewComment request) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(request, "comment");
        InputValidator v = new InputValidator();
        RichText.Content text = v.content(
                "body",
                request.body(),
                request.format(),
                ctx.settings().maxCommentLength(),
                RichText.of(ctx.settings().imageUrlPrefixes()));
        String body = text.plain();
        List<NewAttachment> files = v.attachments(request.attachments(), ctx.settings());
        v.idempotencyKey(request.idempotencyKey());
        v.throwIfAny();
        List<StagedFile> staged = AttachmentSteps.stageOnVisibleTicket(ctx, actor, ticketId, request.files(), files);
        Idempotency.Request key = Idempotency.Request.of(
                "comment",
                request.idempotencyKey(),
                request.body(),
                request.format(),
                AttachmentSteps.fingerprint(staged));
        boolean committed = false;
        try {
            Idempotency.Outcome<CommentAdded> outcome = Idempotency.replayOrRun(
                    ctx,
                    actor,
                    ticketId,
                    key,
                    (tx, t) -> {
                        Rules.checkTicketCapacity(
                                ctx.settings(), t.commentCount(), t.attachmentCount(), 1, staged.size());
                        Instant now = ctx.instantAfter(t);
                        TicketStatus target = automaticTarget(actor, t, now);
                        if (!staged.isEmpty()) {
                            ctx.intake().checkTicketLimits(ticketId, tx.attachments(ticketId), staged);
                        }
                        Comment c = tx.insertComment(new CommentDraft(
                                ticketId,
                                actor.userId(),
                                actor.displayName(),
                                body,
                                now,
                                Origin.LOCAL,
                                null,
                                text.html()));
                        ctx.intake().insert(tx, ticketId, c.id(), staged, actor.userId(), now, Origin.LOCAL);
                        if (!staged.isEmpty()) {
                            tx.insertEvent(Events.attachmentsAdded(
                                    ticketId, actor.userId(), AttachmentSteps.names(staged), now));
                        }
                        Ticket changed = TicketEdits.withActivity(t, 1, staged.size(), now);
                        if (target != null) {
                            String cause = t.status().isFinished() ? "reopen" : "comment";
                            changed = TicketEdits.withStatus(changed, target, now);
                            HistoryEvent event = tx.insertEvent(
                                    Events.statusChanged(ticketId, actor.userId(), t.status(), target, cause, now));
                            DeskCommands.enqueueStatus(
                                    tx,
                                    t,
                                    target,
                                    event,
                                    actor.displayName(),
                                    actor.userId().equals(t.owner()),
                                    now);
                        }
                        changed = TicketEdits.nextVersion(changed);
                        tx.updateTicket(changed, t.version());
                        Map<String, String> params = new LinkedHashMap<>();
                        params.put(NotificationParameters.SUBJECT, t.subject());
                        params.put(NotificationParameters.COMMENT, Notifications.excerpt(body));
                        if (target != null) {
                            params.put(
                                    NotificationParameters.FROM_STATUS,
                                    t.status().name());
                            params.put(NotificationParameters.TO_STATUS, target.name());
                        }
                        ctx.publish(tx, NotificationType.TICKET_COMMENTED, changed, actor, params, now);
                        Escalation esc = t.escalation();
                        if ((t.escalationStatus() == EscalationStatus.IN_PROGRESS
                                        || t.escalationStatus() == EscalationStatus.SUCCESSFUL)
                                && esc != null
                                && ctx.desks().named(esc.desk()).isPresent()) {
                            DeskCommands.enqueueForward(tx, Objects.requireNonNull(esc.desk()), ticketId, c.id(), now);
                        }
                        LOG.debug(
                                "comment: user {} commented ticket {}{}",
                                actor.userId(),
                                ticketId,
                                target == null ? "" : " which moved to " + target);
                        return new CommentAdded(c, changed);
                    },
                    added -> Long.toString(added.comment().id()),
                    (tx, t, commentId) -> new CommentAdded(
                            tx.comments(ticketId).stream()
                                    .filter(c -> c.id() == Long.parseLong(commentId))
                                    .findFirst()
                                    .orElseThrow(() -> new IllegalStateException(
                                            "comment " + commentId + " of ticket " + ticketId + " is gone")),
                            t));
            committed = !outcome.replayed(); // a replay keeps the first comment's files, not these copies
            ctx.afterCommit().run();
            return outcome.value();
        } finally {
            if (!committed) {
                ctx.intake().discard(staged);
            }
        }
    }

    /** The status a comment moves the ticket to, or {@code null}; refuses comments after the reopen window. */
    private @Nullable TicketStatus automaticTarget(Actor actor, Ticket t, Instant now) {
        boolean owner = t.isOwnedBy(actor.userId());
        TicketStatus target = switch (t.status()) {
            case NEW -> owner ? null : TicketStatus.OPENED;
            case WAITING -> owner ? TicketStatus.OPENED : null;
            case RESOLVED, CLOSED -> {
                SupportException refusal = Rules.commentRefusal(ctx.settings().reopenWindow(), t, now);
                if (refusal != null) {
                    throw refusal;
                }
                yield TicketStatus.OPENED;
            }
            case OPENED -> null;
        };
        if (target != null && !TicketWorkflow.allows(t.status(), target, TransitionRole.AUTO)) {
            throw new IllegalStateException("workflow table lacks the automatic " + t.status() + " -> " + target);
        }
        return target;
    }
}

package org.entsupport.core.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.entsupport.core.desk.DeskException;
import org.entsupport.core.desk.DeskIssue;
import org.entsupport.core.desk.EscalationRequest;
import org.entsupport.core.desk.ForwardedComment;
import org.entsupport.core.desk.IssueGoneException;
import org.entsupport.core.desk.SupportDesk;
import org.entsupport.core.model.Attachment;
import org.entsupport.core.model.Comment;
import org.entsupport.core.model.Escalation;
import org.entsupport.core.model.EscalationStatus;
import org.entsupport.core.model.EventType;
import org.entsupport.core.model.Origin;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.outbox.OutboxHandler;
import org.entsupport.core.outbox.OutboxMessage;
import org.entsupport.core.spi.DuplicateExternalIdException;
import org.entsupport.core.spi.EventDraft;
import org.entsupport.notify.NotificationParameters;
import org.entsupport.notify.NotificationType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out one desk's outbox commands ({@link DeskCommands}): opens the issue of an escalated ticket
 * (then the escalation is SUCCESSFUL and the owner and admins hear of it) and forwards later comments.
 * The relay retries what fails; a permanent refusal or exhausted retries make the escalation FAILED and
 * tell the admin who escalated.
 */
final class DeskHandOver implements OutboxHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeskHandOver.class);

    private final SupportContext ctx;
    private final SupportDesk desk;
    private final OutgoingFiles outgoing;

    DeskHandOver(SupportContext ctx, SupportDesk desk) {
        this.ctx = ctx;
        this.desk = desk;
        this.outgoing = new OutgoingFiles(ctx.intake(), ctx.store(), desk.name());
    }

    /** The outbox channel this handler serves. */
    String channel() {
        return DeskCommands.channel(desk.name());
    }

    /** Not yet possible: try again later (the escalation has not been accepted yet). */
    static final class NotYet extends Exception {
        private static final long serialVersionUID = 1L;

        NotYet(String message) {
            super(message);
        }
    }

    @Override
    public void handle(OutboxMessage m) throws Exception {
        switch (m.kind()) {
            case DeskCommands.ESCALATE -> open(m, DeskCommands.escalate(m.payload()));
            case DeskCommands.FORWARD -> forward(m, DeskCommands.forward(m.payload()));
            case DeskCommands.FORWARD_STATUS -> forwardStatus(DeskCommands.forwardStatus(m.payload()));
            default -> throw new IllegalArgumentException("unknown desk command " + m.kind());
        }
    }

    private void open(OutboxMessage m, DeskCommands.Escalate command) throws DeskException {
        long ticketId = command.ticketId();
        record Snapshot(Ticket ticket, List<Comment> comments, List<Attachment> files) {}
        Optional<Snapshot> snapshot = ctx.store()
                .inTransaction(tx -> tx.findTicket(ticketId)
                        .map(t -> new Snapshot(t, tx.comments(ticketId), tx.attachments(ticketId))));
        if (snapshot.isEmpty() || snapshot.get().ticket().escalationStatus() != EscalationStatus.IN_PROGRESS) {
            LOG.debug("desk {}: ticket {} is no longer waiting for escalation; nothing to open", desk.name(), ticketId);
            return;
        }
        Ticket t = snapshot.get().ticket();
        EscalationRequest.Builder request = EscalationRequest.builder(ticketId)
                .subject(t.subject())
                .description(t.description())
                .category(
                        t.category(),
                        ctx.categories()
                                .describe(t.category())
                                .map(c -> c.label(java.util.Locale.forLanguageTag(t.locale())))
                                .orElse(t.category()))
                .requester(t.owner(), t.ownerName())
                .school(t.school(), ctx.directory().schoolName(t.school()).orElse(t.school()))
                .escalatedBy(command.escalatedBy(), command.escalatedByName())
                .created(t.created());
        List<Attachment> files = snapshot.get().files();
        outgoing.ofTicket(files).forEach(request::attachment);
        for (Comment c : snapshot.get().comments()) {
            if (c.origin() == Origin.LOCAL && c.id() <= command.lastCommentId()) {
                request.comment(new ForwardedComment(
                        c.id(), c.authorName(), c.body(), c.created(), outgoing.ofComment(files, c.id())));
            }
        }
        DeskIssue issue = desk.open(request.build(), m.id().toString());
        boolean accepted = accept(ticketId, command, issue);
        LOG.info(
                "desk {}: ticket {} escalated as issue {}{}",
                desk.name(),
                ticketId,
                issue.externalId(),
                accepted ? "" : " (the ticket had changed meanwhile; left as it was)");
    }

    /** Records the desk's issue on the ticket, unless the escalation was settled meanwhile. */
    private boolean accept(long ticketId, DeskCommands.Escalate command, DeskIssue issue) {
        return ctx.store().inTransaction(tx -> {
            Optional<Ticket> current = tx.lockTicket(ticketId);
            if (current.isEmpty() || current.get().escalationStatus() != EscalationStatus.IN_PROGRESS) {
                return false;
            }
            Ticket c = current.get();
            Instant now = ctx.instantAfter(c);
            Escalation base = c.escalation() != null
                    ? c.escalation()
                    : TicketEdits.requested(command.escalatedBy(), now, desk.name());
            Ticket changed = TicketEdits.nextVersion(TicketEdits.withEscalation(
                    c,
                    EscalationStatus.SUCCESSFUL,
                    TicketEdits.accepted(base, desk.name(), issue.externalId(), issue.url(), issue.status()),
                    now));
            tx.updateTicket(changed, c.version());
            tx.insertEvent(new EventDraft(
                    ticketId,
                    null,
                    EventType.ESCALATION_SUCCEEDED,
                    now,
                    Map.of("desk", desk.name(), "externalId", issue.externalId())));
            ctx.notifications()
                    .publish(
                            tx,
                            NotificationType.TICKET_ESCALATED,
                            changed,
                            command.escalatedBy(),
                            command.escalatedByName(),
                            Map.of(
                                    NotificationParameters.SUBJECT,
                                    c.subject(),
                                    NotificationParameters.DESK,
                                    desk.name()),
                            command.escalatedBy(),
                            now);
            return true;
        });
    }

    private void forward(OutboxMessage m, DeskCommands.Forward command) throws Exception {
        long ticketId = command.ticketId();
        long commentId = command.commentId();
        record State(Ticket ticket, Optional<Comment> comment) {}
        Optional<State> state = ctx.store()
                .inTransaction(tx -> tx.findTicket(ticketId)
                        .map(t -> new State(
                                t,
                                tx.comments(ticketId).stream()
                                        .filter(c -> c.id() == commentId)
                                        .findFirst())));
        if (state.isEmpty() || state.get().comment().isEmpty()) {
            return;
        }
        Ticket t = state.get().ticket();
        Comment c = state.get().comment().get();
        if (t.escalationStatus() == EscalationStatus.IN_PROGRESS) {
            throw new NotYet("ticket " + ticketId + " is not yet accepted by desk " + desk.name() + "; comment "
                    + commentId + " waits");
        }
        Escalation e = t.escalation();
        if (t.escalationStatus() != EscalationStatus.SUCCESSFUL
                || e == null
                || e.externalId() == null
                || !desk.name().equals(e.desk())) {
            LOG.debug(
                    "desk {}: comment {} of ticket {} is not forwarded: escalation is {}",
                    desk.name(),
                    commentId,
                    ticketId,
                    t.escalationStatus());
            return;
        }
        if (c.externalId() != null) {
            return; // forwarded already (a repeated delivery)
        }
        List<Attachment> files = ctx.store().inTransaction(tx -> tx.attachments(ticketId));
        // keyed by the comment, not by the outbox row: whatever the comment says and however often it is
        // asked for, the desk holds one note for it
        String deskCommentId;
        try {
            deskCommentId = desk.forwardComment(
                    e.externalId(),
                    new ForwardedComment(
                            c.id(), c.authorName(), c.body(), c.created(), outgoing.ofComment(files, c.id())),
                    DeskCommands.commentKey(desk, commentId));
        } catch (IssueGoneException gone) {
            new DeskGone(ctx, desk).apply(gone.gone());
            return;
        }
        try {
            ctx.store().useTransaction(tx -> {
                tx.setCommentExternalId(ticketId, commentId, deskCommentId);
            });
        } catch (DuplicateExternalIdException dup) {
            // the desk named a note another comment already holds: retrying cannot change that answer
            LOG.warn(
                    "desk {}: comment {} of ticket {} was forwarded as {}, which another comment already holds",
                    desk.name(),
                    commentId,
                    ticketId,
                    deskCommentId);
            return;
        }
        LOG.debug("desk {}: comment {} of ticket {} forwarded as {}", desk.name(), commentId, ticketId, deskCommentId);
    }

    private void forwardStatus(DeskCommands.ForwardStatus command) throws Exception {
        long ticketId = command.ticketId();
        Optional<Ticket> found = ctx.store().inTransaction(tx -> tx.findTicket(ticketId));
        if (found.isEmpty()) {
            return;
        }
        Ticket t = found.get();
        if (t.escalationStatus() == EscalationStatus.IN_PROGRESS) {
            throw new NotYet("ticket " + ticketId + " is not yet accepted by desk " + desk.name() + "; status change "
                    + command.changeId() + " waits");
        }
        Escalation e = t.escalation();
        if (t.escalationStatus() != EscalationStatus.SUCCESSFUL
                || e == null
                || e.externalId() == null
                || !desk.name().equals(e.desk())) {
            return;
        }
        try {
            desk.forwardStatus(e.externalId(), command.change(), DeskCommands.statusKey(desk, command.changeId()))
                    .ifPresent(f -> LOG.debug(
                            "desk {}: status change {} of ticket {} told as {} (desk status {}{})",
                            desk.name(),
                            command.changeId(),
                            ticketId,
                            f.noteId(),
                            f.deskStatus(),
                            f.statusApplied() ? "" : ", not applied"));
        } catch (IssueGoneException gone) {
            new DeskGone(ctx, desk).apply(gone.gone());
        }
    }

    @Override
    public boolean isRetryable(Exception failure) {
        if (failure instanceof DeskException d) {
            return d.retryable();
        }
        return !(failure instanceof IllegalArgumentException
                || failure instanceof ClassCastException
                || failure instanceof NullPointerException);
    }

    @Override
    public Optional<Duration> retryAfter(Exception failure) {
        return failure instanceof DeskException d ? d.retryAfter() : Optional.empty();
    }

    /** Gives an escalation up for good: FAILED, with the reason, and the admin who escalated is told. */
    @Override
    public void onDead(OutboxMessage m, String error) {
        if (!DeskCommands.ESCALATE.equals(m.kind())) {
            LOG.warn("desk {}: a comment of ticket {} could not be forwarded: {}", desk.name(), m.ticketId(), error);
            return;
        }
        String escalatedBy = DeskCommands.escalate(m.payload()).escalatedBy();
        ctx.store().useTransaction(tx -> {
            Optional<Ticket> current = tx.lockTicket(m.ticketId());
            if (current.isEmpty() || current.get().escalationStatus() != EscalationStatus.IN_PROGRESS) {
                return;
            }
            Ticket c = current.get();
            Instant now = ctx.instantAfter(c);
            Ticket changed =
                    EscalationFailures.fail(tx, c, desk.name(), EscalationFailures.REFUSED, error, escalatedBy, now);
            ctx.notifications()
                    .publish(
                            tx,
                            NotificationType.ESCALATION_FAILED,
                            changed,
                            Notifications.SYSTEM_ID,
                            desk.name(),
                            Map.of(
                                    NotificationParameters.SUBJECT,
                                    c.subject(),
                                    NotificationParameters.DESK,
                                    desk.name(),
                                    NotificationParameters.REASON,
                                    error),
                            escalatedBy,
                            now);
        });
        LOG.warn("desk {}: escalation of ticket {} FAILED: {}", desk.name(), m.ticketId(), error);
    }
}

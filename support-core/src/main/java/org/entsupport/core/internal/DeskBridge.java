package org.entsupport.core.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.entsupport.core.desk.DeskChanges;
import org.entsupport.core.desk.DeskComment;
import org.entsupport.core.desk.DeskException;
import org.entsupport.core.desk.DeskIssue;
import org.entsupport.core.desk.EscalationRequest;
import org.entsupport.core.desk.ForwardedComment;
import org.entsupport.core.desk.IssueChanges;
import org.entsupport.core.desk.SupportDesk;
import org.entsupport.core.model.Comment;
import org.entsupport.core.model.Escalation;
import org.entsupport.core.model.EscalationStatus;
import org.entsupport.core.model.EventType;
import org.entsupport.core.model.Origin;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketStatus;
import org.entsupport.core.outbox.OutboxDraft;
import org.entsupport.core.outbox.OutboxHandler;
import org.entsupport.core.outbox.OutboxMessage;
import org.entsupport.core.spi.CategoryCatalog;
import org.entsupport.core.spi.CommentDraft;
import org.entsupport.core.spi.DeskSyncStore;
import org.entsupport.core.spi.Directory;
import org.entsupport.core.spi.DuplicateExternalIdException;
import org.entsupport.core.spi.EventDraft;
import org.entsupport.core.spi.StoreTransaction;
import org.entsupport.core.spi.TicketStore;
import org.entsupport.notify.NotificationParameters;
import org.entsupport.notify.NotificationType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything between the tickets and one support desk: the outbox commands that open an issue and
 * forward comments (with retries; a permanent refusal or exhausted retries make the escalation
 * FAILED), and the synchroniser that imports the desk's public replies and status changes.
 */
public final class DeskBridge implements OutboxHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeskBridge.class);

    /** The outbox channel prefix of desks. */
    public static final String PREFIX = "desk:";

    static final String ESCALATE = "escalate";
    static final String FORWARD = "forward-comment";
    private static final int RESYNC_BATCH = 50;

    private final SupportDesk desk;
    private final TicketStore store;
    private final Directory directory;
    private final CategoryCatalog categories;
    private final Notifications notifications;
    private final Clock clock;
    private final Duration initialLookback;
    private final org.entsupport.core.attachment.internal.AttachmentIntake intake;
    private final DeskFileImporter importer;

    /** Keeps a file that came with a desk comment (origin DESK), through the attachment policy. */
    @FunctionalInterface
    interface DeskFileImporter {
        void importFile(long ticketId, long commentId, String fileName, java.io.InputStream content, String uploader);
    }

    DeskBridge(
            SupportDesk desk,
            TicketStore store,
            Directory directory,
            CategoryCatalog categories,
            Notifications notifications,
            Clock clock,
            Duration initialLookback,
            org.entsupport.core.attachment.internal.AttachmentIntake intake,
            DeskFileImporter importer) {
        this.intake = intake;
        this.importer = importer;
        this.desk = desk;
        this.store = store;
        this.directory = directory;
        this.categories = categories;
        this.notifications = notifications;
        this.clock = clock;
        this.initialLookback = initialLookback;
    }

    /** The desk. */
    public SupportDesk desk() {
        return desk;
    }

    /** The outbox channel of this desk. */
    public String channel() {
        return PREFIX + desk.name();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    // ------------------------------------------------------------ commands written by the facade

    /** Writes the command that opens the desk issue, in the escalation's transaction. */
    void enqueueEscalation(
            StoreTransaction tx, Ticket ticket, String escalatedBy, String escalatedByName, Instant now) {
        long lastComment =
                tx.comments(ticket.id()).stream().mapToLong(Comment::id).max().orElse(0);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("ticketId", ticket.id());
        payload.put("escalatedBy", escalatedBy);
        payload.put("escalatedByName", escalatedByName);
        payload.put("lastCommentId", lastComment);
        tx.enqueue(new OutboxDraft(UUID.randomUUID(), channel(), ESCALATE, ticket.id(), Json.write(payload), now));
    }

    /** Writes the command that forwards a new comment, in the comment's transaction. */
    void enqueueForward(StoreTransaction tx, long ticketId, long commentId, Instant now) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("ticketId", ticketId);
        payload.put("commentId", commentId);
        tx.enqueue(new OutboxDraft(UUID.randomUUID(), channel(), FORWARD, ticketId, Json.write(payload), now));
    }

    // ------------------------------------------------------------ delivering the commands

    /** Not yet possible: try again later (the escalation has not been accepted yet). */
    static final class NotYet extends Exception {
        private static final long serialVersionUID = 1L;

        NotYet(String message) {
            super(message);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public void handle(OutboxMessage m) throws Exception {
        Map<String, Object> p = (Map<String, Object>) Json.read(m.payload());
        long ticketId = ((Number) p.get("ticketId")).longValue();
        switch (m.kind()) {
            case ESCALATE ->
                open(
                        m,
                        ticketId,
                        (String) p.get("escalatedBy"),
                        (String) p.get("escalatedByName"),
                        ((Number) p.get("lastCommentId")).longValue());
            case FORWARD -> forward(m, ticketId, ((Number) p.get("commentId")).longValue());
            default -> throw new IllegalArgumentException("unknown desk command " + m.kind());
        }
    }

    private void open(OutboxMessage m, long ticketId, String escalatedBy, String escalatedByName, long lastComment)
            throws DeskException {
        record Snapshot(Ticket ticket, List<Comment> comments, List<org.entsupport.core.model.Attachment> files) {}
        Optional<Snapshot> snapshot = store.inTransaction(tx ->
                tx.findTicket(ticketId).map(t -> new Snapshot(t, tx.comments(ticketId), tx.attachments(ticketId))));
        if (snapshot.isEmpty() || snapshot.get().ticket().escalationStatus() != EscalationStatus.IN_PROGRESS) {
            LOG.debug("desk {}: ticket {} is no longer waiting for escalation; nothing to open", desk.name(), ticketId);
            return;
        }
        Ticket t = snapshot.get().ticket();
        EscalationRequest.Builder request = EscalationRequest.builder(ticketId)
                .subject(t.subject())
                .description(t.description())
                .category(t.category(), categories.label(t.category()).orElse(t.category()))
                .requester(t.owner(), t.ownerName())
                .school(t.school(), directory.schoolName(t.school()).orElse(t.school()))
                .escalatedBy(escalatedBy, escalatedByName)
                .created(t.created());
        List<org.entsupport.core.model.Attachment> files = snapshot.get().files();
        for (org.entsupport.core.model.Attachment a : files) {
            if (a.commentId() == null && a.origin() == Origin.LOCAL) {
                outgoing(a).ifPresent(request::attachment);
            }
        }
        for (Comment c : snapshot.get().comments()) {
            if (c.origin() == Origin.LOCAL && c.id() <= lastComment) {
                request.comment(
                        new ForwardedComment(c.id(), c.authorName(), c.body(), c.created(), outgoingOf(files, c.id())));
            }
        }
        DeskIssue issue = desk.open(request.build(), m.id().toString());
        Instant now = now();
        boolean accepted = store.inTransaction(tx -> {
            Optional<Ticket> current = tx.lockTicket(ticketId);
            if (current.isEmpty() || current.get().escalationStatus() != EscalationStatus.IN_PROGRESS) {
                return false;
            }
            Ticket c = current.get();
            Escalation base =
                    c.escalation() != null ? c.escalation() : TicketEdits.requested(escalatedBy, now, desk.name());
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
            notifications.publish(
                    tx,
                    NotificationType.TICKET_ESCALATED,
                    changed,
                    escalatedBy,
                    escalatedByName,
                    Map.of(NotificationParameters.SUBJECT, c.subject(), NotificationParameters.DESK, desk.name()),
                    escalatedBy,
                    now);
            return true;
        });
        LOG.info(
                "desk {}: ticket {} escalated as issue {}{}",
                desk.name(),
                ticketId,
                issue.externalId(),
                accepted ? "" : " (the ticket had changed meanwhile; left as it was)");
    }

    private void forward(OutboxMessage m, long ticketId, long commentId) throws Exception {
        record State(Ticket ticket, Optional<Comment> comment) {}
        Optional<State> state = store.inTransaction(tx -> tx.findTicket(ticketId)
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
        List<org.entsupport.core.model.Attachment> files = store.inTransaction(tx -> tx.attachments(ticketId));
        String deskCommentId = desk.forwardComment(
                e.externalId(),
                new ForwardedComment(c.id(), c.authorName(), c.body(), c.created(), outgoingOf(files, c.id())),
                m.id().toString());
        store.inTransaction(tx -> {
            tx.setCommentExternalId(ticketId, commentId, deskCommentId);
            return null;
        });
        LOG.debug("desk {}: comment {} of ticket {} forwarded as {}", desk.name(), commentId, ticketId, deskCommentId);
    }

    private List<org.entsupport.core.desk.OutgoingAttachment> outgoingOf(
            List<org.entsupport.core.model.Attachment> files, long commentId) {
        List<org.entsupport.core.desk.OutgoingAttachment> out = new ArrayList<>();
        for (org.entsupport.core.model.Attachment a : files) {
            if (a.commentId() != null && a.commentId() == commentId && a.origin() == Origin.LOCAL) {
                outgoing(a).ifPresent(out::add);
            }
        }
        return out;
    }

    /**
     * The file as the desk receives it, when its content is in the attachment store; references to
     * files the host keeps elsewhere are left out (the desk could not read them either).
     */
    private Optional<org.entsupport.core.desk.OutgoingAttachment> outgoing(org.entsupport.core.model.Attachment a) {
        if (!intake.hasStore()) {
            return Optional.empty();
        }
        try (org.entsupport.core.attachment.AttachmentContent probe = intake.open(a)) {
            // readable: hand the desk an opener that reads it again
        } catch (RuntimeException | java.io.IOException e) {
            LOG.warn(
                    "desk {}: attachment {} ({}) of ticket {} is not sent: {}",
                    desk.name(),
                    a.id(),
                    a.fileName(),
                    a.ticketId(),
                    e.getMessage());
            return Optional.empty();
        }
        return Optional.of(org.entsupport.core.desk.OutgoingAttachment.of(
                a.fileName(), a.mediaType(), a.size(), () -> intake.open(a).content()));
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

    @Override
    @SuppressWarnings("unchecked")
    public void onDead(OutboxMessage m, String error) {
        if (!ESCALATE.equals(m.kind())) {
            LOG.warn("desk {}: a comment of ticket {} could not be forwarded: {}", desk.name(), m.ticketId(), error);
            return;
        }
        Map<String, Object> p = (Map<String, Object>) Json.read(m.payload());
        String escalatedBy = (String) p.get("escalatedBy");
        Instant now = now();
        store.inTransaction(tx -> {
            Optional<Ticket> current = tx.lockTicket(m.ticketId());
            if (current.isEmpty() || current.get().escalationStatus() != EscalationStatus.IN_PROGRESS) {
                return null;
            }
            Ticket c = current.get();
            Escalation base =
                    c.escalation() != null ? c.escalation() : TicketEdits.requested(escalatedBy, now, desk.name());
            Ticket changed = TicketEdits.nextVersion(
                    TicketEdits.withEscalation(c, EscalationStatus.FAILED, TicketEdits.failed(base, error), now));
            tx.updateTicket(changed, c.version());
            tx.insertEvent(new EventDraft(c.id(), null, EventType.ESCALATION_FAILED, now, Map.of("reason", error)));
            notifications.publish(
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
            return null;
        });
        LOG.warn("desk {}: escalation of ticket {} FAILED: {}", desk.name(), m.ticketId(), error);
    }

    // ------------------------------------------------------------ the synchroniser

    /**
     * Polls the desk once if this node gets the lease: first the issues whose import failed before,
     * then everything changed since the persisted cursor; saves the new cursor.
     *
     * @return how many tickets changed, or -1 when another node holds the lease
     */
    public int poll(String owner, Duration lease) {
        DeskSyncStore sync = store.deskSync();
        Instant now = now();
        Optional<DeskSyncStore.SyncState> state = sync.acquire(desk.name(), owner, now, lease);
        if (state.isEmpty()) {
            LOG.debug("desk {}: another node polls it", desk.name());
            return -1;
        }
        int changed = 0;
        try {
            for (String externalId : sync.resyncBacklog(desk.name(), RESYNC_BATCH)) {
                try {
                    if (apply(desk.changesOf(externalId))) {
                        changed++;
                    }
                    sync.resynced(desk.name(), externalId);
                } catch (Exception e) {
                    LOG.warn(
                            "desk {}: issue {} still fails to import, will try again: {}",
                            desk.name(),
                            externalId,
                            e.toString());
                }
            }
            String cursor =
                    state.get().cursor() != null ? state.get().cursor() : desk.cursorAt(now.minus(initialLookback));
            DeskChanges changes;
            try {
                changes = desk.changesSince(cursor);
            } catch (DeskException e) {
                LOG.warn(
                        "desk {}: poll failed ({}), the cursor is kept: {}",
                        desk.name(),
                        e.retryable() ? "retryable" : "permanent",
                        e.getMessage());
                return changed;
            }
            for (IssueChanges issue : changes.issues()) {
                try {
                    if (apply(issue)) {
                        changed++;
                    }
                } catch (RuntimeException e) {
                    // one failing ticket blocks neither the others nor the cursor: read it again later
                    LOG.warn(
                            "desk {}: importing issue {} failed, it will be read again: {}",
                            desk.name(),
                            issue.externalId(),
                            e.toString());
                    sync.markForResync(desk.name(), issue.externalId(), now);
                }
            }
            if (!sync.saveCursor(desk.name(), owner, changes.nextCursor(), now)) {
                LOG.warn(
                        "desk {}: the poll lease was lost before the cursor was saved; the next poll reads again",
                        desk.name());
            }
            if (changed > 0) {
                LOG.info("desk {}: {} ticket(s) updated from the desk", desk.name(), changed);
            }
            return changed;
        } finally {
            sync.release(desk.name(), owner);
        }
    }

    /**
     * Imports one desk issue's state: its new public comments (never private notes, never the echoes of
     * our own comments, each desk comment once) and its status when it changed on the desk.
     *
     * @return whether the ticket changed
     */
    public boolean apply(IssueChanges issue) {
        Imported result = importIssue(issue);
        if (intake.hasStore()) {
            for (DeskComment dc : issue.comments()) {
                Long commentId = result.commentIds().get(dc.id());
                if (commentId == null) {
                    continue;
                }
                for (org.entsupport.core.desk.DeskAttachment file : dc.attachments()) {
                    try (java.io.InputStream in = file.content().open()) {
                        importer.importFile(result.ticketId(), commentId, file.fileName(), in, PREFIX + desk.name());
                    } catch (java.io.IOException | RuntimeException ex) {
                        LOG.warn(
                                "desk {}: file {} of desk comment {} (ticket {}) was not kept: {}",
                                desk.name(),
                                file.fileName(),
                                dc.id(),
                                result.ticketId(),
                                ex.getMessage());
                    }
                }
            }
        }
        return result.changed();
    }

    private record Imported(long ticketId, Map<String, Long> commentIds, boolean changed) {}

    private Imported importIssue(IssueChanges issue) {
        Instant now = now();
        String actorId = PREFIX + desk.name();
        Map<String, Long> ids = new LinkedHashMap<>();
        return store.inTransaction(tx -> {
            Optional<Ticket> found = tx.findByDeskIssue(desk.name(), issue.externalId());
            if (found.isEmpty()) {
                LOG.debug("desk {}: issue {} belongs to no ticket here", desk.name(), issue.externalId());
                return new Imported(0, Map.of(), false);
            }
            Ticket t = tx.lockTicket(found.get().id()).orElseThrow();
            Escalation e = t.escalation();
            if (e == null) {
                return new Imported(t.id(), Map.of(), false);
            }
            Set<String> known = new HashSet<>();
            for (Comment c : tx.comments(t.id())) {
                if (c.externalId() != null) {
                    known.add(c.externalId());
                }
            }
            List<DeskComment> imported = new ArrayList<>();
            for (DeskComment dc : issue.comments()) {
                if (!dc.isPublic()
                        || dc.isEcho()
                        || known.contains(dc.id())
                        || dc.body().isBlank()) {
                    continue;
                }
                Instant created = dc.created().isAfter(now) ? now : dc.created().truncatedTo(ChronoUnit.MICROS);
                try {
                    Comment inserted = tx.insertComment(new CommentDraft(
                            t.id(),
                            actorId,
                            plain(dc.authorName(), 255),
                            plain(dc.body(), 1_000_000),
                            created,
                            Origin.DESK,
                            dc.id()));
                    ids.put(dc.id(), inserted.id());
                } catch (DuplicateExternalIdException dup) {
                    continue;
                }
                known.add(dc.id());
                imported.add(dc);
            }
            TicketStatus target = null;
            boolean deskStatusChanged = !issue.status().equals(e.deskStatus());
            if (deskStatusChanged) {
                Optional<TicketStatus> mapped = desk.statusMapping().map(issue.status());
                if (mapped.isPresent()
                        && mapped.get() != t.status()
                        && TicketWorkflow.allows(t.status(), mapped.get(), TransitionRole.DESK)) {
                    target = mapped.get();
                }
            }
            if (imported.isEmpty() && target == null && !deskStatusChanged) {
                return new Imported(t.id(), Map.of(), false);
            }
            // a desk status we do not apply is only remembered: the ticket's modified time stays
            Instant touched = imported.isEmpty() && target == null ? t.modified() : now;
            Ticket changed = TicketEdits.withEscalation(
                    TicketEdits.withActivity(t, imported.size(), 0, touched),
                    t.escalationStatus(),
                    TicketEdits.synced(e, now, issue.status()),
                    touched);
            if (target != null) {
                changed = TicketEdits.withStatus(changed, target, now);
                tx.insertEvent(new EventDraft(
                        t.id(),
                        actorId,
                        EventType.STATUS_CHANGED,
                        now,
                        Map.of("from", t.status().name(), "to", target.name(), "cause", "desk")));
            }
            changed = TicketEdits.nextVersion(changed);
            tx.updateTicket(changed, t.version());
            if (!imported.isEmpty()) {
                DeskComment last = imported.get(imported.size() - 1);
                notifications.publish(
                        tx,
                        NotificationType.DESK_REPLIED,
                        changed,
                        actorId,
                        desk.name(),
                        Map.of(
                                NotificationParameters.SUBJECT,
                                t.subject(),
                                NotificationParameters.DESK,
                                desk.name(),
                                NotificationParameters.COMMENT,
                                Notifications.excerpt(last.body())),
                        null,
                        now);
            }
            if (target != null) {
                notifications.publish(
                        tx,
                        NotificationType.DESK_STATUS_CHANGED,
                        changed,
                        actorId,
                        desk.name(),
                        Map.of(
                                NotificationParameters.SUBJECT,
                                t.subject(),
                                NotificationParameters.DESK,
                                desk.name(),
                                NotificationParameters.FROM_STATUS,
                                t.status().name(),
                                NotificationParameters.TO_STATUS,
                                target.name()),
                        null,
                        now);
            }
            LOG.debug(
                    "desk {}: ticket {} got {} comment(s){}",
                    desk.name(),
                    t.id(),
                    imported.size(),
                    target == null ? "" : " and status " + target);
            return new Imported(t.id(), ids, !imported.isEmpty() || target != null);
        });
    }

    /**
     * Desk text as the library keeps text: plain, without control characters (but new lines and tabs)
     * nor bidirectional overrides, trimmed and bounded. Desks send what their agents typed.
     */
    static String plain(String text, int max) {
        StringBuilder sb = new StringBuilder(Math.min(text.length(), max));
        text.replace("\r\n", "\n")
                .codePoints()
                .filter(cp -> cp == '\n' || cp == '\t' || !Character.isISOControl(cp))
                .filter(cp -> !(cp >= 0x202A && cp <= 0x202E) && !(cp >= 0x2066 && cp <= 0x2069))
                .forEach(sb::appendCodePoint);
        String clean = sb.toString().strip();
        return clean.codePointCount(0, clean.length()) <= max
                ? clean
                : clean.substring(0, clean.offsetByCodePoints(0, max));
    }
}

package org.entsupport.core.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.entsupport.core.desk.DeskAttachment;
import org.entsupport.core.desk.DeskComment;
import org.entsupport.core.desk.InstallationId;
import org.entsupport.core.desk.IssueChanges;
import org.entsupport.core.desk.SupportDesk;
import org.entsupport.core.model.Comment;
import org.entsupport.core.model.Escalation;
import org.entsupport.core.model.EventType;
import org.entsupport.core.model.Origin;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketStatus;
import org.entsupport.core.spi.CommentDraft;
import org.entsupport.core.spi.DuplicateExternalIdException;
import org.entsupport.core.spi.EventDraft;
import org.entsupport.core.spi.StoreTransaction;
import org.entsupport.notify.NotificationParameters;
import org.entsupport.notify.NotificationType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports what one desk says about one of its issues into the ticket it belongs to: the new public replies
 * (never private notes, never the echoes of our own comments, each desk comment once, by its external id),
 * their files, and the desk's status when it changed and the workflow allows it.
 */
final class DeskImport {

    private static final Logger LOG = LoggerFactory.getLogger(DeskImport.class);

    private final SupportContext ctx;
    private final SupportDesk desk;
    private final DeskFiles files;

    DeskImport(SupportContext ctx, SupportDesk desk) {
        this.ctx = ctx;
        this.desk = desk;
        this.files = new DeskFiles(ctx);
    }

    /** The desk. */
    SupportDesk desk() {
        return desk;
    }

    /** The user id the desk's changes are recorded under. */
    private String actorId() {
        return DeskCommands.PREFIX + desk.name();
    }

    /**
     * Imports one desk issue's state; then the files of its public replies, each in its own transaction and
     * each exactly once (by its desk id). A file that could not be downloaded yet leaves the issue in the
     * resync backlog, so that the next poll tries again even when the desk reports no change.
     *
     * @return whether the ticket changed
     */
    boolean apply(IssueChanges issue) {
        Optional<InstallationId> ours = desk.installation();
        if (ours.isPresent() && issue.belongsToAnotherInstallation(ours.get())) {
            // two platforms share the desk: this issue is the other one's, whatever its number says
            LOG.debug(
                    "desk {}: issue {} belongs to installation {}, not {}",
                    desk.name(),
                    issue.externalId(),
                    issue.installation(),
                    ours.get());
            return false;
        }
        Imported result = importIssue(issue);
        if (result.ticketId() == 0 || !ctx.intake().hasStore()) {
            return result.changed();
        }
        boolean complete = true;
        int before = result.attachments();
        for (DeskComment dc : issue.comments()) {
            if (dc.isEcho() || !dc.isPublic()) {
                continue;
            }
            Long commentId = result.commentIds().get(dc.id());
            for (DeskAttachment file : dc.attachments()) {
                complete &= files.importDeskFile(desk.name(), result.ticketId(), commentId, file, actorId());
            }
        }
        if (!complete) {
            ctx.store().deskSync().markForResync(desk.name(), issue.externalId(), ctx.now());
        }
        boolean filesAdded = before
                != ctx.store()
                        .inTransaction(tx -> tx.findTicket(result.ticketId())
                                .map(Ticket::attachmentCount)
                                .orElse(before));
        return result.changed() || filesAdded;
    }

    /**
     * @param ticketId    the ticket, 0 when the issue is none of ours
     * @param commentIds  our comment id by desk comment id, for every desk comment the ticket holds
     * @param changed     whether the ticket changed
     * @param attachments how many files the ticket had before its desk files were imported
     */
    private record Imported(long ticketId, Map<String, Long> commentIds, boolean changed, int attachments) {}

    private Imported importIssue(IssueChanges issue) {
        Map<String, Long> ids = new LinkedHashMap<>();
        return ctx.store().inTransaction(tx -> {
            Optional<Ticket> found = tx.findByDeskIssue(desk.name(), issue.externalId());
            if (found.isEmpty()) {
                LOG.debug("desk {}: issue {} belongs to no ticket here", desk.name(), issue.externalId());
                return new Imported(0, Map.of(), false, 0);
            }
            Ticket t = tx.lockTicket(found.get().id()).orElseThrow();
            Instant now = ctx.instantAfter(t);
            Escalation e = t.escalation();
            if (e == null) {
                return new Imported(t.id(), ids, false, t.attachmentCount());
            }
            List<DeskComment> imported = insertReplies(tx, t, issue, now, ids);
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
                return new Imported(t.id(), ids, false, t.attachmentCount());
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
                        actorId(),
                        EventType.STATUS_CHANGED,
                        now,
                        Map.of("from", t.status().name(), "to", target.name(), "cause", "desk")));
            }
            changed = TicketEdits.nextVersion(changed);
            tx.updateTicket(changed, t.version());
            publish(tx, t, changed, imported, target, now);
            LOG.debug(
                    "desk {}: ticket {} got {} comment(s){}",
                    desk.name(),
                    t.id(),
                    imported.size(),
                    target == null ? "" : " and status " + target);
            return new Imported(t.id(), ids, !imported.isEmpty() || target != null, t.attachmentCount());
        });
    }

    /** Inserts the replies not seen yet; records their local ids by desk id in {@code ids}. */
    private List<DeskComment> insertReplies(
            StoreTransaction tx, Ticket t, IssueChanges issue, Instant now, Map<String, Long> ids) {
        Set<String> known = new HashSet<>();
        Map<Long, Comment> ours = new HashMap<>();
        for (Comment c : tx.comments(t.id())) {
            if (c.externalId() != null) {
                known.add(c.externalId());
                ids.put(c.externalId(), c.id());
            } else if (c.origin() == Origin.LOCAL) {
                ours.put(c.id(), c);
            }
        }
        List<DeskComment> imported = new ArrayList<>();
        for (DeskComment dc : issue.comments()) {
            if (dc.isEcho()) {
                // only the connector's own note is an echo; when the id forwardComment returned was lost
                // (a crash before our commit), the echo gives it back
                Long local = dc.localCommentId();
                if (local != null && ours.remove(local) != null && !known.contains(dc.id())) {
                    tx.setCommentExternalId(t.id(), local, dc.id());
                    known.add(dc.id());
                }
                continue;
            }
            if (!dc.isPublic() || known.contains(dc.id()) || dc.body().isBlank()) {
                continue;
            }
            Instant created = dc.created().isAfter(now) ? now : dc.created().truncatedTo(ChronoUnit.MICROS);
            try {
                Comment inserted = tx.insertComment(new CommentDraft(
                        t.id(),
                        actorId(),
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
        return imported;
    }

    private void publish(
            StoreTransaction tx,
            Ticket before,
            Ticket changed,
            List<DeskComment> imported,
            @Nullable TicketStatus target,
            Instant now) {
        if (!imported.isEmpty()) {
            DeskComment last = imported.get(imported.size() - 1);
            ctx.notifications()
                    .publish(
                            tx,
                            NotificationType.DESK_REPLIED,
                            changed,
                            actorId(),
                            desk.name(),
                            Map.of(
                                    NotificationParameters.SUBJECT,
                                    before.subject(),
                                    NotificationParameters.DESK,
                                    desk.name(),
                                    NotificationParameters.COMMENT,
                                    Notifications.excerpt(last.body())),
                            null,
                            now);
        }
        if (target != null) {
            ctx.notifications()
                    .publish(
                            tx,
                            NotificationType.DESK_STATUS_CHANGED,
                            changed,
                            actorId(),
                            desk.name(),
                            Map.of(
                                    NotificationParameters.SUBJECT,
                                    before.subject(),
                                    NotificationParameters.DESK,
                                    desk.name(),
                                    NotificationParameters.FROM_STATUS,
                                    before.status().name(),
                                    NotificationParameters.TO_STATUS,
                                    target.name()),
                            null,
                            now);
        }
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

package org.entsupport.core.internal;

import static org.entsupport.core.internal.SupportContext.LOG;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.entsupport.core.Actor;
import org.entsupport.core.attachment.AttachmentContent;
import org.entsupport.core.attachment.AttachmentNotFoundException;
import org.entsupport.core.attachment.NewFile;
import org.entsupport.core.attachment.internal.StagedFile;
import org.entsupport.core.model.Attachment;
import org.entsupport.core.model.Origin;
import org.entsupport.core.model.Ticket;
import org.entsupport.notify.NotificationParameters;
import org.entsupport.notify.NotificationType;

/**
 * Files on a ticket without a comment, and downloads. Uploads go through the attachment policy and the
 * scanner ({@link org.entsupport.core.attachment.internal.AttachmentIntake}) and are kept before the
 * transaction that records them; downloads check the right to read the ticket and never reveal a storage key.
 */
public final class Attachments {

    private final SupportContext ctx;

    /** Handles files through {@code ctx}. */
    public Attachments(SupportContext ctx) {
        this.ctx = ctx;
    }

    /** See {@link org.entsupport.core.Support#attach}; without an idempotency key. */
    public List<Attachment> attach(Actor actor, long ticketId, List<NewFile> files) {
        return attach(actor, ticketId, files, null);
    }

    /** See {@link org.entsupport.core.Support#attach}. */
    public List<Attachment> attach(
            Actor actor, long ticketId, List<NewFile> files, @org.jspecify.annotations.Nullable String idempotencyKey) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(files, "files");
        InputValidator v = new InputValidator();
        if (files.isEmpty()) {
            v.add("attachments", "required", "at least one file is required");
        }
        v.idempotencyKey(idempotencyKey);
        v.throwIfAny();
        List<StagedFile> staged =
                AttachmentSteps.stageOnVisibleTicket(ctx, actor, ticketId, List.copyOf(files), List.of());
        boolean committed = false;
        try {
            Idempotency.Outcome<List<Attachment>> outcome = Idempotency.replayOrRun(
                    ctx,
                    actor,
                    ticketId,
                    Idempotency.Request.of("attach", idempotencyKey, AttachmentSteps.fingerprint(staged)),
                    (tx, t) -> {
                        Rules.checkTicketCapacity(
                                ctx.settings(), t.commentCount(), t.attachmentCount(), 0, staged.size());
                        Instant now = ctx.instantAfter(t);
                        ctx.intake().checkTicketLimits(ticketId, tx.attachments(ticketId), staged);
                        List<Attachment> inserted =
                                ctx.intake().insert(tx, ticketId, null, staged, actor.userId(), now, Origin.LOCAL);
                        List<String> names = AttachmentSteps.names(staged);
                        tx.insertEvent(Events.attachmentsAdded(ticketId, actor.userId(), names, now));
                        Ticket changed = TicketEdits.nextVersion(TicketEdits.withActivity(t, 0, staged.size(), now));
                        tx.updateTicket(changed, t.version());
                        ctx.publish(
                                tx,
                                NotificationType.TICKET_COMMENTED,
                                changed,
                                actor,
                                Map.of(
                                        NotificationParameters.SUBJECT,
                                        t.subject(),
                                        NotificationParameters.COMMENT,
                                        Notifications.excerpt(String.join(", ", names))),
                                now);
                        LOG.debug(
                                "attach: user {} added {} file(s) to ticket {}",
                                actor.userId(),
                                inserted.size(),
                                ticketId);
                        return inserted;
                    },
                    inserted -> Idempotency.ids(
                            inserted.stream().map(Attachment::id).toList()),
                    (tx, t, ids) -> {
                        List<Long> first = Idempotency.ids(ids);
                        return tx.attachments(ticketId).stream()
                                .filter(a -> first.contains(a.id()))
                                .sorted(java.util.Comparator.comparingInt(a -> first.indexOf(a.id())))
                                .toList();
                    });
            committed = !outcome.replayed(); // a replay keeps the first files, not these copies
            ctx.afterCommit().run();
            return outcome.value();
        } finally {
            if (!committed) {
                ctx.intake().discard(staged);
            }
        }
    }

    /** See {@link org.entsupport.core.Support#openAttachment}. */
    public AttachmentContent openAttachment(Actor actor, long ticketId, long attachmentId) {
        Objects.requireNonNull(actor, "actor");
        Map.Entry<Attachment, String> found = ctx.store().inTransaction(tx -> {
            SupportContext.visible(tx.findTicket(ticketId), actor, ticketId);
            Attachment a = tx.attachments(ticketId).stream()
                    .filter(x -> x.id() == attachmentId)
                    .findFirst()
                    .orElseThrow(() -> new AttachmentNotFoundException(
                            ticketId, attachmentId, "the ticket has no attachment with this id"));
            String key = tx.storageKey(ticketId, attachmentId)
                    .orElseThrow(() -> new AttachmentNotFoundException(
                            ticketId, attachmentId, "the ticket has no attachment with this id"));
            return Map.entry(a, key);
        });
        LOG.debug("download: user {} opens attachment {} of ticket {}", actor.userId(), attachmentId, ticketId);
        return ctx.intake().open(found.getKey(), found.getValue());
    }
}

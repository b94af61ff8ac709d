package org.entsupport.core.internal;

import static org.entsupport.core.internal.SupportContext.LOG;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.entsupport.core.Actor;
import org.entsupport.core.NewAttachment;
import org.entsupport.core.NewTicket;
import org.entsupport.core.SchoolWithoutAdmin;
import org.entsupport.core.SupportObserver;
import org.entsupport.core.attachment.internal.StagedFile;
import org.entsupport.core.model.EventType;
import org.entsupport.core.model.Origin;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketStatus;
import org.entsupport.core.spi.DuplicateIdempotencyKeyException;
import org.entsupport.core.spi.EventDraft;
import org.entsupport.core.spi.TicketDraft;
import org.entsupport.notify.NotificationParameters;
import org.entsupport.notify.NotificationType;

/**
 * Files requests: checks every field, keeps the uploads before the transaction, then writes the ticket, its
 * files, its history and the notice to the school's admins in one transaction. An idempotency key makes a
 * repeated request answer with the first ticket.
 */
public final class Filing {

    private final SupportContext ctx;

    /** Files through {@code ctx}. */
    public Filing(SupportContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Says so when nobody administers the ticket's school (nobody was notified): a warning in the log and
     * {@link SupportObserver#schoolWithoutAdmin} for the host. Never fails the filing.
     */
    private void checkSchoolHasAdmin(Ticket created, Instant now) {
        java.util.Set<String> admins;
        try {
            admins = ctx.directory().localAdmins(created.school());
        } catch (RuntimeException e) {
            LOG.warn(
                    "create: the directory failed to name the local admins of school {}: {}",
                    created.school(),
                    e.toString());
            return;
        }
        if (admins != null && !admins.isEmpty()) {
            return;
        }
        LOG.warn(
                "create: school {} has no local administrator, so nobody was notified of ticket {}; "
                        + "name one in the directory",
                created.school(),
                created.id());
        try {
            ctx.observer().schoolWithoutAdmin(new SchoolWithoutAdmin(created.school(), created.id(), now));
        } catch (RuntimeException e) {
            LOG.warn("create: the observer failed on school {} without admin: {}", created.school(), e.toString());
        }
    }

    /** See {@link org.entsupport.core.Support#create}. */
    public Ticket create(Actor actor, NewTicket request) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(request, "request");
        InputValidator v = new InputValidator();
        v.school(actor, request.school());
        String category = v.category(ctx.categories(), actor, request.category());
        String subject = v.singleLine("subject", request.subject(), InputValidator.MAX_SUBJECT);
        RichText.Content description = v.content(
                "description",
                request.description(),
                request.descriptionFormat(),
                ctx.settings().maxDescriptionLength(),
                RichText.of(ctx.settings().imageUrlPrefixes()));
        List<NewAttachment> files = v.attachments(request.attachments(), ctx.settings());
        v.idempotencyKey(request.idempotencyKey());
        v.throwIfAny();

        // Uploads are checked and kept before the transaction; deleted again unless it commits them.
        List<StagedFile> staged =
                ctx.intake().stage(0, AttachmentSteps.files(ctx, actor, files, request.files()), 0, 0);
        boolean[] uploadsInserted = {false};
        boolean uploadsCommitted = false;
        String key = request.idempotencyKey();
        Instant now = ctx.now();
        TicketDraft draft = new TicketDraft(
                actor.userId(),
                actor.displayName(),
                request.school(),
                category,
                subject,
                description.plain(),
                TicketStatus.NEW,
                now,
                actor.locale().toLanguageTag(),
                staged.size(),
                key,
                description.html());
        try {
            Ticket created = ctx.store().inTransaction(tx -> {
                if (key != null) {
                    Optional<Ticket> first = tx.findByIdempotencyKey(actor.userId(), key);
                    if (first.isPresent()) {
                        LOG.debug(
                                "create: idempotency key {} of user {} already filed ticket {}",
                                key,
                                actor.userId(),
                                first.get().id());
                        return first.get();
                    }
                }
                Rules.checkTicketCapacity(ctx.settings(), 0, 0, 0, staged.size());
                Ticket t = tx.insertTicket(draft);
                ctx.intake().insert(tx, t.id(), null, staged, actor.userId(), now, Origin.LOCAL);
                uploadsInserted[0] = true;
                tx.insertEvent(new EventDraft(
                        t.id(), actor.userId(), EventType.CREATED, now, Map.of("status", TicketStatus.NEW.name())));
                if (!staged.isEmpty()) {
                    tx.insertEvent(Events.attachmentsAdded(t.id(), actor.userId(), AttachmentSteps.names(staged), now));
                }
                ctx.publish(
                        tx,
                        NotificationType.TICKET_CREATED,
                        t,
                        actor,
                        Map.of(NotificationParameters.SUBJECT, subject),
                        now);
                return t;
            });
            uploadsCommitted = uploadsInserted[0];
            ctx.afterCommit().run();
            if (uploadsInserted[0]) {
                checkSchoolHasAdmin(created, now);
            }
            LOG.debug("create: user {} filed ticket {} in school {}", actor.userId(), created.id(), created.school());
            return created;
        } catch (DuplicateIdempotencyKeyException e) {
            // A concurrent retry inserted first: answer with its ticket.
            return ctx.store()
                    .inTransaction(tx -> tx.findByIdempotencyKey(actor.userId(), Objects.requireNonNull(key)))
                    .orElseThrow(() -> e);
        } finally {
            if (!uploadsCommitted) {
                ctx.intake().discard(staged); // refused, failed, or an idempotent replay that keeps the first files
            }
        }
    }
}

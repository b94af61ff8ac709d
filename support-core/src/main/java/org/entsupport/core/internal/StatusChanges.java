package org.entsupport.core.internal;

import static org.entsupport.core.internal.SupportContext.LOG;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.entsupport.core.AccessDeniedException;
import org.entsupport.core.Actor;
import org.entsupport.core.BulkResult;
import org.entsupport.core.IllegalTransitionException;
import org.entsupport.core.TicketChanges;
import org.entsupport.core.TicketNotFoundException;
import org.entsupport.core.TicketVersionConflictException;
import org.entsupport.core.model.EventType;
import org.entsupport.core.model.HistoryEvent;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketStatus;
import org.entsupport.core.spi.EventDraft;
import org.entsupport.core.spi.StoreTransaction;
import org.entsupport.notify.NotificationParameters;
import org.entsupport.notify.NotificationType;
import org.jspecify.annotations.Nullable;

/**
 * Changes a ticket on purpose: its editable fields and its status, one at a time (with the optimistic
 * version check) or in bulk (each ticket in its own transaction). Every status move is checked against the
 * workflow table for the actor's roles before anything is written.
 */
public final class StatusChanges {

    private final SupportContext ctx;

    /** Changes tickets through {@code ctx}. */
    public StatusChanges(SupportContext ctx) {
        this.ctx = ctx;
    }

    /** See {@link org.entsupport.core.Support#update}. */
    public Ticket update(Actor actor, long ticketId, TicketChanges changes) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(changes, "changes");
        InputValidator v = new InputValidator();
        String subject = changes.subject() == null
                ? null
                : v.singleLine("subject", changes.subject(), InputValidator.MAX_SUBJECT);
        String category = changes.category() == null ? null : v.category(ctx.categories(), actor, changes.category());
        RichText.Content description = changes.description() == null
                ? null
                : v.content(
                        "description",
                        changes.description(),
                        changes.descriptionFormat(),
                        ctx.settings().maxDescriptionLength(),
                        RichText.of(ctx.settings().imageUrlPrefixes()));
        if (changes.subject() == null && changes.category() == null && changes.description() == null) {
            v.add("ticket", "nothing-to-change", "no field to change was given");
        }
        v.throwIfAny();
        Ticket updated = ctx.store().inTransaction(tx -> {
            Ticket t = SupportContext.visible(tx.lockTicket(ticketId), actor, ticketId);
            checkVersion(t, changes.expectedVersion());
            Instant now = ctx.instantAfter(t);
            List<String> fields = new ArrayList<>();
            if (subject != null && !subject.equals(t.subject())) {
                fields.add("subject");
            }
            if (category != null && !category.equals(t.category())) {
                fields.add("category");
            }
            if (description != null
                    && !(description.plain().equals(t.description())
                            && Objects.equals(description.html(), t.descriptionHtml()))) {
                if (!Permissions.canEditDescription(actor, t)) {
                    throw new AccessDeniedException(
                            actor.userId(),
                            "edit the description of ticket " + ticketId,
                            "the ticket was escalated to the support desk (" + t.escalationStatus() + ")");
                }
                fields.add("description");
            }
            if (fields.isEmpty()) {
                return t;
            }
            Ticket changed = TicketEdits.nextVersion(TicketEdits.withFields(
                    t,
                    subject != null ? subject : t.subject(),
                    category != null ? category : t.category(),
                    description != null ? description : new RichText.Content(t.description(), t.descriptionHtml()),
                    now));
            tx.updateTicket(changed, t.version());
            tx.insertEvent(new EventDraft(
                    ticketId,
                    actor.userId(),
                    EventType.FIELDS_UPDATED,
                    now,
                    Map.of("fields", String.join(",", fields))));
            ctx.publish(
                    tx,
                    NotificationType.TICKET_UPDATED,
                    changed,
                    actor,
                    Map.of(NotificationParameters.SUBJECT, changed.subject(), "fields", String.join(",", fields)),
                    now);
            LOG.debug("update: user {} changed {} of ticket {}", actor.userId(), fields, ticketId);
            return changed;
        });
        ctx.afterCommit().run();
        return updated;
    }

    /** See {@link org.entsupport.core.Support#changeStatus}; without an idempotency key. */
    public Ticket changeStatus(Actor actor, long ticketId, TicketStatus target, long expectedVersion) {
        return changeStatus(actor, ticketId, target, expectedVersion, null);
    }

    /** See {@link org.entsupport.core.Support#changeStatus}. */
    public Ticket changeStatus(
            Actor actor, long ticketId, TicketStatus target, long expectedVersion, @Nullable String idempotencyKey) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(target, "target");
        InputValidator v = new InputValidator();
        v.idempotencyKey(idempotencyKey);
        v.throwIfAny();
        Ticket changed = Idempotency.replayOrRun(
                        ctx,
                        actor,
                        ticketId,
                        Idempotency.Request.of("status", idempotencyKey, target.name(), expectedVersion),
                        (tx, t) -> {
                            checkVersion(t, expectedVersion);
                            return applyExplicitStatus(tx, actor, t, target, "explicit", ctx.instantAfter(t));
                        },
                        t -> Long.toString(t.version()),
                        (tx, t, version) -> t)
                .value();
        ctx.afterCommit().run();
        return changed;
    }

    /** See {@link org.entsupport.core.Support#changeStatuses}. */
    public BulkResult changeStatuses(Actor actor, Collection<Long> ticketIds, TicketStatus target) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(ticketIds, "ticketIds");
        Objects.requireNonNull(target, "target");
        Set<Long> ids = InputValidator.bulkIds(ticketIds, ctx.settings());
        Map<Long, BulkResult.Outcome> outcomes = new LinkedHashMap<>();
        for (Long id : ids) {
            try {
                boolean changed = ctx.store().inTransaction(tx -> {
                    Ticket t = SupportContext.visible(tx.lockTicket(id), actor, id);
                    return applyExplicitStatus(tx, actor, t, target, "bulk", ctx.instantAfter(t)) != t;
                });
                outcomes.put(id, changed ? BulkResult.Outcome.changed() : BulkResult.Outcome.unchanged());
            } catch (TicketNotFoundException | IllegalTransitionException e) {
                outcomes.put(id, BulkResult.Outcome.failed(e));
            } catch (org.entsupport.core.StoreException e) {
                // this ticket failed in the store: report it and go on with the others
                LOG.warn("bulk status: ticket {} failed in the store: {}", id, e.getMessage());
                outcomes.put(id, BulkResult.Outcome.failed(e));
            }
        }
        ctx.afterCommit().run();
        LOG.debug(
                "bulk status: user {} moved {} of {} tickets to {}",
                actor.userId(),
                outcomes.values().stream()
                        .filter(o -> o.kind() == BulkResult.Kind.CHANGED)
                        .count(),
                ids.size(),
                target);
        return new BulkResult(outcomes);
    }

    private static void checkVersion(Ticket t, long expected) {
        if (t.version() != expected) {
            throw new TicketVersionConflictException(t.id(), expected, t.version());
        }
    }

    /** Moves {@code t} to {@code target} if the actor's roles allow it; {@code t} itself when already there. */
    private Ticket applyExplicitStatus(
            StoreTransaction tx, Actor actor, Ticket t, TicketStatus target, String cause, Instant now) {
        if (t.status() == target) {
            return t;
        }
        Set<TicketStatus> allowed = Rules.statusTargets(actor, t);
        if (!allowed.contains(target)) {
            throw new IllegalTransitionException(t.id(), t.status(), target, allowed);
        }
        Ticket changed = TicketEdits.nextVersion(TicketEdits.withStatus(t, target, now));
        tx.updateTicket(changed, t.version());
        HistoryEvent event =
                tx.insertEvent(Events.statusChanged(t.id(), actor.userId(), t.status(), target, cause, now));
        DeskCommands.enqueueStatus(
                tx, t, target, event, actor.displayName(), actor.userId().equals(t.owner()), now);
        ctx.publish(
                tx,
                NotificationType.TICKET_UPDATED,
                changed,
                actor,
                Map.of(
                        NotificationParameters.SUBJECT,
                        t.subject(),
                        NotificationParameters.FROM_STATUS,
                        t.status().name(),
                        NotificationParameters.TO_STATUS,
                        target.name()),
                now);
        LOG.debug(
                "status: user {} moved ticket {} from {} to {} ({})",
                actor.userId(),
                t.id(),
                t.status(),
                target,
                cause);
        return changed;
    }
}

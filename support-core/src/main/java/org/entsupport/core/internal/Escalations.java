package org.entsupport.core.internal;

import static org.entsupport.core.internal.SupportContext.LOG;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.entsupport.core.AccessDeniedException;
import org.entsupport.core.Actor;
import org.entsupport.core.BulkResult;
import org.entsupport.core.EscalationNotAllowedException;
import org.entsupport.core.SupportException;
import org.entsupport.core.TicketNotFoundException;
import org.entsupport.core.model.EscalationStatus;
import org.entsupport.core.model.EventType;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketStatus;
import org.entsupport.core.spi.EventDraft;
import org.jspecify.annotations.Nullable;

/**
 * Hands tickets over to a support desk: checks the right, the school and the ticket, moves the escalation
 * to IN_PROGRESS (a compare-and-set under the ticket's lock) and opens the ticket, and writes the desk
 * command in the same transaction. The desk call itself, its retries and the FAILED outcome belong to the
 * desk's {@link DeskHandOver}, run by the outbox relay (so this class is named in the plural: the model's
 * {@link org.entsupport.core.model.Escalation} is the hand-over's record).
 */
public final class Escalations {

    private final SupportContext ctx;

    /** Escalates through {@code ctx}. */
    public Escalations(SupportContext ctx) {
        this.ctx = ctx;
    }

    /** See {@link org.entsupport.core.Support#escalate(Actor, long)}. */
    public Ticket escalate(Actor actor, long ticketId) {
        return escalate(actor, ticketId, null);
    }

    /** See {@link org.entsupport.core.Support#escalate(Actor, long, String)}. */
    public Ticket escalate(Actor actor, long ticketId, @Nullable String idempotencyKey) {
        Objects.requireNonNull(actor, "actor");
        InputValidator v = new InputValidator();
        v.idempotencyKey(idempotencyKey);
        v.throwIfAny();
        Ticket escalated = escalateInTransaction(actor, ticketId, Idempotency.Request.of("escalate", idempotencyKey));
        ctx.afterCommit().run();
        return escalated;
    }

    /** See {@link org.entsupport.core.Support#escalate(Actor, Collection)}. */
    public BulkResult escalate(Actor actor, Collection<Long> ticketIds) {
        Objects.requireNonNull(actor, "actor");
        Set<Long> ids = InputValidator.bulkIds(ticketIds, ctx.settings());
        Map<Long, BulkResult.Outcome> outcomes = new LinkedHashMap<>();
        for (Long id : ids) {
            try {
                escalateInTransaction(actor, id, null);
                outcomes.put(id, BulkResult.Outcome.changed());
            } catch (TicketNotFoundException | AccessDeniedException | EscalationNotAllowedException e) {
                outcomes.put(id, BulkResult.Outcome.failed(e));
            } catch (org.entsupport.core.StoreException e) {
                // this ticket failed in the store: report it and go on with the others
                LOG.warn("bulk escalation: ticket {} failed in the store: {}", id, e.getMessage());
                outcomes.put(id, BulkResult.Outcome.failed(e));
            }
        }
        ctx.afterCommit().run();
        return new BulkResult(outcomes);
    }

    private Ticket escalateInTransaction(Actor actor, long ticketId, Idempotency.@Nullable Request key) {
        return Idempotency.replayOrRun(
                        ctx,
                        actor,
                        ticketId,
                        key,
                        (tx, t) -> {
                            Instant now = ctx.instantAfter(t);
                            SupportException refusal = Rules.escalationRefusal(ctx, actor, t);
                            if (refusal != null) {
                                throw refusal;
                            }
                            String desk = Objects.requireNonNull(ctx.desks().nameFor(t.school()));
                            Ticket changed = TicketEdits.withEscalation(
                                    t,
                                    EscalationStatus.IN_PROGRESS,
                                    TicketEdits.requested(actor.userId(), now, desk),
                                    now);
                            if (t.status() != TicketStatus.OPENED) {
                                changed = TicketEdits.withStatus(changed, TicketStatus.OPENED, now);
                                tx.insertEvent(Events.statusChanged(
                                        ticketId, actor.userId(), t.status(), TicketStatus.OPENED, "escalation", now));
                            }
                            changed = TicketEdits.nextVersion(changed);
                            tx.updateTicket(changed, t.version());
                            tx.insertEvent(new EventDraft(
                                    ticketId,
                                    actor.userId(),
                                    EventType.ESCALATION_REQUESTED,
                                    now,
                                    Map.of("desk", desk)));
                            DeskCommands.enqueueEscalation(tx, desk, changed, actor.userId(), actor.displayName(), now);
                            LOG.debug("escalate: user {} escalated ticket {} to {}", actor.userId(), ticketId, desk);
                            return changed;
                        },
                        t -> Long.toString(t.version()),
                        (tx, t, version) -> t)
                .value();
    }
}

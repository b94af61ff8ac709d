package org.entsupport.core.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import org.entsupport.core.AccessDeniedException;
import org.entsupport.core.Actor;
import org.entsupport.core.EscalationNotAllowedException;
import org.entsupport.core.ReopenWindowExpiredException;
import org.entsupport.core.SupportException;
import org.entsupport.core.TicketCapabilities;
import org.entsupport.core.model.EscalationStatus;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketStatus;
import org.jspecify.annotations.Nullable;

/**
 * The decisions that both guard the operations and answer {@link org.entsupport.core.Support#capabilities}:
 * each rule returns the refusal an operation throws, or {@code null} when it is allowed, so that what a host
 * shows as a button is exactly what the operation then does. The caller has checked that the actor may see
 * the ticket ({@link Permissions#canRead}).
 */
public final class Rules {

    private Rules() {}

    /**
     * Why the actor may not escalate the ticket now, or {@code null} when they may.
     *
     * @param ctx   the facade's context (schools with escalation, desks)
     * @param actor who acts
     * @param t     the ticket, visible to the actor
     */
    public static @Nullable SupportException escalationRefusal(SupportContext ctx, Actor actor, Ticket t) {
        if (!Permissions.canEscalate(actor, t)) {
            return new AccessDeniedException(
                    actor.userId(),
                    "escalate ticket " + t.id(),
                    "escalating needs the escalation right in school " + t.school());
        }
        if (!ctx.escalationEnabled().test(t.school())) {
            return new EscalationNotAllowedException(
                    t.id(),
                    t.status(),
                    t.escalationStatus(),
                    "escalation is not enabled for school " + t.school(),
                    "escalation.disabled");
        }
        if (t.status().isFinished()) {
            return new EscalationNotAllowedException(
                    t.id(), t.status(), t.escalationStatus(), "the ticket is " + t.status(), "escalation.finished");
        }
        if (!allowsEscalation(t.escalationStatus())) {
            return new EscalationNotAllowedException(
                    t.id(),
                    t.status(),
                    t.escalationStatus(),
                    "it is already " + t.escalationStatus(),
                    "escalation.already");
        }
        String deskName = ctx.desks().nameFor(t.school());
        if (ctx.desks().named(deskName).isEmpty()) {
            return new EscalationNotAllowedException(
                    t.id(),
                    t.status(),
                    t.escalationStatus(),
                    "no support desk is configured" + (deskName == null ? "" : " under the name " + deskName),
                    "escalation.no-desk");
        }
        return null;
    }

    /** Whether a ticket in this escalation status may be escalated: never done, or failed before. */
    static boolean allowsEscalation(EscalationStatus status) {
        return status == EscalationStatus.NOT_DONE || status == EscalationStatus.FAILED;
    }

    /**
     * Why a comment on the ticket is refused now, or {@code null} when it is accepted: a RESOLVED or CLOSED
     * ticket takes comments (which reopen it) only within the reopen window.
     *
     * @param reopenWindow how long after being finished a ticket may be reopened by a comment
     * @param t            the ticket, visible to the actor
     * @param now          the current instant
     */
    public static @Nullable SupportException commentRefusal(Duration reopenWindow, Ticket t, Instant now) {
        if (t.status().isFinished() && now.isAfter(t.statusChanged().plus(reopenWindow))) {
            return new ReopenWindowExpiredException(t.id(), t.status(), reopenWindow);
        }
        return null;
    }

    /**
     * The statuses the actor may move the ticket to, one at a time or in bulk: the workflow table for the
     * roles the actor holds on it.
     *
     * @param actor who acts
     * @param t     the ticket, visible to the actor
     */
    public static Set<TicketStatus> statusTargets(Actor actor, Ticket t) {
        return TicketWorkflow.targets(t.status(), Permissions.roles(actor, t));
    }

    /**
     * Everything the actor may do on the ticket now, from the same rules the operations apply.
     *
     * @param ctx   the facade's context
     * @param actor who acts
     * @param t     the ticket, visible to the actor
     * @param now   the current instant
     */
    public static TicketCapabilities capabilities(SupportContext ctx, Actor actor, Ticket t, Instant now) {
        Objects.requireNonNull(t, "t");
        Set<TicketStatus> statuses = statusTargets(actor, t);
        boolean escalate = escalationRefusal(ctx, actor, t) == null;
        return new TicketCapabilities(
                t.id(),
                t.version(),
                commentRefusal(ctx.settings().reopenWindow(), t, now) == null,
                statuses,
                escalate,
                escalate && t.escalationStatus() == EscalationStatus.FAILED,
                true,
                Permissions.canEditDescription(actor, t),
                !statuses.isEmpty() || escalate);
    }

    /**
     * Refuses, with a {@link org.entsupport.core.ValidationException} naming the field, what would take a ticket
     * over {@link org.entsupport.core.SupportSettings#maxCommentsPerTicket()} comments or
     * {@link org.entsupport.core.SupportSettings#maxAttachmentsPerTicket()} attachments. Called in the
     * transaction, on the locked ticket, before anything is written.
     */
    public static void checkTicketCapacity(
            org.entsupport.core.SupportSettings settings,
            int comments,
            int attachments,
            int newComments,
            int newAttachments) {
        InputValidator v = new InputValidator();
        int maxComments = settings.maxCommentsPerTicket();
        if (newComments > 0 && comments + newComments > maxComments) {
            v.add(
                    "comments",
                    "ticket-full",
                    "the ticket already has " + comments + " comments, the most it accepts is " + maxComments,
                    maxComments,
                    comments);
        }
        int maxFiles = settings.maxAttachmentsPerTicket();
        if (newAttachments > 0 && attachments + newAttachments > maxFiles) {
            v.add(
                    "attachments",
                    "ticket-full",
                    "the ticket would have " + (attachments + newAttachments) + " attachments, the most it accepts is "
                            + maxFiles,
                    maxFiles,
                    attachments);
        }
        v.throwIfAny();
    }
}

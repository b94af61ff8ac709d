package org.entsupport.core.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.entsupport.core.Actor;
import org.entsupport.core.SupportObserver;
import org.entsupport.core.SupportSettings;
import org.entsupport.core.TicketNotFoundException;
import org.entsupport.core.attachment.internal.AttachmentIntake;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.spi.CategoryCatalog;
import org.entsupport.core.spi.Directory;
import org.entsupport.core.spi.StoreTransaction;
import org.entsupport.core.spi.TicketStore;
import org.entsupport.notify.NotificationType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every capability of the facade shares: the ports, the settings, the notification planner, the
 * attachment intake, the desks and the after-commit hook. Built once by {@link Capabilities#assemble} and never
 * changed; a capability holds it and reaches nothing of another capability but through it.
 *
 * @param store             the host's store: one transaction per facade operation
 * @param directory         who administers a school, names and locales
 * @param categories        the host's catalogue of applications
 * @param clock             the time source (tests pass a hand-driven one)
 * @param settings          limits and delays
 * @param escalationEnabled which schools may hand requests over to a desk
 * @param notifications     writes the outbox messages of a change in its transaction
 * @param intake            checks and keeps uploaded files
 * @param desks             the support desks by name
 * @param afterCommit       wakes the outbox relay once a change is committed
 * @param observer          the host's observer of situations that need attention
 */
public record SupportContext(
        TicketStore store,
        Directory directory,
        CategoryCatalog categories,
        Clock clock,
        SupportSettings settings,
        Predicate<String> escalationEnabled,
        Notifications notifications,
        AttachmentIntake intake,
        Desks desks,
        AfterCommit afterCommit,
        SupportObserver observer) {

    /**
     * The log category of the facade's operations: the one the facade used before it was split, so a
     * host's logging configuration keeps applying.
     */
    static final Logger LOG = LoggerFactory.getLogger("org.entsupport.core.Support");

    /** Now, at the microsecond precision every database keeps, so stores agree on instants. */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * The instant of a change to {@code locked}, a ticket this transaction holds the lock of: now, but never
     * earlier than the ticket's last change, so a writer that waited for the lock, or a clock that stepped
     * back, cannot put a change before the one it follows.
     */
    public Instant instantAfter(Ticket locked) {
        Instant now = now();
        return now.isBefore(locked.modified()) ? locked.modified() : now;
    }

    /** Writes the notification of a change {@code actor} made, in the change's transaction. */
    void publish(
            StoreTransaction tx,
            NotificationType type,
            Ticket ticket,
            Actor actor,
            Map<String, String> parameters,
            Instant now) {
        notifications.publish(tx, type, ticket, actor.userId(), actor.displayName(), parameters, null, now);
    }

    /**
     * The ticket, when it exists and the actor may see it.
     *
     * @throws TicketNotFoundException otherwise: a ticket the actor may not see is never reported as forbidden
     */
    static Ticket visible(Optional<Ticket> found, Actor actor, long ticketId) {
        Ticket t = found.orElseThrow(() -> new TicketNotFoundException(ticketId));
        if (!Permissions.canRead(actor, t)) {
            LOG.debug("user {} may not see ticket {}: reported as not found", actor.userId(), ticketId);
            throw new TicketNotFoundException(ticketId);
        }
        return t;
    }
}

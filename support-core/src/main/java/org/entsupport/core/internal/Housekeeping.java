package org.entsupport.core.internal;

import static org.entsupport.core.internal.SupportContext.LOG;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.entsupport.core.SupportException;
import org.entsupport.core.model.HistoryEvent;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketStatus;
import org.entsupport.notify.NotificationParameters;
import org.entsupport.notify.NotificationType;

/**
 * What the library does by itself over time: RESOLVED tickets whose status has not changed for the
 * configured delay close themselves, in small batches, each ticket in its own transaction, and their owner
 * is told. A ticket changed since it was picked is left alone; a failing one is tried again on the next run.
 */
public final class Housekeeping {

    /** The name notifications give to the library when it acts by itself. */
    static final String SYSTEM_NAME = "Aide & Support";

    private final SupportContext ctx;

    /** Keeps house through {@code ctx}. */
    public Housekeeping(SupportContext ctx) {
        this.ctx = ctx;
    }

    /** Purge batch: small, so that no delete holds its locks for long. */
    static final int OUTBOX_PURGE_BATCH = 500;

    /** Most batches one run deletes; the rest waits for the next run. */
    static final int OUTBOX_PURGE_BATCHES = 200;

    /** One run of the library's scheduler: the auto-close, then the outbox purge, each failing alone. */
    public int run() {
        int done = 0;
        try {
            done += closeResolvedTickets();
        } catch (RuntimeException e) {
            LOG.warn("auto-close run failed, will try again on the next run: {}", e.toString());
        }
        try {
            done += purgeDeliveredOutbox();
        } catch (RuntimeException e) {
            LOG.warn("outbox purge failed, will try again on the next run: {}", e.toString());
        }
        return done;
    }

    /** See {@link org.entsupport.core.Support#purgeDeliveredOutbox}. */
    public int purgeDeliveredOutbox() {
        Instant cutoff = ctx.now().minus(ctx.settings().deliveredOutboxRetention());
        int purged = 0;
        for (int batch = 0; batch < OUTBOX_PURGE_BATCHES; batch++) {
            int n = ctx.store().outbox().purgeDelivered(cutoff, OUTBOX_PURGE_BATCH);
            purged += n;
            if (n < OUTBOX_PURGE_BATCH) {
                break;
            }
        }
        if (purged > 0) {
            LOG.info("outbox purge: deleted {} delivered message(s) created before {}", purged, cutoff);
        }
        return purged;
    }

    /** See {@link org.entsupport.core.Support#closeResolvedTickets}. */
    public int closeResolvedTickets() {
        Instant now = ctx.now();
        Instant cutoff = now.minus(ctx.settings().autoCloseAfter());
        List<Ticket> due = ctx.store()
                .inTransaction(tx -> tx.resolvedBefore(cutoff, ctx.settings().autoCloseBatchSize()));
        int closed = 0;
        for (Ticket candidate : due) {
            try {
                if (closeIfStillDue(candidate.id(), cutoff)) {
                    closed++;
                }
            } catch (SupportException e) {
                LOG.warn(
                        "auto-close: ticket {} was skipped and will be tried on the next run: {}",
                        candidate.id(),
                        e.getMessage());
            }
        }
        if (closed > 0) {
            ctx.afterCommit().run();
            LOG.info("auto-close: closed {} ticket(s) resolved before {}", closed, cutoff);
        }
        return closed;
    }

    private boolean closeIfStillDue(long ticketId, Instant cutoff) {
        return ctx.store().inTransaction(tx -> {
            Optional<Ticket> current = tx.lockTicket(ticketId);
            if (current.isEmpty()
                    || current.get().status() != TicketStatus.RESOLVED
                    || current.get().statusChanged().isAfter(cutoff)) {
                return false; // changed since it was picked
            }
            Ticket t = current.get();
            Instant now = ctx.instantAfter(t);
            Ticket changed = TicketEdits.nextVersion(TicketEdits.withStatus(t, TicketStatus.CLOSED, now));
            tx.updateTicket(changed, t.version());
            HistoryEvent event = tx.insertEvent(
                    Events.statusChanged(t.id(), null, TicketStatus.RESOLVED, TicketStatus.CLOSED, "auto-close", now));
            DeskCommands.enqueueStatus(tx, t, TicketStatus.CLOSED, event, "auto-close", false, now);
            ctx.notifications()
                    .publish(
                            tx,
                            NotificationType.TICKET_AUTO_CLOSED,
                            changed,
                            Notifications.SYSTEM_ID,
                            SYSTEM_NAME,
                            Map.of(
                                    NotificationParameters.SUBJECT,
                                    t.subject(),
                                    NotificationParameters.FROM_STATUS,
                                    TicketStatus.RESOLVED.name(),
                                    NotificationParameters.TO_STATUS,
                                    TicketStatus.CLOSED.name()),
                            null,
                            now);
            return true;
        });
    }
}

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

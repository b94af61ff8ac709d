package org.entsupport.core.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.entsupport.core.model.Escalation;
import org.entsupport.core.model.EscalationStatus;
import org.entsupport.core.model.EventType;
import org.entsupport.core.model.HistoryEvent;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketStatus;
import org.entsupport.core.spi.EventDraft;
import org.entsupport.core.spi.StoreTransaction;
import org.jspecify.annotations.Nullable;

/**
 * Ends an escalation that failed, in the caller's transaction: FAILED with the desk's raw reason (for
 * administrators and logs), a history event that carries a cause code (readers are shown a plain
 * sentence for it, never the desk's text), and the ticket's status put back to what it was when the
 * escalation forced it to OPENED, unless someone changed the status since.
 */
final class EscalationFailures {

    /** The desk refused the request, or every retry failed. */
    static final String REFUSED = "refused";
    /** The desk issue was deleted or is no longer visible. */
    static final String GONE = "gone";

    private EscalationFailures() {}

    /**
     * Writes the failure on {@code current} (locked by the caller) and returns the changed ticket.
     *
     * @param cause  {@link #REFUSED} or {@link #GONE}
     * @param reason the desk's own words, kept for administrators
     */
    static Ticket fail(
            StoreTransaction tx,
            Ticket current,
            String desk,
            String cause,
            String reason,
            String escalatedBy,
            Instant now) {
        Escalation base =
                current.escalation() != null ? current.escalation() : TicketEdits.requested(escalatedBy, now, desk);
        Ticket changed =
                TicketEdits.withEscalation(current, EscalationStatus.FAILED, TicketEdits.failed(base, reason), now);
        TicketStatus before = statusBeforeEscalation(tx.events(current.id()), current.status());
        if (before != null) {
            changed = TicketEdits.withStatus(changed, before, now);
            tx.insertEvent(
                    Events.statusChanged(current.id(), null, current.status(), before, "escalation-failed", now));
        }
        changed = TicketEdits.nextVersion(changed);
        tx.updateTicket(changed, current.version());
        tx.insertEvent(new EventDraft(
                current.id(),
                null,
                EventType.ESCALATION_FAILED,
                now,
                Map.of("reason", reason, "cause", cause, "desk", desk)));
        return changed;
    }

    /**
     * The status the escalation moved the ticket from, when the last status change of the ticket is the
     * escalation's move to OPENED and the ticket is still OPENED; else {@code null} (nothing to put back).
     */
    static @Nullable TicketStatus statusBeforeEscalation(List<HistoryEvent> events, TicketStatus now) {
        if (now != TicketStatus.OPENED) {
            return null;
        }
        for (int i = events.size() - 1; i >= 0; i--) {
            HistoryEvent e = events.get(i);
            if (e.type() != EventType.STATUS_CHANGED) {
                continue;
            }
            Map<String, String> p = e.parameters();
            if (!"escalation".equals(p.get("cause"))
                    || !TicketStatus.OPENED.name().equals(p.get("to"))) {
                return null;
            }
            try {
                return TicketStatus.valueOf(p.getOrDefault("from", ""));
            } catch (IllegalArgumentException unknown) {
                return null;
            }
        }
        return null;
    }
}

package org.entsupport.core.internal;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.entsupport.core.desk.IssueGone;
import org.entsupport.core.desk.SupportDesk;
import org.entsupport.core.model.Escalation;
import org.entsupport.core.model.EscalationStatus;
import org.entsupport.core.model.Ticket;
import org.entsupport.notify.NotificationParameters;
import org.entsupport.notify.NotificationType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the escalation of a ticket whose desk issue is gone (deleted, or no longer visible to the connector):
 * FAILED with the desk's words as the reason for administrators, the status the escalation forced put back
 * when nobody changed it since, the local admins told; the ticket may then be handed over again.
 */
final class DeskGone {

    private static final Logger LOG = LoggerFactory.getLogger(DeskGone.class);

    private final SupportContext ctx;
    private final SupportDesk desk;

    DeskGone(SupportContext ctx, SupportDesk desk) {
        this.ctx = ctx;
        this.desk = desk;
    }

    /**
     * Applies one gone issue.
     *
     * @return whether a ticket's escalation ended
     */
    boolean apply(IssueGone gone) {
        boolean ended = ctx.store().inTransaction(tx -> {
            Optional<Ticket> found = tx.findByDeskIssue(desk.name(), gone.externalId());
            if (found.isEmpty()) {
                return false;
            }
            Ticket t = tx.lockTicket(found.get().id()).orElseThrow();
            Instant now = ctx.instantAfter(t);
            Escalation e = t.escalation();
            if (t.escalationStatus() != EscalationStatus.SUCCESSFUL
                    || e == null
                    || !desk.name().equals(e.desk())
                    || !gone.externalId().equals(e.externalId())) {
                return false;
            }
            Ticket changed = EscalationFailures.fail(
                    tx, t, desk.name(), EscalationFailures.GONE, gone.detail(), e.escalatedBy(), now);
            ctx.notifications()
                    .publish(
                            tx,
                            NotificationType.DESK_ISSUE_GONE,
                            changed,
                            Notifications.SYSTEM_ID,
                            desk.name(),
                            Map.of(
                                    NotificationParameters.SUBJECT,
                                    t.subject(),
                                    NotificationParameters.DESK,
                                    desk.name(),
                                    NotificationParameters.REASON,
                                    gone.detail()),
                            null,
                            now);
            return true;
        });
        if (ended) {
            LOG.warn(
                    "desk {}: issue {} is gone ({}), its escalation FAILED: {}",
                    desk.name(),
                    gone.externalId(),
                    gone.reason(),
                    gone.detail());
        }
        return ended;
    }
}

package org.entsupport.core.internal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.entsupport.core.AccessDeniedException;
import org.entsupport.core.Actor;
import org.entsupport.core.DeskUnavailableException;
import org.entsupport.core.EscalationNotAllowedException;
import org.entsupport.core.desk.DeskException;
import org.entsupport.core.desk.IssueChanges;
import org.entsupport.core.desk.IssueGoneException;
import org.entsupport.core.desk.SupportDesk;
import org.entsupport.core.model.Escalation;
import org.entsupport.core.model.Ticket;

/**
 * Brings the desks' answers in: the periodic poll of every desk (with leases, so one node polls a desk at a
 * time), the sync of one ticket on an admin's demand, and the changes a desk pushes through the host.
 */
public final class DeskSync {

    /** How long a poll lease outlives the poll interval, for a node that dies while polling. */
    private static final Duration LEASE_MARGIN = Duration.ofMinutes(5);

    private final SupportContext ctx;
    private final Map<String, DeskImport> imports = new LinkedHashMap<>();
    private final Map<String, DeskPolling> pollers = new LinkedHashMap<>();
    private final String nodeId;
    private final Duration pollInterval;

    /**
     * @param nodeId          this node's id, for the poll leases
     * @param pollInterval    how often the runtime polls
     * @param initialLookback how far back the very first poll of a desk reads
     */
    public DeskSync(SupportContext ctx, String nodeId, Duration pollInterval, Duration initialLookback) {
        this.ctx = ctx;
        this.nodeId = nodeId;
        this.pollInterval = pollInterval;
        for (SupportDesk desk : ctx.desks().all()) {
            DeskImport i = new DeskImport(ctx, desk);
            imports.put(desk.name(), i);
            pollers.put(desk.name(), new DeskPolling(ctx, i, initialLookback));
        }
    }

    /** See {@link org.entsupport.core.Support#syncDesks}. */
    public int syncDesks() {
        int changed = 0;
        for (DeskPolling poller : pollers.values()) {
            changed += Math.max(0, poller.poll(nodeId, LEASE_MARGIN.plus(pollInterval)));
        }
        if (changed > 0) {
            ctx.afterCommit().run();
        }
        return changed;
    }

    /** See {@link org.entsupport.core.Support#syncTicket}. */
    public Ticket syncTicket(Actor actor, long ticketId) {
        Objects.requireNonNull(actor, "actor");
        Ticket t = read(actor, ticketId);
        if (!actor.platformAdmin()) {
            throw new AccessDeniedException(
                    actor.userId(), "synchronise ticket " + ticketId + " with the desk", "only platform admins may");
        }
        Escalation e = t.escalation();
        String deskName = e == null ? null : e.desk();
        String externalId = e == null ? null : e.externalId();
        DeskImport i = deskName == null ? null : imports.get(deskName);
        if (i == null || deskName == null || externalId == null) {
            throw new EscalationNotAllowedException(
                    t.id(),
                    t.status(),
                    t.escalationStatus(),
                    "it has no issue on a configured support desk",
                    "escalation.no-desk");
        }
        try {
            i.apply(i.desk().changesOf(externalId));
        } catch (IssueGoneException gone) {
            new DeskGone(ctx, i.desk()).apply(gone.gone());
        } catch (DeskException ex) {
            throw new DeskUnavailableException(deskName, ticketId, ex.retryable(), ex);
        }
        ctx.afterCommit().run();
        return read(actor, ticketId);
    }

    /** See {@link org.entsupport.core.Support#applyDeskChanges}. */
    public boolean applyDeskChanges(String deskName, IssueChanges changes) {
        Objects.requireNonNull(deskName, "deskName");
        Objects.requireNonNull(changes, "changes");
        DeskImport i = imports.get(deskName);
        if (i == null) {
            throw new IllegalArgumentException(
                    "no support desk is named '" + deskName + "' (known: " + imports.keySet() + ")");
        }
        boolean changed = i.apply(changes);
        ctx.afterCommit().run();
        return changed;
    }

    private Ticket read(Actor actor, long ticketId) {
        return ctx.store().inTransaction(tx -> SupportContext.visible(tx.findTicket(ticketId), actor, ticketId));
    }
}

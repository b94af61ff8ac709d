package org.entsupport.core.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.entsupport.core.desk.DeskChanges;
import org.entsupport.core.desk.DeskException;
import org.entsupport.core.desk.IssueChanges;
import org.entsupport.core.desk.IssueGone;
import org.entsupport.core.desk.IssueGoneException;
import org.entsupport.core.desk.SupportDesk;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.spi.DeskSyncStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one desk, on the node that holds its lease: first the issues whose import failed before, then
 * everything changed since the persisted cursor (never an in-memory one). One failing issue blocks neither
 * the others nor the cursor: it is marked and read again on the next poll.
 */
final class DeskPolling {

    private static final Logger LOG = LoggerFactory.getLogger(DeskPolling.class);
    private static final int RESYNC_BATCH = 50;

    private final SupportContext ctx;
    private final DeskImport imports;
    private final Duration initialLookback;
    private final DeskGone gone;
    /** When this node last asked the desk which followed issues are gone; most desks never say it unasked. */
    private @Nullable Instant lastGoneCheck;

    /**
     * @param initialLookback how far back the very first poll of the desk reads
     */
    DeskPolling(SupportContext ctx, DeskImport imports, Duration initialLookback) {
        this.ctx = ctx;
        this.imports = imports;
        this.initialLookback = initialLookback;
        this.gone = new DeskGone(ctx, imports.desk());
    }

    /** How often a node asks the desk which of the followed issues are gone. */
    static final Duration GONE_CHECK_INTERVAL = Duration.ofHours(1);

    private static final int GONE_BATCH = 100;

    /**
     * Asks the desk, at most every {@link #GONE_CHECK_INTERVAL}, which issues of the followed escalations are
     * gone, and ends those escalations.
     *
     * @return how many escalations ended
     */
    private int checkGone(Instant now) {
        if (lastGoneCheck != null && now.isBefore(lastGoneCheck.plus(GONE_CHECK_INTERVAL))) {
            return 0;
        }
        SupportDesk desk = imports.desk();
        int ended = 0;
        long after = 0;
        try {
            while (true) {
                long from = after;
                List<Ticket> page = ctx.store().inTransaction(tx -> tx.escalatedTo(desk.name(), from, GONE_BATCH));
                if (page.isEmpty()) {
                    break;
                }
                List<String> ids = page.stream()
                        .map(t -> Objects.requireNonNull(t.escalation()).externalId())
                        .filter(Objects::nonNull)
                        .toList();
                for (IssueGone g : desk.goneIssues(ids)) {
                    if (gone.apply(g)) {
                        ended++;
                    }
                }
                after = page.get(page.size() - 1).id();
            }
            lastGoneCheck = now;
        } catch (DeskException e) {
            LOG.warn("desk {}: could not check which issues are gone, will try again: {}", desk.name(), e.getMessage());
        }
        return ended;
    }

    /**
     * Polls the desk once if this node gets the lease; saves the new cursor.
     *
     * @param owner this node's id, for the lease
     * @param lease how long the lease holds if this node dies while polling
     * @return how many tickets changed, or -1 when another node holds the lease
     */
    int poll(String owner, Duration lease) {
        SupportDesk desk = imports.desk();
        DeskSyncStore sync = ctx.store().deskSync();
        Instant now = ctx.now();
        Optional<DeskSyncStore.SyncState> state = sync.acquire(desk.name(), owner, now, lease);
        if (state.isEmpty()) {
            LOG.debug("desk {}: another node polls it", desk.name());
            return -1;
        }
        int changed = 0;
        try {
            for (String externalId : sync.resyncBacklog(desk.name(), RESYNC_BATCH)) {
                try {
                    IssueChanges issue;
                    try {
                        issue = desk.changesOf(externalId);
                    } catch (IssueGoneException e) {
                        sync.resynced(desk.name(), externalId);
                        if (gone.apply(e.gone())) {
                            changed++;
                        }
                        continue;
                    }
                    // forgotten first: an import that leaves files to fetch puts the issue back
                    sync.resynced(desk.name(), externalId);
                    try {
                        if (imports.apply(issue)) {
                            changed++;
                        }
                    } catch (RuntimeException e) {
                        sync.markForResync(desk.name(), externalId, now);
                        throw e;
                    }
                } catch (Exception e) {
                    LOG.warn(
                            "desk {}: issue {} still fails to import, will try again: {}",
                            desk.name(),
                            externalId,
                            e.toString());
                }
            }
            String cursor =
                    state.get().cursor() != null ? state.get().cursor() : desk.cursorAt(now.minus(initialLookback));
            DeskChanges changes;
            try {
                changes = desk.changesSince(cursor);
            } catch (DeskException e) {
                LOG.warn(
                        "desk {}: poll failed ({}), the cursor is kept: {}",
                        desk.name(),
                        e.retryable() ? "retryable" : "permanent",
                        e.getMessage());
                return changed;
            }
            for (IssueChanges issue : changes.issues()) {
                try {
                    if (imports.apply(issue)) {
                        changed++;
                    }
                } catch (RuntimeException e) {
                    // one failing ticket blocks neither the others nor the cursor: read it again later
                    LOG.warn(
                            "desk {}: importing issue {} failed, it will be read again: {}",
                            desk.name(),
                            issue.externalId(),
                            e.toString());
                    sync.markForResync(desk.name(), issue.externalId(), now);
                }
            }
            for (IssueGone g : changes.gone()) {
                if (gone.apply(g)) {
                    changed++;
                }
            }
            changed += checkGone(now);
            if (!sync.saveCursor(desk.name(), owner, changes.nextCursor(), now)) {
                LOG.warn(
                        "desk {}: the poll lease was lost before the cursor was saved; the next poll reads again",
                        desk.name());
            }
            if (changed > 0) {
                LOG.info("desk {}: {} ticket(s) updated from the desk", desk.name(), changed);
            }
            return changed;
        } finally {
            sync.release(desk.name(), owner);
        }
    }
}

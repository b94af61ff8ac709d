package org.entsupport.core.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.entsupport.core.desk.DeskChanges;
import org.entsupport.core.desk.DeskException;
import org.entsupport.core.desk.IssueChanges;
import org.entsupport.core.desk.SupportDesk;
import org.entsupport.core.spi.DeskSyncStore;
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

    /**
     * @param initialLookback how far back the very first poll of the desk reads
     */
    DeskPolling(SupportContext ctx, DeskImport imports, Duration initialLookback) {
        this.ctx = ctx;
        this.imports = imports;
        this.initialLookback = initialLookback;
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
                    IssueChanges issue = desk.changesOf(externalId);
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

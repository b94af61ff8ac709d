package org.entsupport.jdbc.internal;

import static org.entsupport.jdbc.internal.schema.Tables.SUPPORT_DESK_RESYNC;
import static org.entsupport.jdbc.internal.schema.Tables.SUPPORT_DESK_SYNC;
import static org.entsupport.jdbc.internal.schema.Tables.SUPPORT_INSTALLATION;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.entsupport.core.desk.InstallationId;
import org.entsupport.core.spi.DeskSyncStore;

/**
 * The desk synchroniser's state on the store's database: one row per desk with its cursor and the
 * lease of the node that polls it (taken with a conditional update, so two nodes never both get it).
 */
final class JdbcDeskSyncStore implements DeskSyncStore {

    private final JdbcTicketStore store;

    JdbcDeskSyncStore(JdbcTicketStore store) {
        this.store = store;
    }

    @Override
    public Optional<SyncState> acquire(String desk, String owner, Instant now, Duration lease) {
        var s = SUPPORT_DESK_SYNC;
        // the row must exist before two nodes can compete for it with an update
        try {
            store.transact("create the sync state of desk " + desk, db -> {
                if (!db.fetchExists(s, s.DESK.eq(desk))) {
                    db.insertInto(s).set(s.DESK, desk).execute();
                }
                return null;
            });
        } catch (org.entsupport.core.StoreException e) {
            if (!Errors.isUniqueViolation(e)) {
                throw e;
            }
        }
        return store.transact("take the sync lease of desk " + desk, db -> {
            int taken = db.update(s)
                    .set(s.LEASE_OWNER, owner)
                    .set(s.LEASE_UNTIL, JdbcTicketStore.utc(now.plus(lease)))
                    .where(s.DESK.eq(desk)
                            .and(s.LEASE_OWNER
                                    .isNull()
                                    .or(s.LEASE_OWNER.eq(owner))
                                    .or(s.LEASE_UNTIL.le(JdbcTicketStore.utc(now)))))
                    .execute();
            if (taken == 0) {
                return Optional.<SyncState>empty();
            }
            var r = db.select(s.CURSOR_VALUE, s.LAST_POLL)
                    .from(s)
                    .where(s.DESK.eq(desk))
                    .fetchOne();
            return Optional.of(new SyncState(
                    r == null ? null : r.value1(), r == null ? null : JdbcTicketStore.instantOrNull(r.value2())));
        });
    }

    @Override
    public boolean saveCursor(String desk, String owner, String cursor, Instant now) {
        var s = SUPPORT_DESK_SYNC;
        return store.transact(
                        "save the cursor of desk " + desk,
                        db -> db.update(s)
                                .set(s.CURSOR_VALUE, cursor)
                                .set(s.LAST_POLL, JdbcTicketStore.utc(now))
                                .where(s.DESK.eq(desk).and(s.LEASE_OWNER.eq(owner)))
                                .execute())
                > 0;
    }

    @Override
    public void release(String desk, String owner) {
        var s = SUPPORT_DESK_SYNC;
        store.transact(
                "release the sync lease of desk " + desk,
                db -> db.update(s)
                        .setNull(s.LEASE_OWNER)
                        .setNull(s.LEASE_UNTIL)
                        .where(s.DESK.eq(desk).and(s.LEASE_OWNER.eq(owner)))
                        .execute());
    }

    @Override
    public InstallationId installation(InstallationId candidate) {
        var i = SUPPORT_INSTALLATION;
        // two nodes starting together may both insert: the loser reads the winner's id
        try {
            store.transact("store the installation id", db -> {
                if (!db.fetchExists(i)) {
                    db.insertInto(i)
                            .set(i.SINGLETON, (short) 1)
                            .set(i.INSTALLATION_ID, candidate.value())
                            .set(i.CREATED_AT, JdbcTicketStore.utc(Instant.now()))
                            .execute();
                }
                return null;
            });
        } catch (org.entsupport.core.StoreException e) {
            if (!Errors.isUniqueViolation(e)) {
                throw e;
            }
        }
        return store.transact(
                "read the installation id",
                db -> InstallationId.of(db.select(i.INSTALLATION_ID)
                        .from(i)
                        .where(i.SINGLETON.eq((short) 1))
                        .fetchSingle(i.INSTALLATION_ID)));
    }

    @Override
    public void markForResync(String desk, String externalId, Instant now) {
        var r = SUPPORT_DESK_RESYNC;
        store.transact("remember desk issue " + externalId, db -> {
            if (!db.fetchExists(r, r.DESK.eq(desk).and(r.EXTERNAL_ID.eq(externalId)))) {
                db.insertInto(r)
                        .set(r.DESK, desk)
                        .set(r.EXTERNAL_ID, externalId)
                        .set(r.SINCE, JdbcTicketStore.utc(now))
                        .execute();
            }
            return null;
        });
    }

    @Override
    public List<String> resyncBacklog(String desk, int limit) {
        var r = SUPPORT_DESK_RESYNC;
        return store.transact(
                "read the resync backlog of desk " + desk,
                db -> db.select(r.EXTERNAL_ID)
                        .from(r)
                        .where(r.DESK.eq(desk))
                        .orderBy(r.SINCE, r.EXTERNAL_ID)
                        .limit(limit)
                        .fetch(r.EXTERNAL_ID));
    }

    @Override
    public void resynced(String desk, String externalId) {
        var r = SUPPORT_DESK_RESYNC;
        store.transact(
                "forget desk issue " + externalId,
                db -> db.deleteFrom(r)
                        .where(r.DESK.eq(desk).and(r.EXTERNAL_ID.eq(externalId)))
                        .execute());
    }
}

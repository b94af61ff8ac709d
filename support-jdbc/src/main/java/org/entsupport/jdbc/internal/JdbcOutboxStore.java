package org.entsupport.jdbc.internal;

import static org.entsupport.jdbc.internal.schema.Tables.SUPPORT_OUTBOX;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.entsupport.core.outbox.OutboxDraft;
import org.entsupport.core.outbox.OutboxMessage;
import org.entsupport.core.outbox.OutboxState;
import org.entsupport.core.outbox.OutboxStore;
import org.entsupport.jdbc.Database;
import org.entsupport.jdbc.internal.schema.tables.records.SupportOutboxRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox on the store's database. Claims take rows with {@code FOR UPDATE SKIP LOCKED} (on H2,
 * which locks every matching row, claims are serial but never double) and lease them, so relays on
 * several nodes share one database without delivering a row twice at once.
 */
final class JdbcOutboxStore implements OutboxStore {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcOutboxStore.class);
    private static final short PENDING = 1;
    private static final short DELIVERED = 2;
    private static final short DEAD = 3;
    private static final int MAX_ERROR = 4_000;
    private static final Comparator<SupportOutboxRecord> CLAIM_ORDER =
            Comparator.comparing(SupportOutboxRecord::getDueAt).thenComparing(SupportOutboxRecord::getCreatedAt);

    private final JdbcTicketStore store;

    JdbcOutboxStore(JdbcTicketStore store) {
        this.store = store;
    }

    static void insert(DSLContext db, OutboxDraft d) {
        var o = SUPPORT_OUTBOX;
        db.insertInto(o)
                .set(o.ID, d.id().toString())
                .set(o.CHANNEL, d.channel())
                .set(o.KIND, d.kind())
                .set(o.TICKET_ID, d.ticketId())
                .set(o.PAYLOAD, d.payload())
                .set(o.CREATED_AT, JdbcTicketStore.utc(d.dueAt()))
                .set(o.DUE_AT, JdbcTicketStore.utc(d.dueAt()))
                .set(o.ATTEMPTS, 0)
                .set(o.STATE, PENDING)
                .execute();
    }

    private static OutboxState state(short code) {
        return switch (code) {
            case PENDING -> OutboxState.PENDING;
            case DELIVERED -> OutboxState.DELIVERED;
            default -> OutboxState.DEAD;
        };
    }

    private static OutboxMessage message(SupportOutboxRecord r) {
        return new OutboxMessage(
                UUID.fromString(r.getId()),
                r.getChannel(),
                r.getKind(),
                r.getTicketId(),
                r.getPayload(),
                r.getCreatedAt().toInstant(),
                r.getDueAt().toInstant(),
                r.getAttempts(),
                state(r.getState()),
                r.getLastError());
    }

    @Override
    public List<OutboxMessage> claimDue(Instant now, int limit, Duration lease, String owner, Set<String> channels) {
        if (channels.isEmpty()) {
            return List.of();
        }
        var o = SUPPORT_OUTBOX;
        // The channel filter goes with the claim index (state, due_at, created_at): the rows come in
        // claim order from the index and those of channels this node lacks are skipped, never taken.
        String[] names = channels.stream().sorted().toArray(String[]::new);
        return store.transact("claim outbox messages", db -> {
            Condition due = o.STATE
                    .eq(PENDING)
                    .and(store.database() == Database.POSTGRESQL ? o.CHANNEL.eq(DSL.any(names)) : o.CHANNEL.in(names))
                    .and(o.DUE_AT.le(JdbcTicketStore.utc(now)))
                    .and(o.LEASE_UNTIL.isNull().or(o.LEASE_UNTIL.le(JdbcTicketStore.utc(now))));
            List<SupportOutboxRecord> rows;
            if (store.database() == Database.POSTGRESQL) {
                // Without statistics (a new outbox, before autovacuum's first ANALYZE) the planner
                // expects a handful of pending rows and reads them all through a bitmap scan to sort
                // them (25 ms for 20,000 rows); the claim index already gives them in order.
                db.execute("SET LOCAL enable_bitmapscan = off");
                // One statement: lock the oldest free rows, skipping those other relays are claiming,
                // and lease them; RETURNING gives them back in no particular order.
                rows = new ArrayList<>(db.update(o)
                        .set(o.LEASE_OWNER, owner)
                        .set(o.LEASE_UNTIL, JdbcTicketStore.utc(now.plus(lease)))
                        .where(o.ID.in(DSL.select(o.ID)
                                .from(o)
                                .where(due)
                                .orderBy(o.DUE_AT, o.CREATED_AT)
                                .limit(limit)
                                .forUpdate()
                                .skipLocked()))
                        .returning()
                        .fetch());
                rows.sort(CLAIM_ORDER);
            } else {
                rows = db.selectFrom(o)
                        .where(due)
                        .orderBy(o.DUE_AT, o.CREATED_AT)
                        .limit(limit)
                        .forUpdate()
                        .skipLocked()
                        .fetch();
                if (rows.isEmpty()) {
                    return List.of();
                }
                String[] ids = rows.stream().map(SupportOutboxRecord::getId).toArray(String[]::new);
                db.update(o)
                        .set(o.LEASE_OWNER, owner)
                        .set(o.LEASE_UNTIL, JdbcTicketStore.utc(now.plus(lease)))
                        .where(o.ID.in(ids))
                        .execute();
            }
            LOG.debug("outbox: {} claimed {} message(s)", owner, rows.size());
            return rows.stream().map(JdbcOutboxStore::message).toList();
        });
    }

    private boolean settle(String what, java.util.function.Function<DSLContext, Integer> update) {
        return store.transact(what, update) > 0;
    }

    private static Condition held(UUID id, String owner) {
        var o = SUPPORT_OUTBOX;
        return o.ID.eq(id.toString()).and(o.LEASE_OWNER.eq(owner)).and(o.STATE.eq(PENDING));
    }

    private static String bounded(String error) {
        return error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR);
    }

    @Override
    public boolean markDelivered(UUID id, String owner) {
        var o = SUPPORT_OUTBOX;
        return settle(
                "mark an outbox message delivered",
                db -> db.update(o)
                        .set(o.STATE, DELIVERED)
                        .setNull(o.LEASE_OWNER)
                        .setNull(o.LEASE_UNTIL)
                        .where(held(id, owner))
                        .execute());
    }

    /**
     * One {@code UPDATE} for the whole batch. On PostgreSQL the ids are one array parameter
     * ({@code = ANY(?)}), so every batch size runs the same statement text and reuses its plan.
     */
    @Override
    public int markAllDelivered(Collection<UUID> ids, String owner) {
        if (ids.isEmpty()) {
            return 0;
        }
        var o = SUPPORT_OUTBOX;
        String[] keys = ids.stream().map(UUID::toString).toArray(String[]::new);
        return store.transact(
                "mark outbox messages delivered",
                db -> db.update(o)
                        .set(o.STATE, DELIVERED)
                        .setNull(o.LEASE_OWNER)
                        .setNull(o.LEASE_UNTIL)
                        .where(idIn(keys))
                        .and(o.LEASE_OWNER.eq(owner))
                        .and(o.STATE.eq(PENDING))
                        .execute());
    }

    /** The ids as one array parameter on PostgreSQL, an {@code IN} list elsewhere. */
    private Condition idIn(String[] keys) {
        var o = SUPPORT_OUTBOX;
        return store.database() == Database.POSTGRESQL ? o.ID.eq(DSL.any(keys)) : o.ID.in(keys);
    }

    @Override
    public boolean markRetry(UUID id, String owner, int attempts, Instant nextDue, String error) {
        var o = SUPPORT_OUTBOX;
        return settle(
                "schedule an outbox retry",
                db -> db.update(o)
                        .set(o.ATTEMPTS, attempts)
                        .set(o.DUE_AT, JdbcTicketStore.utc(nextDue))
                        .set(o.LAST_ERROR, bounded(error))
                        .setNull(o.LEASE_OWNER)
                        .setNull(o.LEASE_UNTIL)
                        .where(held(id, owner))
                        .execute());
    }

    @Override
    public boolean markDead(UUID id, String owner, int attempts, String error) {
        var o = SUPPORT_OUTBOX;
        return settle(
                "mark an outbox message dead",
                db -> db.update(o)
                        .set(o.STATE, DEAD)
                        .set(o.ATTEMPTS, attempts)
                        .set(o.LAST_ERROR, bounded(error))
                        .setNull(o.LEASE_OWNER)
                        .setNull(o.LEASE_UNTIL)
                        .where(held(id, owner))
                        .execute());
    }

    @Override
    public List<OutboxMessage> deadMessages(int limit) {
        var o = SUPPORT_OUTBOX;
        return store.transact(
                "list dead outbox messages",
                db -> db.selectFrom(o)
                        .where(o.STATE.eq(DEAD))
                        .orderBy(o.CREATED_AT, o.ID)
                        .limit(limit)
                        .fetch(JdbcOutboxStore::message));
    }

    @Override
    public boolean requeue(UUID id, Instant now) {
        var o = SUPPORT_OUTBOX;
        return store.transact(
                        "re-queue an outbox message",
                        db -> db.update(o)
                                .set(o.STATE, PENDING)
                                .set(o.ATTEMPTS, 0)
                                .set(o.DUE_AT, JdbcTicketStore.utc(now))
                                .setNull(o.LEASE_OWNER)
                                .setNull(o.LEASE_UNTIL)
                                .where(o.ID.eq(id.toString()).and(o.STATE.eq(DEAD)))
                                .execute())
                > 0;
    }

    @Override
    public Optional<OutboxMessage> find(UUID id) {
        var o = SUPPORT_OUTBOX;
        return store.transact(
                "read an outbox message",
                db -> db.selectFrom(o).where(o.ID.eq(id.toString())).fetchOptional(JdbcOutboxStore::message));
    }

    @Override
    public long pendingCount() {
        var o = SUPPORT_OUTBOX;
        return store.transact("count pending outbox messages", db -> (long) db.fetchCount(o, o.STATE.eq(PENDING)));
    }

    @Override
    public int purgeDelivered(Instant before, int limit) {
        var o = SUPPORT_OUTBOX;
        return store.transact("purge delivered outbox messages", db -> {
            // Two short statements rather than one DELETE ... LIMIT (which MariaDB refuses in a
            // sub-query): the oldest delivered rows, skipping any row another node is purging.
            String[] ids = db.select(o.ID)
                    .from(o)
                    .where(o.STATE.eq(DELIVERED).and(o.CREATED_AT.lt(JdbcTicketStore.utc(before))))
                    .orderBy(o.CREATED_AT)
                    .limit(limit)
                    .forUpdate()
                    .skipLocked()
                    .fetch(o.ID)
                    .toArray(String[]::new);
            if (ids.length == 0) {
                return 0;
            }
            return db.deleteFrom(o).where(idIn(ids)).and(o.STATE.eq(DELIVERED)).execute();
        });
    }

    @Override
    public boolean purgeDead(UUID id) {
        var o = SUPPORT_OUTBOX;
        return store.transact(
                        "purge a dead outbox message",
                        db -> db.deleteFrom(o)
                                .where(o.ID.eq(id.toString()).and(o.STATE.eq(DEAD)))
                                .execute())
                > 0;
    }
}

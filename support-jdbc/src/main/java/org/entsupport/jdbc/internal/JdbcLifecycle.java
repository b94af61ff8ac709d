package org.entsupport.jdbc.internal;

import static org.entsupport.jdbc.internal.schema.Tables.SUPPORT_ATTACHMENTS;
import static org.entsupport.jdbc.internal.schema.Tables.SUPPORT_COMMENTS;
import static org.entsupport.jdbc.internal.schema.Tables.SUPPORT_DESK_FILES;
import static org.entsupport.jdbc.internal.schema.Tables.SUPPORT_DESK_RESYNC;
import static org.entsupport.jdbc.internal.schema.Tables.SUPPORT_EVENTS;
import static org.entsupport.jdbc.internal.schema.Tables.SUPPORT_FEED;
import static org.entsupport.jdbc.internal.schema.Tables.SUPPORT_IDEMPOTENCY;
import static org.entsupport.jdbc.internal.schema.Tables.SUPPORT_LIFECYCLE_KEY;
import static org.entsupport.jdbc.internal.schema.Tables.SUPPORT_LIFECYCLE_LOG;
import static org.entsupport.jdbc.internal.schema.Tables.SUPPORT_OUTBOX;
import static org.entsupport.jdbc.internal.schema.Tables.SUPPORT_TICKETS;
import static org.entsupport.jdbc.internal.schema.Tables.SUPPORT_TICKET_COUNTS;

import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.entsupport.core.DataKind;
import org.entsupport.core.LifecycleOperation;
import org.entsupport.core.model.Comment;
import org.entsupport.core.model.HistoryEvent;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketStatus;
import org.entsupport.core.spi.LifecycleLogEntry;
import org.entsupport.core.spi.LifecycleStore;
import org.entsupport.core.spi.PersonalFeedEntry;
import org.entsupport.core.spi.Pseudonym;
import org.entsupport.core.spi.SearchText;
import org.entsupport.core.spi.StoredAttachment;
import org.entsupport.core.spi.TicketPurge;
import org.entsupport.jdbc.Database;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SelectForUpdateStep;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * The {@link LifecycleStore} of the JDBC store: every method one short transaction of {@link JdbcTicketStore}
 * on the same database. Rows to change are locked ({@code FOR UPDATE}) before they are read, so that a
 * concurrent writer of the same row either finishes first or sees the change; the retention purge skips a
 * ticket another node is purging ({@code SKIP LOCKED} on PostgreSQL and MariaDB; on H2 it waits and then
 * finds the ticket gone). Thread-safe.
 */
public final class JdbcLifecycle implements LifecycleStore {

    /** Subjects stay within the narrowest column (MariaDB's VARCHAR(255)) after a longer name replaced one. */
    private static final int MAX_SUBJECT = 255;

    private final JdbcTicketStore store;

    /**
     * Creates the lifecycle store on the database of {@code store}.
     *
     * @param store the ticket store whose connections and transactions it shares
     */
    public JdbcLifecycle(JdbcTicketStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public Set<String> displayNames(String userId) {
        return store.transact("read the names of a user", db -> {
            Set<String> names = new TreeSet<>();
            var t = SUPPORT_TICKETS;
            var c = SUPPORT_COMMENTS;
            var f = SUPPORT_FEED;
            names.addAll(db.selectDistinct(t.OWNER_NAME)
                    .from(t)
                    .where(t.OWNER.eq(userId))
                    .fetch(t.OWNER_NAME));
            names.addAll(db.selectDistinct(c.AUTHOR_NAME)
                    .from(c)
                    .where(c.AUTHOR.eq(userId))
                    .fetch(c.AUTHOR_NAME));
            names.addAll(db.selectDistinct(f.ACTOR_NAME)
                    .from(f)
                    .where(f.ACTOR_ID.eq(userId))
                    .fetch(f.ACTOR_NAME));
            return names;
        });
    }

    @Override
    public int anonymise(Pseudonym p, DataKind kind, int limit) {
        return switch (kind) {
            case TICKETS -> store.transact("anonymise tickets", db -> anonymiseTickets(db, p, limit));
            case COMMENTS -> store.transact("anonymise comments", db -> anonymiseComments(db, p, limit));
            case EVENTS -> store.transact("anonymise events", db -> anonymiseEvents(db, p, limit));
            case FEED_ENTRIES -> store.transact("anonymise feed entries", db -> anonymiseFeed(db, p, limit));
            default -> throw new IllegalArgumentException("cannot anonymise " + kind + " in place");
        };
    }

    private static int anonymiseTickets(DSLContext db, Pseudonym p, int limit) {
        var t = SUPPORT_TICKETS;
        // the keys their retries were told apart by name them: forgotten with the first batch
        db.deleteFrom(SUPPORT_IDEMPOTENCY)
                .where(SUPPORT_IDEMPOTENCY.ACTOR.eq(p.userId()))
                .execute();
        List<Ticket> due = db.select(JdbcTicketStore.TICKET_COLUMNS)
                .from(t)
                .where(t.OWNER.eq(p.userId()).or(t.ESCALATED_BY.eq(p.userId())))
                .orderBy(t.ID)
                .limit(limit)
                .forUpdate()
                .fetch(JdbcTicketStore::ticket);
        for (Ticket ticket : due) {
            var update = db.update(t).set(t.VERSION, t.VERSION.plus(1L));
            if (ticket.owner().equals(p.userId())) {
                String subject = cut(p.scrub(ticket.subject()), MAX_SUBJECT);
                String description = p.scrub(ticket.description());
                String html = ticket.descriptionHtml();
                update = update.set(t.OWNER, p.id())
                        .set(t.OWNER_NAME, p.displayName())
                        .set(t.SUBJECT, subject)
                        .set(t.DESCRIPTION, description)
                        .set(t.DESCRIPTION_HTML, html == null ? null : p.scrubHtml(html))
                        .set(t.SEARCH_TEXT, SearchText.document(subject, description, p.displayName()));
            }
            if (ticket.escalation() != null && ticket.escalation().escalatedBy().equals(p.userId())) {
                update = update.set(t.ESCALATED_BY, p.id());
            }
            update.where(t.ID.eq(ticket.id())).execute();
        }
        return due.size();
    }

    private static String cut(String text, int codePoints) {
        if (text.codePointCount(0, text.length()) <= codePoints) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, codePoints));
    }

    private static int anonymiseComments(DSLContext db, Pseudonym p, int limit) {
        var c = SUPPORT_COMMENTS;
        var rows = db.select(c.ID, c.BODY, c.BODY_HTML)
                .from(c)
                .where(c.AUTHOR.eq(p.userId()))
                .orderBy(c.ID)
                .limit(limit)
                .forUpdate()
                .fetch();
        for (var r : rows) {
            String html = r.get(c.BODY_HTML);
            db.update(c)
                    .set(c.AUTHOR, p.id())
                    .set(c.AUTHOR_NAME, p.displayName())
                    .set(c.BODY, p.scrub(r.get(c.BODY)))
                    .set(c.BODY_HTML, html == null ? null : p.scrubHtml(html))
                    .where(c.ID.eq(r.get(c.ID)))
                    .execute();
        }
        return rows.size();
    }

    private static int anonymiseEvents(DSLContext db, Pseudonym p, int limit) {
        var e = SUPPORT_EVENTS;
        var rows = db.select(e.ID, e.PARAMETERS)
                .from(e)
                .where(e.ACTOR.eq(p.userId()))
                .orderBy(e.ID)
                .limit(limit)
                .forUpdate()
                .fetch();
        for (var r : rows) {
            db.update(e)
                    .set(e.ACTOR, p.id())
                    .set(e.PARAMETERS, scrubParameters(p, r.get(e.PARAMETERS)))
                    .where(e.ID.eq(r.get(e.ID)))
                    .execute();
        }
        return rows.size();
    }

    private static String scrubParameters(Pseudonym p, String json) {
        Map<String, String> scrubbed = new HashMap<>();
        Json.read(json).forEach((k, v) -> scrubbed.put(k, v.equals(p.userId()) ? p.id() : p.scrub(v)));
        return Json.write(scrubbed);
    }

    private static int anonymiseFeed(DSLContext db, Pseudonym p, int limit) {
        var f = SUPPORT_FEED;
        var rows = db.select(f.ID, f.RECIPIENT, f.ACTOR_ID, f.PARAMETERS)
                .from(f)
                .where(f.RECIPIENT.eq(p.userId()).or(f.ACTOR_ID.eq(p.userId())))
                .orderBy(f.ID)
                .limit(limit)
                .forUpdate()
                .fetch();
        for (var r : rows) {
            var update = db.update(f).set(f.PARAMETERS, scrubParameters(p, r.get(f.PARAMETERS)));
            if (r.get(f.RECIPIENT).equals(p.userId())) {
                update = update.set(f.RECIPIENT, p.id());
            }
            if (r.get(f.ACTOR_ID).equals(p.userId())) {
                update = update.set(f.ACTOR_ID, p.id()).set(f.ACTOR_NAME, p.displayName());
            }
            update.where(f.ID.eq(r.get(f.ID))).execute();
        }
        return rows.size();
    }

    @Override
    public OutboxBatch anonymiseOutbox(
            Pseudonym p, java.util.function.UnaryOperator<String> rewrite, String afterId, int limit) {
        var o = SUPPORT_OUTBOX;
        return store.transact("anonymise outbox messages", db -> {
            var rows = db.select(o.ID, o.PAYLOAD)
                    .from(o)
                    .where(o.ID.gt(afterId).and(o.PAYLOAD.contains(p.userId())))
                    .orderBy(o.ID)
                    .limit(limit)
                    .forUpdate()
                    .fetch();
            int changed = 0;
            String last = afterId;
            for (var r : rows) {
                last = r.get(o.ID);
                String payload = rewrite.apply(r.get(o.PAYLOAD));
                if (!payload.equals(r.get(o.PAYLOAD))) {
                    db.update(o).set(o.PAYLOAD, payload).where(o.ID.eq(last)).execute();
                    changed++;
                }
            }
            return new OutboxBatch(rows.size(), changed, last);
        });
    }

    @Override
    public List<Ticket> ticketsOwnedBy(String userId, long afterId, int limit) {
        var t = SUPPORT_TICKETS;
        return store.transact(
                "read a user's tickets",
                db -> db.select(JdbcTicketStore.TICKET_COLUMNS)
                        .from(t)
                        .where(t.OWNER.eq(userId).and(t.ID.gt(afterId)))
                        .orderBy(t.ID)
                        .limit(limit)
                        .fetch(JdbcTicketStore::ticket));
    }

    @Override
    public List<Comment> commentsBy(String userId, long afterId, int limit) {
        var c = SUPPORT_COMMENTS;
        return store.transact(
                "read a user's comments",
                db -> db.selectFrom(c)
                        .where(c.AUTHOR.eq(userId).and(c.ID.gt(afterId)))
                        .orderBy(c.ID)
                        .limit(limit)
                        .fetch(JdbcTicketStore::comment));
    }

    @Override
    public List<HistoryEvent> eventsBy(String userId, long afterId, int limit) {
        var e = SUPPORT_EVENTS;
        return store.transact(
                "read a user's events",
                db -> db.selectFrom(e)
                        .where(e.ACTOR.eq(userId).and(e.ID.gt(afterId)))
                        .orderBy(e.ID)
                        .limit(limit)
                        .fetch(JdbcTicketStore::event));
    }

    @Override
    public List<StoredAttachment> attachmentsBy(String userId, long afterId, int limit) {
        var a = SUPPORT_ATTACHMENTS;
        return store.transact(
                "read a user's attachments",
                db -> db.selectFrom(a)
                        .where(a.UPLOADER.eq(userId).and(a.ID.gt(afterId)))
                        .orderBy(a.ID)
                        .limit(limit)
                        .fetch(r -> new StoredAttachment(JdbcTicketStore.attachment(r), r.getStorageKey())));
    }

    @Override
    public List<PersonalFeedEntry> feedEntries(String userId, long afterId, int limit) {
        var f = SUPPORT_FEED;
        return store.transact(
                "read a user's feed entries",
                db -> db.selectFrom(f)
                        .where(f.RECIPIENT.eq(userId).or(f.ACTOR_ID.eq(userId)).and(f.ID.gt(afterId)))
                        .orderBy(f.ID)
                        .limit(limit)
                        .fetch(r -> new PersonalFeedEntry(
                                r.getId(),
                                r.getRecipient(),
                                r.getType(),
                                r.getTicketId(),
                                r.getActorId(),
                                r.getActorName(),
                                r.getOccurredAt().toInstant(),
                                Json.read(r.getParameters()),
                                JdbcTicketStore.instantOrNull(r.getReadAt()))));
    }

    @Override
    public int deleteAttachments(Collection<Long> attachmentIds) {
        if (attachmentIds.isEmpty()) {
            return 0;
        }
        var a = SUPPORT_ATTACHMENTS;
        var t = SUPPORT_TICKETS;
        return store.transact("delete attachments", db -> {
            Map<Long, Integer> perTicket = db.select(a.TICKET_ID, DSL.count())
                    .from(a)
                    .where(a.ID.in(attachmentIds))
                    .groupBy(a.TICKET_ID)
                    .orderBy(a.TICKET_ID)
                    .fetchMap(r -> r.value1(), r -> r.value2());
            int deleted = db.deleteFrom(a).where(a.ID.in(attachmentIds)).execute();
            for (Map.Entry<Long, Integer> e : perTicket.entrySet()) {
                db.update(t)
                        .set(t.ATTACHMENT_COUNT, DSL.greatest(t.ATTACHMENT_COUNT.minus(e.getValue()), DSL.inline(0)))
                        .where(t.ID.eq(e.getKey()))
                        .execute();
            }
            return deleted;
        });
    }

    @Override
    public List<Long> closedBefore(Instant cutoff, int limit) {
        var t = SUPPORT_TICKETS;
        return store.transact(
                "find expired tickets",
                db -> db.select(t.ID)
                        .from(t)
                        .where(t.STATUS
                                .eq((short) TicketStatus.CLOSED.code())
                                .and(t.STATUS_CHANGED.le(JdbcTicketStore.utc(cutoff))))
                        .orderBy(t.STATUS_CHANGED, t.ID)
                        .limit(limit)
                        .fetch(t.ID));
    }

    @Override
    public Optional<TicketPurge> purgeTicket(long ticketId, @Nullable Instant closedBefore) {
        return store.transact("purge ticket " + ticketId, db -> purge(db, ticketId, closedBefore));
    }

    private Optional<TicketPurge> purge(DSLContext db, long ticketId, @Nullable Instant closedBefore) {
        var t = SUPPORT_TICKETS;
        SelectForUpdateStep<? extends Record> select = db.select(
                        t.ID, t.SCHOOL, t.STATUS, t.STATUS_CHANGED, t.DESK, t.DESK_ISSUE_ID)
                .from(t)
                .where(t.ID.eq(ticketId));
        // another node purging the same ticket holds its lock: leave it to them rather than wait
        Record ticket = closedBefore != null && store.database() != Database.H2
                ? select.forUpdate().skipLocked().fetchOne()
                : select.forUpdate().fetchOne();
        if (ticket == null) {
            return Optional.empty();
        }
        if (closedBefore != null
                && (ticket.get(t.STATUS) != (short) TicketStatus.CLOSED.code()
                        || ticket.get(t.STATUS_CHANGED).toInstant().isAfter(closedBefore))) {
            return Optional.empty(); // reopened, or closed again later, since it was picked
        }
        Map<DataKind, Integer> rows = new EnumMap<>(DataKind.class);
        var a = SUPPORT_ATTACHMENTS;
        List<String> keys =
                db.select(a.STORAGE_KEY).from(a).where(a.TICKET_ID.eq(ticketId)).fetch(a.STORAGE_KEY);
        rows.put(
                DataKind.ATTACHMENTS,
                db.deleteFrom(a).where(a.TICKET_ID.eq(ticketId)).execute());
        var c = SUPPORT_COMMENTS;
        rows.put(
                DataKind.COMMENTS,
                db.deleteFrom(c).where(c.TICKET_ID.eq(ticketId)).execute());
        var e = SUPPORT_EVENTS;
        rows.put(
                DataKind.EVENTS,
                db.deleteFrom(e).where(e.TICKET_ID.eq(ticketId)).execute());
        var f = SUPPORT_FEED;
        rows.put(
                DataKind.FEED_ENTRIES,
                db.deleteFrom(f).where(f.TICKET_ID.eq(ticketId)).execute());
        var o = SUPPORT_OUTBOX;
        rows.put(
                DataKind.OUTBOX_MESSAGES,
                db.deleteFrom(o).where(o.TICKET_ID.eq(ticketId)).execute());
        var df = SUPPORT_DESK_FILES;
        int links = db.deleteFrom(df).where(df.TICKET_ID.eq(ticketId)).execute();
        String desk = ticket.get(t.DESK);
        String issue = ticket.get(t.DESK_ISSUE_ID);
        if (desk != null && issue != null) {
            var rs = SUPPORT_DESK_RESYNC;
            links += db.deleteFrom(rs)
                    .where(rs.DESK.eq(desk).and(rs.EXTERNAL_ID.eq(issue)))
                    .execute();
        }
        rows.put(DataKind.DESK_LINKS, links);
        var n = SUPPORT_TICKET_COUNTS;
        db.update(n)
                .set(n.N, n.N.minus(1L))
                .where(n.SCHOOL.eq(ticket.get(t.SCHOOL)).and(n.STATUS.eq(ticket.get(t.STATUS))))
                .execute();
        rows.put(DataKind.TICKETS, db.deleteFrom(t).where(t.ID.eq(ticketId)).execute());
        return Optional.of(new TicketPurge(rows, keys));
    }

    @Override
    public Set<String> referencedStorageKeys(Collection<String> storageKeys) {
        if (storageKeys.isEmpty()) {
            return Set.of();
        }
        var a = SUPPORT_ATTACHMENTS;
        return store.transact(
                "find referenced attachment content",
                db -> Set.copyOf(db.selectDistinct(a.STORAGE_KEY)
                        .from(a)
                        .where(a.STORAGE_KEY.in(storageKeys))
                        .fetch(a.STORAGE_KEY)));
    }

    @Override
    public void appendLog(LifecycleLogEntry entry) {
        var l = SUPPORT_LIFECYCLE_LOG;
        String details = new java.util.TreeMap<>(entry.rows())
                .entrySet().stream()
                        .map(e -> e.getKey().name() + "=" + e.getValue())
                        .collect(Collectors.joining(","));
        store.transact(
                "write the lifecycle log",
                db -> db.insertInto(l)
                        .set(l.OPERATION, entry.operation().code())
                        .set(l.ACTOR, entry.actor())
                        .set(l.OCCURRED_AT, JdbcTicketStore.utc(entry.at()))
                        .set(l.ROW_COUNT, entry.total())
                        .set(l.DETAILS, details)
                        .execute());
    }

    @Override
    public List<LifecycleLogEntry> log(int limit) {
        var l = SUPPORT_LIFECYCLE_LOG;
        return store.transact(
                "read the lifecycle log",
                db -> db.selectFrom(l)
                        .orderBy(l.ID.desc())
                        .limit(limit)
                        .fetch(r -> new LifecycleLogEntry(
                                LifecycleOperation.fromCode(r.getOperation())
                                        .orElseThrow(() -> new IllegalStateException(
                                                "unknown lifecycle operation " + r.getOperation())),
                                r.getActor(),
                                r.getOccurredAt().toInstant(),
                                details(r.getDetails()))));
    }

    private static Map<DataKind, Integer> details(String text) {
        Map<DataKind, Integer> rows = new LinkedHashMap<>();
        if (text.isEmpty()) {
            return rows;
        }
        for (String part : text.split(",")) {
            String[] kv = part.split("=", 2);
            rows.put(DataKind.valueOf(kv[0]), Integer.parseInt(kv[1]));
        }
        return rows;
    }

    @Override
    public String pseudonymSecret(String candidate) {
        var k = SUPPORT_LIFECYCLE_KEY;
        return store.transact("read the key of anonymised ids", db -> {
            var insert = db.insertInto(k)
                    .set(k.SINGLETON, (short) 1)
                    .set(k.SECRET, candidate)
                    .set(k.CREATED_AT, JdbcTicketStore.utc(Instant.now()));
            if (store.database() == Database.MARIADB) {
                insert.onDuplicateKeyUpdate().set(k.SINGLETON, k.SINGLETON).execute();
            } else {
                insert.onConflict(k.SINGLETON).doNothing().execute();
            }
            return db.select(k.SECRET).from(k).where(k.SINGLETON.eq((short) 1)).fetchSingle(k.SECRET);
        });
    }
}

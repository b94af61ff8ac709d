package org.entsupport.jdbc.internal;

import static org.entsupport.jdbc.internal.schema.Tables.SUPPORT_FEED;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.entsupport.core.StoreException;
import org.entsupport.jdbc.Database;
import org.entsupport.jdbc.FeedEntry;
import org.entsupport.jdbc.internal.schema.tables.records.SupportFeedRecord;
import org.entsupport.notify.Notification;
import org.entsupport.notify.NotificationType;
import org.entsupport.notify.Recipient;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The news feed's rows in {@code support_feed}: one per (recipient, notification), written once
 * whatever the number of deliveries, read newest first by keyset on {@code (recipient, id)}.
 * Every method runs in a transaction of its own and throws {@link StoreException} on failure.
 * Thread-safe.
 */
public final class JdbcNewsFeedStore {

    /** The widths of the bounded columns of {@code support_feed}, checked before writing. */
    public static final int MAX_ID_LENGTH = 255;

    /** The width of {@code support_feed.link}. */
    public static final int MAX_LINK_LENGTH = 2048;

    /** The width of {@code support_feed.ticket_number}. */
    public static final int MAX_TICKET_NUMBER_LENGTH = 64;

    private static final Logger LOG = LoggerFactory.getLogger(JdbcNewsFeedStore.class);

    private final JdbcTicketStore store;

    /**
     * Creates the feed's store on the database of {@code store}.
     *
     * @param store the ticket store whose connections and transactions the feed shares
     */
    public JdbcNewsFeedStore(JdbcTicketStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * Adds one unread entry per recipient of {@code n}, except for recipients who already have an
     * entry for it (a redelivery). Races between two deliveries of one notification are settled by
     * the unique key {@code (recipient, notification_id)}.
     *
     * @param n the notification
     * @throws StoreException when the database fails
     */
    public void insert(Notification n) {
        var f = SUPPORT_FEED;
        String parameters = Json.write(n.parameters());
        store.transact("add notification " + n.id() + " to the news feed", db -> {
            var insert = db.insertInto(
                    f,
                    f.RECIPIENT,
                    f.NOTIFICATION_ID,
                    f.TYPE,
                    f.TICKET_ID,
                    f.TICKET_NUMBER,
                    f.ACTOR_ID,
                    f.ACTOR_NAME,
                    f.SCHOOL,
                    f.OCCURRED_AT,
                    f.PARAMETERS,
                    f.LINK,
                    f.SCHOOL_NAME);
            for (Recipient r : n.recipients()) {
                insert = insert.values(
                        r.userId(),
                        n.id().toString(),
                        n.type().code(),
                        n.ticketId(),
                        n.ticketNumber(),
                        n.actorId(),
                        n.actorName(),
                        n.school(),
                        JdbcTicketStore.utc(n.occurredAt()),
                        parameters,
                        n.link(),
                        n.schoolName().orElse(null));
            }
            int added;
            if (store.database() == Database.MARIADB) {
                // INSERT IGNORE would also turn truncations and other errors into warnings
                added = insert.onDuplicateKeyUpdate().set(f.ID, f.ID).execute();
            } else {
                added = insert.onConflict(f.RECIPIENT, f.NOTIFICATION_ID)
                        .doNothing()
                        .execute();
            }
            return added;
        });
        LOG.debug(
                "news feed: notification {} ({}, ticket {}) stored for {} recipient(s)",
                n.id(),
                n.type().code(),
                n.ticketId(),
                n.recipients().size());
    }

    /**
     * Reads up to {@code limit} entries of {@code recipient}, newest first, older than {@code beforeId}
     * when given (keyset on the index {@code (recipient, id)}).
     *
     * @param recipient a user id
     * @param beforeId  the id of the last entry of the previous page, or {@code null} for the first page
     * @param limit     the most entries to read, positive
     * @return the entries
     */
    public List<FeedEntry> list(String recipient, @Nullable Long beforeId, int limit) {
        var f = SUPPORT_FEED;
        var where = f.RECIPIENT.eq(recipient);
        if (beforeId != null) {
            where = where.and(f.ID.lt(beforeId));
        }
        var condition = where;
        return store.transact(
                "list the news feed of " + recipient,
                db -> db.selectFrom(f)
                        .where(condition)
                        .orderBy(f.ID.desc())
                        .limit(limit)
                        .fetch(JdbcNewsFeedStore::entry));
    }

    /**
     * Counts the unread entries of {@code recipient} (index {@code (recipient, read_at)}).
     *
     * @param recipient a user id
     * @return the number of unread entries
     */
    public long unreadCount(String recipient) {
        var f = SUPPORT_FEED;
        return store.transact("count the unread news of " + recipient, db ->
                (long) db.fetchCount(f, f.RECIPIENT.eq(recipient).and(f.READ_AT.isNull())));
    }

    /**
     * Marks one entry of {@code recipient} read at {@code now}, unless it already is.
     *
     * @param recipient a user id
     * @param entryId   the entry's id
     * @param now       the time to record
     * @return whether {@code recipient} has an entry with that id (read now or before)
     */
    public boolean markRead(String recipient, long entryId, Instant now) {
        var f = SUPPORT_FEED;
        return store.transact("mark news feed entry " + entryId + " of " + recipient + " read", db -> {
            var own = f.ID.eq(entryId).and(f.RECIPIENT.eq(recipient));
            int changed = db.update(f)
                    .set(f.READ_AT, JdbcTicketStore.utc(now))
                    .where(own.and(f.READ_AT.isNull()))
                    .execute();
            // 0 rows: already read, someone else's, or absent; only the first is a success
            return changed > 0 || db.fetchExists(f, own);
        });
    }

    /**
     * Marks every unread entry of {@code recipient} read at {@code now}.
     *
     * @param recipient a user id
     * @param now       the time to record
     * @return how many entries were unread
     */
    public int markAllRead(String recipient, Instant now) {
        var f = SUPPORT_FEED;
        return store.transact(
                "mark the news feed of " + recipient + " read",
                db -> db.update(f)
                        .set(f.READ_AT, JdbcTicketStore.utc(now))
                        .where(f.RECIPIENT.eq(recipient).and(f.READ_AT.isNull()))
                        .execute());
    }

    /**
     * Deletes the entries of every recipient that occurred before {@code cutoff}, in transactions of
     * at most {@code batch} rows so that a large purge holds no long lock.
     *
     * @param cutoff entries strictly older than this go
     * @param batch  the most rows deleted per transaction, positive
     * @return how many entries were deleted
     */
    public long purgeOlderThan(Instant cutoff, int batch) {
        var f = SUPPORT_FEED;
        long total = 0;
        while (true) {
            int deleted = store.transact("purge news feed entries older than " + cutoff, db -> {
                List<Long> ids = db.select(f.ID)
                        .from(f)
                        .where(f.OCCURRED_AT.lt(JdbcTicketStore.utc(cutoff)))
                        .orderBy(f.OCCURRED_AT)
                        .limit(batch)
                        .fetch(f.ID);
                return ids.isEmpty() ? 0 : db.deleteFrom(f).where(f.ID.in(ids)).execute();
            });
            total += deleted;
            if (deleted < batch) {
                return total;
            }
        }
    }

    private static FeedEntry entry(SupportFeedRecord r) {
        NotificationType type = NotificationType.fromCode(r.getType())
                .orElseThrow(() -> new StoreException(
                        "News feed entry " + r.getId() + " of " + r.getRecipient()
                                + " has the unknown notification type '" + r.getType()
                                + "' (written by a newer version of the library?)",
                        null));
        String number = r.getTicketNumber() != null ? r.getTicketNumber() : Long.toString(r.getTicketId());
        return new FeedEntry(
                r.getId(),
                r.getRecipient(),
                UUID.fromString(r.getNotificationId()),
                type,
                r.getTicketId(),
                number,
                r.getActorId(),
                r.getActorName(),
                r.getSchool(),
                Optional.ofNullable(r.getSchoolName()),
                r.getOccurredAt().toInstant(),
                Json.read(r.getParameters()),
                r.getLink(),
                Optional.ofNullable(JdbcTicketStore.instantOrNull(r.getReadAt())));
    }
}

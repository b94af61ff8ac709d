package org.entsupport.jdbc;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.entsupport.core.Page;
import org.entsupport.core.StoreException;
import org.entsupport.core.ValidationException;
import org.entsupport.core.Violation;
import org.entsupport.jdbc.internal.JdbcNewsFeedStore;
import org.entsupport.notify.DeliveryException;
import org.entsupport.notify.Notification;
import org.entsupport.notify.Notifier;
import org.entsupport.notify.Recipient;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-app news feed ("fil de nouveautés"): a {@link Notifier} that keeps one entry per recipient of
 * every notification in the support database, and the API a host reads it with: a page of a user's
 * entries (newest first), their unread count, and marking entries read.
 *
 * <pre>{@code
 * SupportJdbc jdbc = SupportJdbc.builder().dataSource(hostDataSource).build();
 * NewsFeed feed = jdbc.newsFeed();
 * Support support = Support.builder().store(jdbc.store()).directory(directory)
 *         .notifier(feed).linkTemplate("https://ent.example/support#/ticket/{id}").build();
 * ...
 * long badge = feed.unreadCount(userId);
 * Page<FeedEntry> page = feed.list(userId, null, 20);     // then page.nextCursor() for older ones
 * page.items().forEach(e -> show(e.render(userLocale).subject(), e.link(), e.read()));
 * feed.markRead(userId, page.items().get(0).id());
 * }</pre>
 *
 * <h2>Per recipient</h2>
 * Each recipient of a notification gets an entry of their own, with its own read state: marking an
 * entry read changes nobody else's feed, and a user can only read and mark their own entries. Every
 * method takes the user id of the reader; checking that the caller really is that user is the host's
 * job, as for any other call into the library.
 *
 * <h2>As a notifier</h2>
 * Its {@linkplain #name() name} is {@value #NAME}. It {@linkplain Notifier#supports supports} every
 * notification type. The outbox relay calls {@link #deliver(Notification)} after the change has
 * committed; a redelivered notification (same {@link Notification#id()}) adds nothing, and leaves the
 * read state of existing entries alone. A database failure is a retryable {@link DeliveryException},
 * so the relay tries again with back-off.
 *
 * <h2>Storage</h2>
 * Entries live in table {@code support_feed} of the support database. They store the notification's
 * type, parameters and link, not rendered text: {@link FeedEntry#render(java.util.Locale)} renders an
 * entry in the reader's current language. The library never deletes entries by itself; a host that
 * wants to bound the table calls {@link #purgeOlderThan(Instant)} from its own scheduler.
 *
 * <p>Thread-safe. Obtained from {@link SupportJdbc#newsFeed()}; {@link #close()} does nothing, the
 * connections belong to the {@link SupportJdbc}.
 */
public final class NewsFeed implements Notifier {

    /** The {@linkplain #name() notifier name}, which keys the feed's outbox rows. */
    public static final String NAME = "news-feed";

    /** The largest page {@link #list(String, String, int)} returns. */
    public static final int MAX_PAGE_SIZE = 200;

    private static final Logger LOG = LoggerFactory.getLogger(NewsFeed.class);
    private static final String CURSOR_PREFIX = "feed1:";
    private static final int PURGE_BATCH = 1_000;

    private final JdbcNewsFeedStore store;
    private final Clock clock;

    NewsFeed(JdbcNewsFeedStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Returns {@value #NAME}. */
    @Override
    public String name() {
        return NAME;
    }

    /**
     * Adds an unread entry to the feed of every recipient of {@code notification}, in one transaction.
     * Recipients who already have an entry for this notification id (a redelivery) get nothing new.
     *
     * <p>Called by the outbox relay after the change has committed, on a relay thread, possibly
     * concurrently with other deliveries.
     *
     * @param notification what happened and who must hear of it
     * @throws DeliveryException retryable when the database fails; permanent when a value is longer
     *                           than its column: a recipient, actor or school id over 255 characters,
     *                           a ticket number over 64, a link over 2048
     */
    @Override
    public void deliver(Notification notification) throws DeliveryException {
        Objects.requireNonNull(notification, "notification");
        checkFits(notification);
        try {
            store.insert(notification);
        } catch (StoreException e) {
            throw DeliveryException.retryable(
                    NAME + " could not store notification " + notification.id() + " ("
                            + notification.type().code() + ", ticket " + notification.ticketId() + ") for "
                            + notification.recipients().size() + " recipient(s): " + e.getMessage(),
                    e);
        }
    }

    /**
     * A page of the feed of {@code userId}, newest entry first. Pages by keyset on the entry id, so an
     * entry that arrives while the user pages through neither shifts nor repeats the following pages.
     *
     * @param userId   the reader
     * @param cursor   {@code null} for the newest page, else the {@link Page#nextCursor()} of the
     *                 previous page
     * @param pageSize how many entries at most, 1 to {@value #MAX_PAGE_SIZE}
     * @return the page, with a cursor to the next one unless it is the last
     * @throws ValidationException      naming the field: {@code pageSize} out of range, or a {@code cursor}
     *                                  that was not issued by a news feed
     * @throws IllegalArgumentException when {@code userId} is blank
     * @throws StoreException           when the database fails
     */
    public Page<FeedEntry> list(String userId, @Nullable String cursor, int pageSize) {
        checkUser(userId);
        List<Violation> bad = new java.util.ArrayList<>();
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            bad.add(new Violation(
                    "pageSize",
                    "out-of-range",
                    "must be between 1 and " + MAX_PAGE_SIZE + ", but was " + pageSize,
                    List.of(1, MAX_PAGE_SIZE, pageSize)));
        }
        Long before = null;
        if (cursor != null) {
            before = decodeCursor(cursor);
            if (before == null) {
                bad.add(new Violation(
                        "cursor", "invalid", "must be a nextCursor returned by NewsFeed.list", List.of()));
            }
        }
        if (!bad.isEmpty()) {
            throw new ValidationException(bad);
        }
        List<FeedEntry> rows = store.list(userId, before, pageSize + 1);
        if (rows.size() <= pageSize) {
            return Page.last(rows);
        }
        List<FeedEntry> page = rows.subList(0, pageSize);
        return new Page<>(page, Optional.of(encodeCursor(page.get(pageSize - 1).id())));
    }

    /**
     * How many entries of {@code userId} are unread (for a badge).
     *
     * @param userId the reader
     * @return the number of unread entries, zero when the user has none
     * @throws IllegalArgumentException when {@code userId} is blank
     * @throws StoreException           when the database fails
     */
    public long unreadCount(String userId) {
        checkUser(userId);
        return store.unreadCount(userId);
    }

    /**
     * Marks one entry of {@code userId} read. An entry already read keeps its first read time.
     *
     * @param userId  the reader
     * @param entryId the {@link FeedEntry#id()} of one of their entries
     * @return {@code true} when {@code userId} has that entry (now read); {@code false} when no such
     *         entry exists or it belongs to someone else, which is left untouched
     * @throws IllegalArgumentException when {@code userId} is blank
     * @throws StoreException           when the database fails
     */
    public boolean markRead(String userId, long entryId) {
        checkUser(userId);
        boolean found = store.markRead(userId, entryId, clock.instant());
        LOG.debug("news feed: entry {} of {} marked read: {}", entryId, userId, found ? "yes" : "not found");
        return found;
    }

    /**
     * Marks every unread entry of {@code userId} read.
     *
     * @param userId the reader
     * @return how many entries were unread
     * @throws IllegalArgumentException when {@code userId} is blank
     * @throws StoreException           when the database fails
     */
    public int markAllRead(String userId) {
        checkUser(userId);
        int marked = store.markAllRead(userId, clock.instant());
        LOG.debug("news feed: {} entries of {} marked read", marked, userId);
        return marked;
    }

    /**
     * Deletes the entries of every user that occurred before {@code cutoff}, read or not, in batches of
     * 1,000 rows (one transaction each). The library never calls it: entries are kept
     * until the host purges them.
     *
     * @param cutoff entries that occurred strictly before this instant are deleted
     * @return how many entries were deleted
     * @throws StoreException when the database fails (batches already deleted stay deleted)
     */
    public long purgeOlderThan(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        long deleted = store.purgeOlderThan(cutoff, PURGE_BATCH);
        LOG.info("news feed: purged {} entries that occurred before {}", deleted, cutoff);
        return deleted;
    }

    /** Does nothing: the connections belong to the {@link SupportJdbc}. Idempotent. */
    @Override
    public void close() {}

    @Override
    public String toString() {
        return "NewsFeed[" + NAME + "]";
    }

    private static void checkUser(String userId) {
        Objects.requireNonNull(userId, "userId");
        if (userId.isBlank()) {
            throw new IllegalArgumentException("userId must not be blank");
        }
    }

    private static void checkFits(Notification n) throws DeliveryException {
        for (Recipient r : n.recipients()) {
            checkLength(n, "recipient user id", r.userId(), JdbcNewsFeedStore.MAX_ID_LENGTH);
        }
        checkLength(n, "actorId", n.actorId(), JdbcNewsFeedStore.MAX_ID_LENGTH);
        checkLength(n, "school", n.school(), JdbcNewsFeedStore.MAX_ID_LENGTH);
        checkLength(n, "ticketNumber", n.ticketNumber(), JdbcNewsFeedStore.MAX_TICKET_NUMBER_LENGTH);
        checkLength(n, "link", n.link(), JdbcNewsFeedStore.MAX_LINK_LENGTH);
    }

    private static void checkLength(Notification n, String what, String value, int max) throws DeliveryException {
        int length = value.codePointCount(0, value.length());
        if (length > max) {
            throw DeliveryException.permanent(
                    NAME + " cannot store notification " + n.id() + " ("
                            + n.type().code() + ", ticket " + n.ticketId() + "): its " + what + " has " + length
                            + " characters, more than the " + max + " the feed keeps",
                    null);
        }
    }

    private static String encodeCursor(long lastId) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((CURSOR_PREFIX + lastId).getBytes(StandardCharsets.UTF_8));
    }

    /** The entry id a cursor of this feed names, or {@code null} for anything else. */
    private static @Nullable Long decodeCursor(String cursor) {
        if (cursor.length() > 64) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith(CURSOR_PREFIX)) {
                long id = Long.parseLong(text.substring(CURSOR_PREFIX.length()));
                if (id > 0) {
                    return id;
                }
            }
        } catch (IllegalArgumentException e) {
            // not Base64, or not a number: reported below like any other foreign cursor
        }
        return null;
    }
}

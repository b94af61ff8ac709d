package org.entsupport.http;

import java.util.Locale;
import org.entsupport.core.Page;
import org.jspecify.annotations.Nullable;

/**
 * The in-app news feed behind {@code GET /api/v1/feed} and {@code POST /api/v1/feed/read}. support-jdbc's
 * feed plugs in through {@link org.entsupport.http.jdbc.NewsFeedSource}; a host with its own feed
 * implements this port. Without one, the feed routes answer 404.
 *
 * <p>Called on the request's thread; a library exception it throws is mapped like any other (a bad cursor
 * must be a {@link org.entsupport.core.ValidationException} on the field {@code cursor}).
 */
public interface FeedSource {

    /**
     * A page of {@code userId}'s feed, newest first.
     *
     * @param userId the reader
     * @param cursor {@code null} for the newest page, else the {@link Page#nextCursor()} of the previous one
     * @param limit  1..200 entries
     * @param locale the reader's language, for {@link FeedItem#title()}
     * @return the page, with the cursor of the next one unless it is the last
     */
    Page<FeedItem> list(String userId, @Nullable String cursor, int limit, Locale locale);

    /**
     * How many entries of {@code userId} are unread.
     *
     * @param userId the reader
     * @return how many of their entries are unread
     */
    long unreadCount(String userId);

    /**
     * Marks one of {@code userId}'s entries read.
     *
     * @param userId  the reader
     * @param entryId the entry
     * @return {@code false} when they have no such entry
     */
    boolean markRead(String userId, long entryId);

    /**
     * Marks every entry of {@code userId} read.
     *
     * @param userId the reader
     * @return how many were unread
     */
    int markAllRead(String userId);
}

package org.entsupport.http.jdbc;

import java.util.Locale;
import java.util.Objects;
import org.entsupport.core.Page;
import org.entsupport.core.ValidationException;
import org.entsupport.http.FeedItem;
import org.entsupport.http.FeedSource;
import org.entsupport.jdbc.FeedEntry;
import org.entsupport.jdbc.NewsFeed;
import org.jspecify.annotations.Nullable;

/**
 * support-jdbc's {@link NewsFeed} as the API's {@link FeedSource}.
 *
 * <pre>{@code
 * SupportHttp api = SupportHttp.builder(support, actors).feed(NewsFeedSource.of(jdbc.newsFeed())).build();
 * }</pre>
 */
public final class NewsFeedSource implements FeedSource {

    private final NewsFeed feed;

    private NewsFeedSource(NewsFeed feed) {
        this.feed = feed;
    }

    /**
     * Serves {@code feed}.
     *
     * @param feed the news feed of support-jdbc
     * @return a feed source over {@code feed}
     */
    public static NewsFeedSource of(NewsFeed feed) {
        return new NewsFeedSource(Objects.requireNonNull(feed, "feed"));
    }

    /** {@inheritDoc} A cursor the feed did not issue is a {@link ValidationException} on {@code cursor}. */
    @Override
    public Page<FeedItem> list(String userId, @Nullable String cursor, int limit, Locale locale) {
        Page<FeedEntry> page = feed.list(userId, cursor, limit);
        return new Page<>(page.items().stream().map(e -> item(e, locale)).toList(), page.nextCursor());
    }

    private static FeedItem item(FeedEntry e, Locale locale) {
        return new FeedItem(
                e.id(),
                e.type().code(),
                e.ticketId(),
                e.render(locale).subject(),
                e.actorName(),
                e.occurredAt(),
                e.link(),
                e.read());
    }

    @Override
    public long unreadCount(String userId) {
        return feed.unreadCount(userId);
    }

    @Override
    public boolean markRead(String userId, long entryId) {
        return feed.markRead(userId, entryId);
    }

    @Override
    public int markAllRead(String userId) {
        return feed.markAllRead(userId);
    }
}

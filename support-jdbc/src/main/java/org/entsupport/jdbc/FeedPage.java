package org.entsupport.jdbc;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a user's {@linkplain NewsFeed news feed}, newest entry first.
 *
 * <pre>{@code
 * FeedPage page = feed.list(userId, null, 20);
 * while (true) {
 *     page.entries().forEach(this::show);
 *     if (page.nextCursor().isEmpty()) break;
 *     page = feed.list(userId, page.nextCursor().get(), 20);
 * }
 * }</pre>
 *
 * @param entries    the entries of this page, newest first; at most the requested page size
 * @param nextCursor an opaque cursor that gives the following (older) page when passed to
 *                   {@link NewsFeed#list(String, String, int)}; empty on the last page
 */
public record FeedPage(List<FeedEntry> entries, Optional<String> nextCursor) {

    /**
     * Checks that no component is null and copies the entries.
     *
     * @param entries the entries of this page, newest first; at most the requested page size
     * @param nextCursor an opaque cursor that gives the following (older) page when passed to {@link
     *         NewsFeed#list(String, String, int)}; empty on the last page
     */
    public FeedPage {
        entries = List.copyOf(Objects.requireNonNull(entries, "entries"));
        Objects.requireNonNull(nextCursor, "nextCursor");
    }

    /**
     * Whether older entries follow this page.
     *
     * @return whether older entries follow this page
     */
    public boolean hasMore() {
        return nextCursor.isPresent();
    }
}

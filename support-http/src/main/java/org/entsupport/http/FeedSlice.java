package org.entsupport.http;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of a news feed, newest first.
 *
 * @param items the entries
 * @param next  the cursor of the next (older) page, or {@code null} on the last page
 */
public record FeedSlice(List<FeedItem> items, @Nullable String next) {

    /**
     * Copies the list.
     *
     * @param items the items
     * @param next the next
     */
    public FeedSlice {
        items = List.copyOf(items);
    }
}

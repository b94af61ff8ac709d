package org.entsupport.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a list that pages by keyset: the tickets of {@link Support#list}, the entries of a news feed.
 * The cursor is opaque; pass it back as given to get the next page. A cursor that was not issued by the
 * library, or that was issued for another order, is refused with a {@link ValidationException} on the field
 * {@code cursor}.
 *
 * <pre>{@code
 * Page<Ticket> page = support.list(actor, TicketQuery.builder().pageSize(20).build());
 * while (page.hasNext()) {
 *     page = support.list(actor, TicketQuery.builder().pageSize(20).after(page.nextCursor().get()).build());
 * }
 * }</pre>
 *
 * @param <T>        the kind of item
 * @param items      the items of this page, in the list's order
 * @param nextCursor the cursor of the next page; empty on the last page
 */
public record Page<T>(List<T> items, Optional<String> nextCursor) {

    /**
     * Copies the items.
     *
     * @param items the items of this page, in the list's order
     * @param nextCursor the cursor of the next page; empty on the last page
     */
    public Page {
        items = List.copyOf(Objects.requireNonNull(items, "items"));
        Objects.requireNonNull(nextCursor, "nextCursor");
    }

    /**
     * A page with these items and no page after it.
     *
     * @param <T> the kind of item
     * @param items the items
     * @return the last page
     */
    public static <T> Page<T> last(List<T> items) {
        return new Page<>(items, Optional.empty());
    }

    /**
     * Whether another page follows.
     *
     * @return whether another page follows
     */
    public boolean hasNext() {
        return nextCursor.isPresent();
    }
}

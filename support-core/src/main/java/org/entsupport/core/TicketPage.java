package org.entsupport.core;

import java.util.List;
import java.util.Optional;
import org.entsupport.core.model.Ticket;
import org.jspecify.annotations.Nullable;

/**
 * One page of a ticket list.
 *
 * @param tickets    the tickets of this page, in the query's order
 * @param nextCursor the cursor of the next page, or {@code null} on the last page
 */
public record TicketPage(List<Ticket> tickets, @Nullable String nextCursor) {

    /**
     * Copies the list.
     *
     * @param tickets the tickets of this page, in the query's order
     * @param nextCursor the cursor of the next page, or {@code null} on the last page
     */
    public TicketPage {
        tickets = List.copyOf(tickets);
    }

    /**
     * The cursor to pass to {@link TicketQuery.Builder#after(String)} for the next page, if any.
     *
     * @return the cursor to pass to {@link TicketQuery.Builder#after(String)} for the next page, if any
     */
    public Optional<String> next() {
        return Optional.ofNullable(nextCursor);
    }

    /**
     * Whether another page follows.
     *
     * @return whether another page follows
     */
    public boolean hasNext() {
        return nextCursor != null;
    }
}

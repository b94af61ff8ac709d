package org.entsupport.core.spi;

import java.util.Comparator;
import java.util.Objects;
import org.entsupport.core.model.SortDirection;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketSort;
import org.jspecify.annotations.Nullable;

/**
 * One page of a sorted list: the order, where the previous page ended, and how many rows to return.
 *
 * <p>The order is (sort value, id), both in {@link #direction()}. Subjects compare by Unicode code
 * point (binary collation); statuses by their code.
 *
 * @param sort      the order
 * @param direction ascending or descending
 * @param after     where the previous page ended, or {@code null} for the first page
 * @param limit     the most rows to return, at least 1
 */
public record PageRequest(
        TicketSort sort, SortDirection direction, @Nullable Keyset after, int limit) {

    /**
     * Checks the components.
     *
     * @param sort the order
     * @param direction ascending or descending
     * @param after where the previous page ended, or {@code null} for the first page
     * @param limit the most rows to return, at least 1
     */
    public PageRequest {
        Objects.requireNonNull(sort, "sort");
        Objects.requireNonNull(direction, "direction");
        if (after != null && after.sort() != sort) {
            throw new IllegalArgumentException("keyset of " + after.sort() + " used with sort " + sort);
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, but was " + limit);
        }
    }

    /**
     * The order of this page as a comparator, the reference every store must agree with.
     *
     * @return the order of this page as a comparator, the reference every store must agree with
     */
    public Comparator<Ticket> comparator() {
        Comparator<Ticket> asc = switch (sort) {
            case MODIFIED -> Comparator.comparing(Ticket::modified);
            case CREATED -> Comparator.comparing(Ticket::created);
            case STATUS -> Comparator.comparingInt(t -> t.status().code());
            case SUBJECT -> (a, b) -> compareCodePoints(a.subject(), b.subject());
            case ID -> Comparator.comparingLong(Ticket::id);
        };
        asc = asc.thenComparingLong(Ticket::id);
        return direction == SortDirection.ASC ? asc : asc.reversed();
    }

    /**
     * Whether {@code ticket} comes strictly after {@link #after()} in this order (true on a first page).
     *
     * @param ticket the ticket
     * @return whether {@code ticket} comes strictly after {@link #after()} in this order (true on a first page)
     */
    public boolean isAfterPosition(Ticket ticket) {
        if (after == null) {
            return true;
        }
        int cmp = switch (sort) {
            case MODIFIED -> ticket.modified().compareTo((java.time.Instant) after.value());
            case CREATED -> ticket.created().compareTo((java.time.Instant) after.value());
            case STATUS ->
                Integer.compare(
                        ticket.status().code(), ((org.entsupport.core.model.TicketStatus) after.value()).code());
            case SUBJECT -> compareCodePoints(ticket.subject(), (String) after.value());
            case ID -> Long.compare(ticket.id(), (Long) after.value());
        };
        if (cmp == 0) {
            cmp = Long.compare(ticket.id(), after.id());
        }
        return direction == SortDirection.ASC ? cmp > 0 : cmp < 0;
    }

    /**
     * Compares two strings by Unicode code point, as a binary UTF-8 collation does.
     *
     * @param a the first string
     * @param b the second string
     * @return a negative number, zero or a positive number as {@code a} sorts before, with or after {@code b}
     */
    public static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}

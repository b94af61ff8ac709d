package org.entsupport.core.spi;

import java.time.Instant;
import java.util.Objects;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketSort;
import org.entsupport.core.model.TicketStatus;

/**
 * A position in a sorted ticket list: the sort value and the id of the last ticket of a page. The
 * next page starts strictly after it.
 *
 * <p>The type of {@link #value()} follows the sort: {@link Instant} for MODIFIED and CREATED,
 * {@link TicketStatus} for STATUS, {@link String} for SUBJECT and {@link Long} (the id) for ID.
 *
 * @param sort  the order this position belongs to
 * @param value the sort value of the last ticket
 * @param id    the id of the last ticket
 */
public record Keyset(TicketSort sort, Object value, long id) {

    /**
     * Checks that the value's type fits the sort.
     *
     * @param sort the order this position belongs to
     * @param value the sort value of the last ticket
     * @param id the id of the last ticket
     */
    public Keyset {
        Objects.requireNonNull(sort, "sort");
        Objects.requireNonNull(value, "value");
        Class<?> expected = switch (sort) {
            case MODIFIED, CREATED -> Instant.class;
            case STATUS -> TicketStatus.class;
            case SUBJECT -> String.class;
            case ID -> Long.class;
        };
        if (!expected.isInstance(value)) {
            throw new IllegalArgumentException("a " + sort + " keyset needs a " + expected.getSimpleName()
                    + " value, but got " + value.getClass().getSimpleName());
        }
    }

    /**
     * The position of {@code ticket} in a list sorted by {@code sort}.
     *
     * @param sort the order this position belongs to
     * @param ticket the ticket
     * @return the position of {@code ticket} in a list sorted by {@code sort}
     */
    public static Keyset of(TicketSort sort, Ticket ticket) {
        Object value = switch (sort) {
            case MODIFIED -> ticket.modified();
            case CREATED -> ticket.created();
            case STATUS -> ticket.status();
            case SUBJECT -> ticket.subject();
            case ID -> ticket.id();
        };
        return new Keyset(sort, value, ticket.id());
    }
}

package org.entsupport.core.spi;

import java.util.Set;
import org.entsupport.core.model.Ticket;
import org.jspecify.annotations.Nullable;

/**
 * One part of what an actor may list: tickets of some schools, possibly only one owner's or all
 * but one owner's. A {@link TicketFilter} matches a ticket when any of its scopes does. Each scope
 * maps onto one index range per school (or on the owner index), which keeps lists fast.
 *
 * @param schools       the schools, or {@code null} for every school
 * @param owner         only tickets filed by this user, or {@code null} for any owner
 * @param excludedOwner never tickets filed by this user, or {@code null}
 */
public record TicketScope(
        @Nullable Set<String> schools,
        @Nullable String owner,
        @Nullable String excludedOwner) {

    /**
     * Copies the set.
     *
     * @param schools the schools, or {@code null} for every school
     * @param owner only tickets filed by this user, or {@code null} for any owner
     * @param excludedOwner never tickets filed by this user, or {@code null}
     */
    public TicketScope {
        schools = schools == null ? null : Set.copyOf(schools);
    }

    /**
     * Every ticket.
     *
     * @return every ticket
     */
    public static TicketScope everything() {
        return new TicketScope(null, null, null);
    }

    /**
     * Whether {@code ticket} lies in this scope.
     *
     * @param ticket the ticket
     * @return whether {@code ticket} lies in this scope
     */
    public boolean contains(Ticket ticket) {
        return (schools == null || schools.contains(ticket.school()))
                && (owner == null || owner.equals(ticket.owner()))
                && (excludedOwner == null || !excludedOwner.equals(ticket.owner()));
    }
}

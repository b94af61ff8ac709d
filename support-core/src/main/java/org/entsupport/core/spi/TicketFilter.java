package org.entsupport.core.spi;

import java.util.List;
import java.util.Set;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketStatus;

/**
 * Which tickets a list or count covers, already narrowed by the actor's permissions.
 *
 * <p>A ticket matches when it lies in at least one {@link #scopes() scope} (no scope: nothing
 * matches), has one of the {@link #statuses()} (empty: any status), and contains every search
 * {@link #words()}: each word, already {@linkplain SearchText#normalize normalised}, must occur in
 * the ticket's {@linkplain SearchText#document search document} or equal its number in decimal.
 * {@link #matches(Ticket)} is the reference implementation that every store must agree with.
 *
 * @param scopes   the parts of the store the actor may list
 * @param statuses the statuses to keep; empty for all
 * @param words    the normalised search words; empty for no search
 */
public record TicketFilter(List<TicketScope> scopes, Set<TicketStatus> statuses, List<String> words) {

    /**
     * Copies the collections.
     *
     * @param scopes the parts of the store the actor may list
     * @param statuses the statuses to keep; empty for all
     * @param words the normalised search words; empty for no search
     */
    public TicketFilter {
        scopes = List.copyOf(scopes);
        statuses = Set.copyOf(statuses);
        words = List.copyOf(words);
    }

    /**
     * Whether {@code ticket} matches, by the definition above.
     *
     * @param ticket the ticket
     * @return whether {@code ticket} matches, by the definition above
     */
    public boolean matches(Ticket ticket) {
        if (!statuses.isEmpty() && !statuses.contains(ticket.status())) {
            return false;
        }
        boolean inScope = false;
        for (TicketScope scope : scopes) {
            if (scope.contains(ticket)) {
                inScope = true;
                break;
            }
        }
        if (!inScope) {
            return false;
        }
        if (words.isEmpty()) {
            return true;
        }
        String document = SearchText.document(ticket.subject(), ticket.description(), ticket.ownerName());
        String number = Long.toString(ticket.id());
        for (String word : words) {
            if (!document.contains(word) && !number.equals(word)) {
                return false;
            }
        }
        return true;
    }
}

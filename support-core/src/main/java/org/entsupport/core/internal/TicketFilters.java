package org.entsupport.core.internal;

import java.util.List;
import org.entsupport.core.Actor;
import org.entsupport.core.TicketQuery;
import org.entsupport.core.spi.SearchText;
import org.entsupport.core.spi.TicketFilter;

/** Turns a host's query into the store's filter, narrowed to what the actor may see. */
final class TicketFilters {

    private TicketFilters() {}

    /**
     * The filter of {@code query} for {@code actor}; a too long search text is recorded in {@code v}.
     *
     * @param adminsOnly keep only the schools the actor administers (exports)
     */
    static TicketFilter of(Actor actor, TicketQuery query, InputValidator v, boolean adminsOnly) {
        List<String> words = List.of();
        if (query.text() != null) {
            String text = query.text();
            if (text.length() > InputValidator.MAX_SEARCH) {
                v.add(
                        "text",
                        "too-long",
                        "must have at most " + InputValidator.MAX_SEARCH + " characters, but has " + text.length(),
                        InputValidator.MAX_SEARCH,
                        text.length());
            } else {
                words = SearchText.words(text);
            }
        }
        return new TicketFilter(
                Permissions.scopes(actor, query.schools(), query.ownership(), adminsOnly), query.statuses(), words);
    }
}

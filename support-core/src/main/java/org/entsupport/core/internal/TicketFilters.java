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
            if (hasControl(text)) {
                v.add("text", "control-characters", "must not contain control characters");
            } else if (text.length() > InputValidator.MAX_SEARCH) {
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
        for (String school : query.schools()) {
            if (school.isEmpty() || school.length() > 255 || hasControl(school)) {
                v.add("schools", "invalid", "'" + InputValidator.abbreviate(school) + "' is not a school id");
            }
        }
        return new TicketFilter(
                Permissions.scopes(actor, query.schools(), query.ownership(), adminsOnly), query.statuses(), words);
    }

    /** Control characters (NUL first: PostgreSQL refuses it in text) and lone surrogates. */
    private static boolean hasControl(String s) {
        return s.codePoints()
                .anyMatch(cp -> Character.isISOControl(cp) || Character.getType(cp) == Character.SURROGATE);
    }
}

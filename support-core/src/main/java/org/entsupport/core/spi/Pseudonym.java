package org.entsupport.core.spi;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who replaces an anonymised person: the person's user id and the names they went by, and the opaque id and
 * fixed name that take their place. Given by the library to {@link LifecycleStore#anonymise}; the store
 * replaces {@link #userId()} by {@link #id()} and the person's name by {@link #displayName()}, and passes the
 * free text the person wrote through {@link #scrub} (or {@link #scrubHtml} for HTML).
 *
 * @param userId      the person's user id, which must disappear
 * @param names       the display names the person went by (as stored in their tickets, comments, feed)
 * @param id          the opaque id that replaces the user id, the same on every run for the same person
 * @param displayName the fixed name that replaces theirs, such as "Utilisateur anonymisé"
 */
public record Pseudonym(String userId, Set<String> names, String id, String displayName) {

    /**
     * Checks the values.
     *
     * @param userId      the person's user id
     * @param names       the names they went by; blank ones are ignored
     * @param id          the opaque id that replaces the user id
     * @param displayName the fixed name that replaces theirs
     */
    public Pseudonym {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        names = Set.copyOf(names.stream().filter(n -> !n.isBlank()).toList());
    }

    /**
     * Replaces every mention of one of the person's names in plain text (ignoring case) by
     * {@link #displayName()}.
     *
     * @param text what the person wrote
     * @return the text without their names
     */
    public String scrub(String text) {
        String result = text;
        for (String name : longestFirst()) {
            result = replace(result, name, displayName);
        }
        return result;
    }

    /**
     * Replaces every mention of one of the person's names in HTML, written as is or escaped.
     *
     * @param html what the person wrote, as HTML
     * @return the HTML without their names
     */
    public String scrubHtml(String html) {
        String result = html;
        String replacement = escape(displayName);
        for (String name : longestFirst()) {
            result = replace(result, escape(name), replacement);
            result = replace(result, name, replacement);
        }
        return result;
    }

    /**
     * Whether a text still mentions one of the person's names.
     *
     * @param text any text
     * @return whether it mentions one of their names
     */
    public boolean mentions(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return names.stream().anyMatch(n -> lower.contains(n.toLowerCase(Locale.ROOT)));
    }

    private List<String> longestFirst() {
        return names.stream()
                .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(s -> s))
                .toList();
    }

    private static String replace(String text, String name, String replacement) {
        return Pattern.compile(Pattern.quote(name), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
                .matcher(text)
                .replaceAll(Matcher.quoteReplacement(replacement));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}

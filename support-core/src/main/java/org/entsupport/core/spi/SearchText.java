package org.entsupport.core.spi;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The normalisation behind accent- and case-insensitive search: every store applies it to the
 * searchable fields and to the query, so "Élève" finds "eleve" and "ELEVE" on every database.
 */
public final class SearchText {

    /** The most words a search uses; further words are ignored. */
    public static final int MAX_WORDS = 8;

    private SearchText() {}

    /**
     * Lower-cases (root locale), removes diacritics, expands the ligatures æ, œ and ß, and folds
     * every run of white space into one space.
     *
     * @param text any text
     * @return the normalised text
     */
    public static String normalize(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
        StringBuilder out = new StringBuilder(decomposed.length());
        boolean space = false;
        for (int i = 0; i < decomposed.length(); ) {
            int cp = decomposed.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (type == Character.NON_SPACING_MARK
                    || type == Character.COMBINING_SPACING_MARK
                    || type == Character.ENCLOSING_MARK) {
                continue;
            }
            if (Character.isWhitespace(cp) || Character.isISOControl(cp)) {
                space = out.length() > 0;
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            switch (cp) {
                case 'æ', 'Æ' -> out.append("ae");
                case 'œ', 'Œ' -> out.append("oe");
                case 'ß' -> out.append("ss");
                default -> out.append(new String(Character.toChars(cp)).toLowerCase(Locale.ROOT));
            }
        }
        return out.toString();
    }

    /**
     * The normalised words of a query, at most {@link #MAX_WORDS}.
     *
     * @param query the search text as the user typed it
     * @return the normalised words of a query, at most {@link #MAX_WORDS}
     */
    public static List<String> words(String query) {
        String normalized = normalize(query);
        List<String> words = new ArrayList<>();
        if (normalized.isEmpty()) {
            return words;
        }
        for (String w : normalized.split(" ")) {
            if (!w.isEmpty() && words.size() < MAX_WORDS && !words.contains(w)) {
                words.add(w);
            }
        }
        return words;
    }

    /**
     * The normalised text a ticket is searched in: subject, description and author name, separated
     * by new lines (so that no word spans two fields). The ticket number is matched separately.
     *
     * @param subject the ticket's subject
     * @param description its description
     * @param ownerName the requester's display name
     * @return the normalised text
     */
    public static String document(String subject, String description, String ownerName) {
        return normalize(subject) + "\n" + normalize(description) + "\n" + normalize(ownerName);
    }
}

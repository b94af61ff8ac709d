package org.entsupport.http.internal;

import java.util.List;
import java.util.Locale;
import org.entsupport.notify.SupportTexts;

/**
 * The languages the HTTP API answers in; its texts (problem titles, details of HTTP-level refusals) come from the
 * library's one source of texts ({@link SupportTexts}).
 */
public final class Texts {

    /** The languages the API answers in; the first is the default. */
    public static final List<Locale> LANGUAGES = List.of(Locale.FRENCH, Locale.ENGLISH);

    private Texts() {}

    /**
     * The language to answer in: the best of {@link #LANGUAGES} for an {@code Accept-Language} header, or
     * {@code fallback} when the header is absent, invalid or names neither.
     */
    public static Locale negotiate(String acceptLanguage, Locale fallback) {
        try {
            List<Locale.LanguageRange> ranges = Locale.LanguageRange.parse(acceptLanguage);
            Locale found = Locale.lookup(ranges, LANGUAGES);
            return found != null ? found : fallback;
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }
}

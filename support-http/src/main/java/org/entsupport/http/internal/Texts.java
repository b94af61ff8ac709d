package org.entsupport.http.internal;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** The HTTP layer's own French and English texts (problem titles, details of HTTP-level refusals). */
public final class Texts {

    private static final String BUNDLE = "org.entsupport.http.internal.messages";

    /** The languages the API answers in; the first is the default. */
    public static final List<Locale> LANGUAGES = List.of(Locale.FRENCH, Locale.ENGLISH);

    private Texts() {}

    /** Formats {@code key} in French for French locales and in English otherwise; an unknown key renders as itself. */
    public static String format(Locale locale, String key, Object... args) {
        boolean french = "fr".equals(locale.getLanguage());
        String pattern;
        try {
            pattern = ResourceBundle.getBundle(BUNDLE, french ? Locale.FRENCH : Locale.ROOT, Texts.class.getModule())
                    .getString(key);
        } catch (MissingResourceException e) {
            return key;
        }
        return new MessageFormat(pattern, french ? Locale.FRENCH : Locale.ENGLISH).format(args);
    }

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

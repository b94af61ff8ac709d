package org.entsupport.core.internal;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** Renders user messages from the library's French and English bundles. */
public final class Messages {

    private static final String BUNDLE = "org.entsupport.core.internal.messages";

    private Messages() {}

    /**
     * Formats the message {@code key} in {@code locale}: French for French, English otherwise.
     * An unknown key renders as the key itself, so a missing text never hides the failure.
     */
    public static String format(Locale locale, String key, Object... args) {
        Locale effective = "fr".equals(locale.getLanguage()) ? Locale.FRENCH : Locale.ROOT;
        String pattern;
        try {
            pattern = ResourceBundle.getBundle(BUNDLE, effective, Messages.class.getModule())
                    .getString(key);
        } catch (MissingResourceException e) {
            return key;
        }
        return new MessageFormat(pattern, effective == Locale.ROOT ? Locale.ENGLISH : Locale.FRENCH).format(args);
    }
}

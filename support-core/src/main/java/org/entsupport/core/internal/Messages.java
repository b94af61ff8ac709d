package org.entsupport.core.internal;

import java.util.Locale;
import org.entsupport.notify.SupportTexts;

/** Renders user messages from the library's one source of French and English texts ({@link SupportTexts}). */
public final class Messages {

    private Messages() {}

    /**
     * Formats the message {@code key} in {@code locale}: French for French, English otherwise.
     * An unknown key renders as the key itself, so a missing text never hides the failure.
     */
    public static String format(Locale locale, String key, Object... args) {
        return SupportTexts.format(locale, key, args);
    }
}

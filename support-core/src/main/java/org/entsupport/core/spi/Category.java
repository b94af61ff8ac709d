package org.entsupport.core.spi;

import java.util.Locale;
import java.util.Objects;

/**
 * One application of the platform that a request may be about, with its name in French and English.
 *
 * @param id      the value stored on the ticket, such as {@code /blog} (1..255 characters, no control character)
 * @param french  its name for French readers, such as {@code Messagerie}
 * @param english its name for English readers, such as {@code Mail}
 */
public record Category(String id, String french, String english) {

    /**
     * Checks the components.
     *
     * @param id the value stored on the ticket, such as {@code /blog} (1..255 characters, no control character)
     * @param french its name for French readers
     * @param english its name for English readers
     * @throws IllegalArgumentException when a component is blank, too long or has a control character
     */
    public Category {
        check("id", id);
        check("french", french);
        check("english", english);
    }

    private static void check(String name, String value) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()
                || !value.equals(value.strip())
                || value.codePointCount(0, value.length()) > CategoryCatalog.MAX_LENGTH
                || value.codePoints().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("category " + name + " must be 1..255 characters without control "
                    + "characters nor surrounding spaces, but was '" + value + "'");
        }
    }

    /**
     * Its name in the reader's language: French for French readers, English for everyone else.
     *
     * @param locale the reader's locale
     * @return its name in the reader's language
     */
    public String label(Locale locale) {
        return "fr".equals(Objects.requireNonNull(locale, "locale").getLanguage()) ? french : english;
    }
}

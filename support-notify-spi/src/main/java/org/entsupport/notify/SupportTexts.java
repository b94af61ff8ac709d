package org.entsupport.notify;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The one source of the French and English texts of Aide &amp; Support: notification messages, status
 * labels, validation and error messages, timeline lines. Every module of the library reads its words here,
 * so a status is called the same in an e-mail, in an error and in the timeline.
 *
 * <p>The texts live in this module's {@code org/entsupport/notify/messages_fr.properties} and
 * {@code messages_en.properties} (UTF-8). French locales get French, every other locale English, whatever
 * the JVM's default locale.
 *
 * <pre>{@code
 * SupportTexts.text(Locale.FRENCH, "status.CLOSED");                 // "Fermée"
 * SupportTexts.format(Locale.ENGLISH, "ticket.not-found", 42L);      // "Request #42 does not exist ..."
 * }</pre>
 */
public final class SupportTexts {

    private static final Properties ENGLISH = load("messages_en.properties");
    private static final Properties FRENCH = load("messages_fr.properties");

    private SupportTexts() {}

    /**
     * The text of {@code key}, as written (no placeholder replaced).
     *
     * @param locale French locales give French, others English
     * @param key the key, such as {@code status.CLOSED}
     * @return the text, if the key exists
     */
    public static Optional<String> text(Locale locale, String key) {
        Objects.requireNonNull(key, "key");
        return Optional.ofNullable(texts(locale).getProperty(key));
    }

    /**
     * Formats the text of {@code key} with {@link MessageFormat} ({@code {0}}, {@code {1,number,#}}; an
     * apostrophe is written {@code ''}). An unknown key renders as the key itself, so a missing text never
     * hides a failure.
     *
     * @param locale French locales give French, others English
     * @param key the key, such as {@code violation.too-long}
     * @param args the values of the placeholders
     * @return the formatted text
     */
    public static String format(Locale locale, String key, Object... args) {
        String pattern = texts(locale).getProperty(key);
        if (pattern == null) {
            return key;
        }
        return new MessageFormat(pattern, NotificationMessages.language(locale)).format(args);
    }

    static Properties texts(Locale locale) {
        return "fr".equals(Objects.requireNonNull(locale, "locale").getLanguage()) ? FRENCH : ENGLISH;
    }

    static Set<String> keys(Locale locale) {
        return texts(locale).stringPropertyNames();
    }

    private static Properties load(String name) {
        // Class#getResourceAsStream reads from this class's own module (or class loader on the class
        // path); the package is this module's, so no opens clause is needed.
        try (InputStream in = SupportTexts.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(
                        "Missing resource org/entsupport/notify/" + name + " in the support-notify-spi artifact");
            }
            Properties properties = new Properties();
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read org/entsupport/notify/" + name, e);
        }
    }
}

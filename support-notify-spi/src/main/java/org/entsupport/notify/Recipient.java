package org.entsupport.notify;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Someone who must hear of a notification, with the language to address them in.
 *
 * @param userId      the host's id of the user; not blank
 * @param displayName the name to address them by; not blank (the user id when the host knows no name)
 * @param locale      the language of their messages; French locales get French, others English
 * @param email       their e-mail address when the library already knows it; a notifier that needs
 *                    one and finds it empty asks the host's directory
 */
public record Recipient(String userId, String displayName, Locale locale, Optional<String> email) {

    /**
     * Validates every component.
     *
     * @param userId the host's id of the user; not blank
     * @param displayName the name to address them by; not blank (the user id when the host knows no name)
     * @param locale the language of their messages; French locales get French, others English
     * @param email their e-mail address when the library already knows it; a notifier that needs one and finds it
     *         empty asks the host's directory
     */
    public Recipient {
        Checks.notBlank("userId", userId);
        Checks.notBlank("displayName", displayName);
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(email, "email");
        email.ifPresent(address -> {
            Checks.notBlank("email", address);
            Checks.singleLine("email", address);
        });
    }

    /**
     * A recipient whose e-mail address is not known here.
     *
     * @param userId      the host's id of the user
     * @param displayName the name to address them by
     * @param locale      the language of their messages
     * @return the recipient
     */
    public static Recipient of(String userId, String displayName, Locale locale) {
        return new Recipient(userId, displayName, locale, Optional.empty());
    }

    /**
     * A recipient with a known e-mail address.
     *
     * @param userId      the host's id of the user
     * @param displayName the name to address them by
     * @param locale      the language of their messages
     * @param email       their e-mail address
     * @return the recipient
     */
    public static Recipient of(String userId, String displayName, Locale locale, String email) {
        return new Recipient(userId, displayName, locale, Optional.of(email));
    }
}

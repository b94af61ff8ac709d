package org.entsupport.core.spi;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The host's directory: who administers a school, and what people and schools are called.
 * Implemented by the host (for an ENT, on top of its directory of structures and users).
 *
 * <p>Called by the library on the caller's thread while an operation runs (to compute the
 * recipients of notifications) and by notifiers; it must be fast and thread-safe. An exception it
 * throws fails the operation that called it.
 */
public interface Directory {

    /**
     * The user ids of the local admins ("référents") of {@code school}; empty when it has none.
     *
     * @param school the school's id
     * @return the user ids of the local admins ("référents") of {@code school}; empty when it has none
     */
    Set<String> localAdmins(String school);

    /**
     * The display name of {@code userId}, if known.
     *
     * @param userId the host's user id
     * @return the display name of {@code userId}, if known
     */
    default Optional<String> displayName(String userId) {
        return Optional.empty();
    }

    /**
     * The language of {@code userId}; French unless the host says otherwise.
     *
     * @param userId the host's user id
     * @return the language of {@code userId}; French unless the host says otherwise
     */
    default Locale locale(String userId) {
        return Locale.FRENCH;
    }

    /**
     * The e-mail address of {@code userId}, if known.
     *
     * @param userId the host's user id
     * @return the e-mail address of {@code userId}, if known
     */
    default Optional<String> email(String userId) {
        return Optional.empty();
    }

    /**
     * The display name of {@code school}, if known.
     *
     * @param school the school's id
     * @return the display name of {@code school}, if known
     */
    default Optional<String> schoolName(String school) {
        return Optional.empty();
    }

    /**
     * A directory that knows nobody.
     *
     * @return a directory that knows nobody
     */
    static Directory empty() {
        return school -> Set.of();
    }
}

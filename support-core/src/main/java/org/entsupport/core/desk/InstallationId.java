package org.entsupport.core.desk;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.Set;

/**
 * Identifies one installation of the library (one platform, one database) among those that share a
 * support desk. Connectors write it into the markers that tie a desk issue to a ticket
 * ({@code [ENT-k3f9q2xa-42]}), so that two platforms sharing one desk project never take each
 * other's issues: an issue whose marker names another installation is never reported as ours.
 *
 * <p>The library generates one ({@link #generate()}) the first time it starts on a database and
 * keeps it there; a host may set its own instead (to keep the markers of a platform whose database
 * was rebuilt, for instance). Three to sixteen characters: a lower-case letter, then lower-case
 * letters and digits; {@code comment} and {@code status} are reserved (they name markers of
 * comments and status notes).
 *
 * @param value the id, such as {@code k3f9q2xa}
 */
public record InstallationId(String value) {

    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";
    private static final String ALPHABET = LETTERS + "0123456789";
    private static final Set<String> RESERVED = Set.of("comment", "status");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The pattern of a valid id, for connectors that parse markers. */
    public static final String PATTERN = "[a-z][a-z0-9]{2,15}";

    /**
     * Checks the value.
     *
     * @throws IllegalArgumentException naming the rule and the value when it is not a valid id
     * @param value the id, as the rules above describe
     */
    public InstallationId {
        Objects.requireNonNull(value, "installationId");
        if (!value.matches(PATTERN) || RESERVED.contains(value)) {
            throw new IllegalArgumentException("installationId must be 3 to 16 lower-case letters and digits,"
                    + " starting with a letter, and neither 'comment' nor 'status', but was '" + value + "'");
        }
    }

    /**
     * The id {@code value}; see the rules above.
     *
     * @param value the id, as the rules above describe
     * @return the installation id
     */
    public static InstallationId of(String value) {
        return new InstallationId(value);
    }

    /**
     * A new random id of eight characters (a letter, then seven letters or digits).
     *
     * @return a new random installation id
     */
    public static InstallationId generate() {
        StringBuilder id = new StringBuilder(8).append(LETTERS.charAt(RANDOM.nextInt(LETTERS.length())));
        for (int i = 1; i < 8; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return new InstallationId(id.toString());
    }

    @Override
    public String toString() {
        return value;
    }
}

package org.entsupport.core.attachment;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What an {@link AttachmentStore} kept: the key it chose, how many bytes it wrote and their digest.
 *
 * @param key    the key the store generated; opens and deletes the content (1..255 printable ASCII characters)
 * @param size   the number of bytes written, zero or more
 * @param sha256 the SHA-256 of those bytes, 64 lower-case hexadecimal digits
 */
public record StoredContent(String key, long size, String sha256) {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /**
     * Checks the components.
     *
     * @param key the key the store generated; opens and deletes the content (1..255 printable ASCII characters)
     * @param size the number of bytes written, zero or more
     * @param sha256 the SHA-256 of those bytes, 64 lower-case hexadecimal digits
     */
    public StoredContent {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(sha256, "sha256");
        if (key.isEmpty() || key.length() > 255 || !key.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw new IllegalArgumentException(
                    "key must be 1..255 printable ASCII characters without spaces, but was '" + key + "'");
        }
        if (size < 0) {
            throw new IllegalArgumentException("size must be zero or more, but was " + size);
        }
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException(
                    "sha256 must be 64 lower-case hexadecimal digits, but was '" + sha256 + "'");
        }
    }
}

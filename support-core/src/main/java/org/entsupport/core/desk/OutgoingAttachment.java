package org.entsupport.core.desk;

import java.util.Objects;

/**
 * A file we send to a desk, with the escalated request or with a forwarded comment.
 *
 * @param fileName  the file name shown on the desk (no path)
 * @param mediaType the media type, such as {@code image/png}
 * @param size      the size in bytes, zero or more
 * @param content   opens the content; called once or more by the connector
 */
public record OutgoingAttachment(String fileName, String mediaType, long size, ContentOpener content) {

    /**
     * Checks the components.
     *
     * @param fileName the file name shown on the desk (no path)
     * @param mediaType the media type, such as {@code image/png}
     * @param size the size in bytes, zero or more
     * @param content opens the content; called once or more by the connector
     */
    public OutgoingAttachment {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(content, "content");
        if (fileName.isBlank()) {
            throw new IllegalArgumentException("fileName must not be blank");
        }
        if (size < 0) {
            throw new IllegalArgumentException("size must be zero or more, but was " + size);
        }
    }

    /**
     * A file of the given name, media type and size whose content {@code content} opens.
     *
     * @param fileName the file name shown on the desk (no path)
     * @param mediaType the media type, such as {@code image/png}
     * @param size the size in bytes, zero or more
     * @param content opens the content; called once or more by the connector
     * @return a file of the given name, media type and size whose content {@code content} opens
     */
    public static OutgoingAttachment of(String fileName, String mediaType, long size, ContentOpener content) {
        return new OutgoingAttachment(fileName, mediaType, size, content);
    }
}

package org.entsupport.core;

import java.util.Objects;

/**
 * A reference to a file that the host already stored (for instance a document of the ENT
 * workspace), to be attached to a ticket or a comment.
 *
 * @param storageKey where the host keeps the file (1..255 characters)
 * @param fileName   the name shown to users; any path is removed
 * @param mediaType  the media type, such as {@code image/png}
 * @param size       the size in bytes, zero or more
 */
public record NewAttachment(String storageKey, String fileName, String mediaType, long size) {

    /**
     * Checks that no component is null; the content is validated by the facade.
     *
     * @param storageKey where the host keeps the file (1..255 characters)
     * @param fileName the name shown to users; any path is removed
     * @param mediaType the media type, such as {@code image/png}
     * @param size the size in bytes, zero or more
     */
    public NewAttachment {
        Objects.requireNonNull(storageKey, "storageKey");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(mediaType, "mediaType");
    }
}

package org.entsupport.core.attachment;

import java.util.Objects;

/**
 * A document of the host, as {@link HostDocuments} answers it.
 *
 * @param fileName  its name, shown to users once cleaned (no path, no control character)
 * @param size      its size in bytes, or {@link NewFile#UNKNOWN_SIZE}; content of another length is refused
 * @param mediaType the type the host keeps for it, for information only: the library recognises the type from
 *                  the content
 * @param content   opens its content; called once
 */
public record HostDocument(String fileName, long size, String mediaType, ContentSource content) {

    /**
     * Checks the components.
     *
     * @param fileName its name, shown to users once cleaned
     * @param size its size in bytes, or {@link NewFile#UNKNOWN_SIZE}
     * @param mediaType the type the host keeps for it, for information only
     * @param content opens its content; called once
     */
    public HostDocument {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(content, "content");
        if (size < NewFile.UNKNOWN_SIZE) {
            throw new IllegalArgumentException("size must be zero or more, or UNKNOWN_SIZE, but was " + size);
        }
    }
}

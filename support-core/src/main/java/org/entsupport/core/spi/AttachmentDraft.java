package org.entsupport.core.spi;

import java.time.Instant;
import java.util.Objects;
import org.entsupport.core.model.Origin;
import org.jspecify.annotations.Nullable;

/**
 * Attachment metadata about to be inserted.
 *
 * @param ticketId   the ticket
 * @param commentId  the comment it came with, or {@code null}
 * @param fileName   the cleaned file name
 * @param mediaType  the media type
 * @param size       the size in bytes
 * @param storageKey where the content is kept
 * @param uploader   who attached it
 * @param created    when
 * @param origin     LOCAL or DESK
 */
public record AttachmentDraft(
        long ticketId,
        @Nullable Long commentId,
        String fileName,
        String mediaType,
        long size,
        String storageKey,
        String uploader,
        Instant created,
        Origin origin) {

    /**
     * Checks the required components.
     *
     * @param ticketId the ticket
     * @param commentId the comment it came with, or {@code null}
     * @param fileName the cleaned file name
     * @param mediaType the media type
     * @param size the size in bytes
     * @param storageKey where the content is kept
     * @param uploader who attached it
     * @param created when
     * @param origin LOCAL or DESK
     */
    public AttachmentDraft {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(storageKey, "storageKey");
        Objects.requireNonNull(uploader, "uploader");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(origin, "origin");
    }
}

package org.entsupport.core.model;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The metadata of a file attached to a ticket, as readers see it. The content lives in the attachment store,
 * under a key that only the library and the ticket store know (never shown to readers).
 *
 * @param id         assigned by the store
 * @param ticketId   the ticket it belongs to
 * @param commentId  the comment it came with, if any
 * @param fileName   a cleaned file name (no path, no control characters)
 * @param mediaType  the media type
 * @param size       the size in bytes
 * @param uploader   the user id of who attached it
 * @param created    when it was attached
 * @param origin     LOCAL, or DESK when imported from the support desk
 */
public record Attachment(
        long id,
        long ticketId,
        @Nullable Long commentId,
        String fileName,
        String mediaType,
        long size,
        String uploader,
        Instant created,
        Origin origin) {

    /**
     * Checks the required components.
     *
     * @param id assigned by the store
     * @param ticketId the ticket it belongs to
     * @param commentId the comment it came with, if any
     * @param fileName a cleaned file name (no path, no control characters)
     * @param mediaType the media type
     * @param size the size in bytes
     * @param uploader the user id of who attached it
     * @param created when it was attached
     * @param origin LOCAL, or DESK when imported from the support desk
     */
    public Attachment {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(uploader, "uploader");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(origin, "origin");
    }
}

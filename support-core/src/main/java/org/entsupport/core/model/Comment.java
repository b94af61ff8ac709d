package org.entsupport.core.model;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A message in the exchange about a ticket.
 *
 * @param id         assigned by the store
 * @param ticketId   the ticket it belongs to
 * @param author     the author's user id (for desk comments, the desk's author name)
 * @param authorName the author's display name when written
 * @param body       plain text
 * @param created    when it was written
 * @param origin     LOCAL, or DESK for replies imported from the support desk
 * @param externalId the desk's id of the comment (DESK), or of our comment once forwarded; unique per ticket
 */
public record Comment(
        long id,
        long ticketId,
        String author,
        String authorName,
        String body,
        Instant created,
        Origin origin,
        @Nullable String externalId) {

    /**
     * Checks the required components.
     *
     * @param id assigned by the store
     * @param ticketId the ticket it belongs to
     * @param author the author's user id (for desk comments, the desk's author name)
     * @param authorName the author's display name when written
     * @param body plain text
     * @param created when it was written
     * @param origin LOCAL, or DESK for replies imported from the support desk
     * @param externalId the desk's id of the comment (DESK), or of our comment once forwarded; unique per ticket
     */
    public Comment {
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(authorName, "authorName");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(origin, "origin");
    }
}

package org.entsupport.core.spi;

import java.time.Instant;
import java.util.Objects;
import org.entsupport.core.model.Origin;
import org.jspecify.annotations.Nullable;

/**
 * A comment about to be inserted.
 *
 * @param ticketId   the ticket
 * @param author     the author's id
 * @param authorName the author's display name
 * @param body       the text
 * @param created    when written
 * @param origin     LOCAL or DESK
 * @param externalId the desk's id for DESK comments (unique per ticket), or {@code null}
 * @param bodyHtml   the sanitised HTML of a rich-text comment, or {@code null}
 */
public record CommentDraft(
        long ticketId,
        String author,
        String authorName,
        String body,
        Instant created,
        Origin origin,
        @Nullable String externalId,
        @Nullable String bodyHtml) {

    /**
     * Checks the required components.
     *
     * @param ticketId the ticket
     * @param author the author's id
     * @param authorName the author's display name
     * @param body the text
     * @param created when written
     * @param origin LOCAL or DESK
     * @param externalId the desk's id for DESK comments (unique per ticket), or {@code null}
     * @param bodyHtml the sanitised HTML of a rich-text comment, or {@code null}
     */
    public CommentDraft {
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(authorName, "authorName");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(origin, "origin");
    }

    /**
     * A plain-text comment draft.
     *
     * @param ticketId the ticket
     * @param author the author's id
     * @param authorName the author's display name
     * @param body the text
     * @param created when written
     * @param origin LOCAL or DESK
     * @param externalId the desk's id for DESK comments (unique per ticket), or {@code null}
     */
    public CommentDraft(
            long ticketId,
            String author,
            String authorName,
            String body,
            Instant created,
            Origin origin,
            @Nullable String externalId) {
        this(ticketId, author, authorName, body, created, origin, externalId, null);
    }
}

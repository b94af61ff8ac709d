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
 * @param body       the text as plain text: as written, or derived from the HTML
 * @param created    when it was written
 * @param origin     LOCAL, or DESK for replies imported from the support desk
 * @param externalId the desk's id of the comment (DESK), or of our comment once forwarded; unique per ticket
 * @param bodyHtml   the sanitised HTML of a comment written in a rich-text editor, or {@code null} for plain
 *                   text (see {@link #bodyAsHtml()})
 */
public record Comment(
        long id,
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
     * @param id assigned by the store
     * @param ticketId the ticket it belongs to
     * @param author the author's user id (for desk comments, the desk's author name)
     * @param authorName the author's display name when written
     * @param body the text as plain text
     * @param created when it was written
     * @param origin LOCAL, or DESK for replies imported from the support desk
     * @param externalId the desk's id of the comment (DESK), or of our comment once forwarded; unique per ticket
     * @param bodyHtml the sanitised HTML of a rich-text comment, or {@code null} for plain text
     */
    public Comment {
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(authorName, "authorName");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(origin, "origin");
    }

    /**
     * A plain-text comment.
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
    public Comment(
            long id,
            long ticketId,
            String author,
            String authorName,
            String body,
            Instant created,
            Origin origin,
            @Nullable String externalId) {
        this(id, ticketId, author, authorName, body, created, origin, externalId, null);
    }

    /**
     * The comment to put in an HTML page: the sanitised HTML of a rich-text comment, or the plain text
     * escaped, with its line breaks as {@code <br>}.
     *
     * @return HTML safe to insert into an element
     */
    public String bodyAsHtml() {
        return bodyHtml != null ? bodyHtml : Html.fromPlainText(body);
    }
}

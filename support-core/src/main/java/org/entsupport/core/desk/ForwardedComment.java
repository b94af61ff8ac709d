package org.entsupport.core.desk;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One of our comments as sent to a desk: in the snapshot of an escalated request (the comments so
 * far), or forwarded later with {@link SupportDesk#forwardComment}.
 *
 * @param commentId   our comment id; connectors write it into a marker on the desk so that a retry
 *                    finds the comment instead of adding it twice, and so that its echo is recognised
 *                    ({@link DeskComment#localCommentId()})
 * @param authorName  the author's display name (the desk's author is the connector's account)
 * @param body        the text, plain
 * @param created     when it was written on our side
 * @param attachments the files that came with it
 */
public record ForwardedComment(
        long commentId, String authorName, String body, Instant created, List<OutgoingAttachment> attachments) {

    /**
     * Checks the components and copies the list.
     *
     * @param commentId our comment id; connectors write it into a marker on the desk so that a retry finds the
     *         comment instead of adding it twice, and so that its echo is recognised ({@link
     *         DeskComment#localCommentId()})
     * @param authorName the author's display name (the desk's author is the connector's account)
     * @param body the text, plain
     * @param created when it was written on our side
     * @param attachments the files that came with it
     */
    public ForwardedComment {
        Objects.requireNonNull(authorName, "authorName");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(created, "created");
        attachments = List.copyOf(attachments);
    }

    /**
     * A comment without attachments.
     *
     * @param commentId our comment id; connectors write it into a marker on the desk so that a retry finds the
     *         comment instead of adding it twice, and so that its echo is recognised ({@link
     *         DeskComment#localCommentId()})
     * @param authorName the author's display name (the desk's author is the connector's account)
     * @param body the text, plain
     * @param created when it was written on our side
     * @return a comment without attachments
     */
    public static ForwardedComment of(long commentId, String authorName, String body, Instant created) {
        return new ForwardedComment(commentId, authorName, body, created, List.of());
    }
}

package org.entsupport.core.desk;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A comment on a desk issue (a Redmine journal with notes or files, a Zendesk comment).
 *
 * @param id             the desk's id of the comment, unique on that desk; the synchroniser stores
 *                       it as the comment's external id so that a replay imports nothing twice, and
 *                       compares it with the ids {@link SupportDesk#forwardComment} returned to skip
 *                       the echoes of our own comments
 * @param authorName     the author's name on the desk
 * @param body           the text, plain (HTML-only desks give their plain rendering)
 * @param created        when it was written, by the desk's clock
 * @param isPublic       {@code false} for internal notes (Redmine private notes, Zendesk private
 *                       comments), which must never be shown to requesters
 * @param localCommentId our comment id when this comment is the echo of one we forwarded (see
 *                       {@code echo}), else {@code null}; a second way to spot echoes, which works
 *                       even when the id returned by {@code forwardComment} was lost in a crash
 * @param attachments    the files that came with the comment
 * @param echo           whether the connector wrote this comment itself: written by the connector's own
 *                       desk account and exactly in the form it posts (a forwarded comment or a status
 *                       note, ending with its marker). Anything else is an agent's reply and is imported,
 *                       even when it quotes one of our notes and so contains our marker
 */
public record DeskComment(
        String id,
        String authorName,
        String body,
        Instant created,
        boolean isPublic,
        @Nullable Long localCommentId,
        List<DeskAttachment> attachments,
        boolean echo) {

    /**
     * Checks the components and copies the list.
     *
     * @param id the desk's id of the comment, unique on that desk; the synchroniser stores it as the comment's
     *         external id so that a replay imports nothing twice, and compares it with the ids {@link
     *         SupportDesk#forwardComment} returned to skip the echoes of our own comments
     * @param authorName the author's name on the desk
     * @param body the text, plain (HTML-only desks give their plain rendering)
     * @param created when it was written, by the desk's clock
     * @param isPublic {@code false} for internal notes (Redmine private notes, Zendesk private comments), which
     *         must never be shown to requesters
     * @param localCommentId our comment id when the connector recognised this comment as one we forwarded (from its
     *         marker), else {@code null}; a second way to spot echoes, which works even when the id returned by
     *         {@code forwardComment} was lost in a crash
     * @param attachments the files that came with the comment
     * @param echo whether the connector wrote this comment itself (see the record's description)
     * @throws IllegalArgumentException when {@code localCommentId} is set on a comment that is not an echo
     */
    public DeskComment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(authorName, "authorName");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(created, "created");
        attachments = List.copyOf(attachments);
        if (localCommentId != null && !echo) {
            throw new IllegalArgumentException(
                    "desk comment " + id + " names our comment " + localCommentId + " but is not an echo");
        }
    }

    /**
     * A comment that is an echo exactly when {@code localCommentId} is set (the form of earlier
     * versions of this record; connectors that also post status notes use the canonical constructor).
     *
     * @param id the desk's id of the comment, unique on that desk
     * @param authorName the author's name on the desk
     * @param body the text, plain
     * @param created when it was written, by the desk's clock
     * @param isPublic {@code false} for internal notes, which must never be shown to requesters
     * @param localCommentId our comment id when this comment is the echo of one we forwarded, else {@code null}
     * @param attachments the files that came with the comment
     */
    public DeskComment(
            String id,
            String authorName,
            String body,
            Instant created,
            boolean isPublic,
            @Nullable Long localCommentId,
            List<DeskAttachment> attachments) {
        this(id, authorName, body, created, isPublic, localCommentId, attachments, localCommentId != null);
    }

    /**
     * Whether the connector wrote this comment itself (see {@code echo}): skip it when importing.
     *
     * @return whether this comment is an echo of one of ours
     */
    public boolean isEcho() {
        return echo;
    }

    /**
     * Our comment id, when this comment is the echo of one of ours.
     *
     * @return our comment id, or empty when the comment was written on the desk
     */
    public Optional<Long> localComment() {
        return Optional.ofNullable(localCommentId);
    }
}

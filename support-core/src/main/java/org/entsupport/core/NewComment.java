package org.entsupport.core;

import java.util.List;
import java.util.Objects;

/**
 * A comment to add to a ticket.
 *
 * @param body        non-blank plain text, bounded by {@link SupportSettings#maxCommentLength()}
 * @param attachments files already stored by the host, attached with the comment
 */
public record NewComment(String body, List<NewAttachment> attachments) {

    /** Checks the components and copies the list. */
    public NewComment {
        Objects.requireNonNull(body, "body");
        attachments = List.copyOf(attachments);
    }

    /** A comment with text only. */
    public static NewComment of(String body) {
        return new NewComment(body, List.of());
    }
}

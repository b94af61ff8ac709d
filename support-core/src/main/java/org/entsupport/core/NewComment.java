package org.entsupport.core;

import java.util.List;
import java.util.Objects;
import org.entsupport.core.attachment.NewFile;

/**
 * A comment to add to a ticket. The body is plain text by default (stored as written, escaped wherever it
 * is shown as HTML); {@link #html(String, NewFile...)} marks HTML from a rich-text editor, which is
 * sanitised (see {@link TextFormat}).
 *
 * @param body        non-blank plain text, bounded by {@link SupportSettings#maxCommentLength()}
 * @param attachments files already stored by the host, attached with the comment
 * @param files       files to upload with the comment, checked by the
 *                    {@link org.entsupport.core.attachment.AttachmentPolicy}
 * @param format      whether the body is plain text (the default) or HTML to sanitise
 */
public record NewComment(String body, List<NewAttachment> attachments, List<NewFile> files, TextFormat format) {

    /**
     * Checks the components and copies the lists.
     *
     * @param body non-blank plain text, bounded by {@link SupportSettings#maxCommentLength()}
     * @param attachments files already stored by the host, attached with the comment
     * @param files files to upload with the comment, checked by the {@link
     *         org.entsupport.core.attachment.AttachmentPolicy}
     * @param format whether the body is plain text (the default) or HTML to sanitise
     */
    public NewComment {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(format, "format");
        attachments = List.copyOf(attachments);
        files = List.copyOf(files);
    }

    /**
     * A plain-text comment.
     *
     * @param body non-blank plain text, bounded by {@link SupportSettings#maxCommentLength()}
     * @param attachments files already stored by the host, attached with the comment
     * @param files files to upload with the comment
     */
    public NewComment(String body, List<NewAttachment> attachments, List<NewFile> files) {
        this(body, attachments, files, TextFormat.PLAIN);
    }

    /**
     * A comment written in a rich-text editor: its HTML is sanitised (see {@link TextFormat#HTML}).
     *
     * @param html the comment's HTML; its text is bounded by {@link SupportSettings#maxCommentLength()}
     * @param files files to upload with the comment
     * @return a comment in HTML
     */
    public static NewComment html(String html, NewFile... files) {
        return new NewComment(html, List.of(), List.of(files), TextFormat.HTML);
    }

    /**
     * A comment with references to files the host stored, and no upload.
     *
     * @param body non-blank plain text, bounded by {@link SupportSettings#maxCommentLength()}
     * @param attachments files already stored by the host, attached with the comment
     */
    public NewComment(String body, List<NewAttachment> attachments) {
        this(body, attachments, List.of());
    }

    /**
     * A comment with files to upload.
     *
     * <pre>{@code
     * support.comment(alice, ticketId,
     *         NewComment.of("Voici la capture", NewFile.of("capture.png", part::getInputStream)));
     * }</pre>
     *
     * @param body non-blank plain text, bounded by {@link SupportSettings#maxCommentLength()}
     * @param files files to upload with the comment, checked by the {@link
     *         org.entsupport.core.attachment.AttachmentPolicy}
     * @return a comment with files to upload
     */
    public static NewComment of(String body, NewFile... files) {
        return new NewComment(body, List.of(), List.of(files));
    }

    /**
     * A comment with text only.
     *
     * @param body non-blank plain text, bounded by {@link SupportSettings#maxCommentLength()}
     * @return a comment with text only
     */
    public static NewComment of(String body) {
        return new NewComment(body, List.of());
    }
}

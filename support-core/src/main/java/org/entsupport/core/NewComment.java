package org.entsupport.core;

import java.util.List;
import java.util.Objects;
import org.entsupport.core.attachment.NewFile;
import org.jspecify.annotations.Nullable;

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
 * @param idempotencyKey the client's key for this comment, or {@code null}: sending the same comment again with
 *                    the same key (same actor and ticket) answers with the first comment and writes nothing, which
 *                    makes a retry after a {@link StoreOutcomeUnknownException} safe; 1..255 printable ASCII
 *                    characters without spaces
 */
public record NewComment(
        String body,
        List<NewAttachment> attachments,
        List<NewFile> files,
        TextFormat format,
        @Nullable String idempotencyKey) {

    /**
     * Checks the components and copies the lists.
     *
     * @param body non-blank plain text, bounded by {@link SupportSettings#maxCommentLength()}
     * @param attachments files already stored by the host, attached with the comment
     * @param files files to upload with the comment, checked by the {@link
     *         org.entsupport.core.attachment.AttachmentPolicy}
     * @param format whether the body is plain text (the default) or HTML to sanitise
     * @param idempotencyKey the client's key for this comment, or {@code null}
     */
    public NewComment {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(format, "format");
        attachments = List.copyOf(attachments);
        files = List.copyOf(files);
    }

    /**
     * A comment without idempotency key.
     *
     * @param body non-blank plain text, bounded by {@link SupportSettings#maxCommentLength()}
     * @param attachments files already stored by the host, attached with the comment
     * @param files files to upload with the comment
     * @param format whether the body is plain text (the default) or HTML to sanitise
     */
    public NewComment(String body, List<NewAttachment> attachments, List<NewFile> files, TextFormat format) {
        this(body, attachments, files, format, null);
    }

    /**
     * The same comment with an idempotency key.
     *
     * <pre>{@code
     * support.comment(alice, ticketId, NewComment.of("Merci !").withIdempotencyKey(requestId));
     * }</pre>
     *
     * @param key the client's key, 1..255 printable ASCII characters without spaces, or {@code null} for none
     * @return a copy of this comment with the key
     */
    public NewComment withIdempotencyKey(@Nullable String key) {
        return new NewComment(body, attachments, files, format, key);
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

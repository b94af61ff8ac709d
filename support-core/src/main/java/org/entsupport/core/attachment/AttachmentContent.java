package org.entsupport.core.attachment;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import org.entsupport.core.model.Attachment;

/**
 * A downloaded attachment: its metadata and a stream over its content, which the caller closes.
 *
 * <pre>{@code
 * try (AttachmentContent file = support.openAttachment(actor, ticketId, attachmentId)) {
 *     response.setContentType(file.attachment().mediaType());
 *     response.setHeader("Content-Disposition",
 *             "attachment; filename*=UTF-8''" + encode(file.attachment().fileName()));
 *     response.setHeader("X-Content-Type-Options", "nosniff");
 *     file.content().transferTo(response.getOutputStream());
 * }
 * }</pre>
 *
 * <p>Serve files as downloads ({@code Content-Disposition: attachment}) with {@code nosniff}: the type was
 * checked on upload, but a browser should still never render a user's file inside the host's origin.
 *
 * @param attachment the metadata (name, recognised media type, size)
 * @param content    the bytes, from the first one
 */
public record AttachmentContent(Attachment attachment, InputStream content) implements Closeable {

    /**
     * Checks the components.
     *
     * @param attachment the metadata (name, recognised media type, size)
     * @param content the bytes, from the first one
     */
    public AttachmentContent {
        Objects.requireNonNull(attachment, "attachment");
        Objects.requireNonNull(content, "content");
    }

    /** Closes the content stream. */
    @Override
    public void close() throws IOException {
        content.close();
    }
}

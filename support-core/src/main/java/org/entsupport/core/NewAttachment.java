package org.entsupport.core;

import java.util.Objects;

/**
 * A reference to a document of the host (for instance of the ENT workspace), to be attached to a ticket or
 * a comment. The library resolves it through the host's
 * {@link org.entsupport.core.attachment.HostDocuments} as the acting user, who must be allowed to read it,
 * and keeps a checked copy: nothing the client sends besides the id is trusted.
 *
 * @param documentId the host's id of the document (1..255 characters, no control character)
 */
public record NewAttachment(String documentId) {

    /**
     * Checks that the id is not null; its content is validated by the facade.
     *
     * @param documentId the host's id of the document (1..255 characters, no control character)
     */
    public NewAttachment {
        Objects.requireNonNull(documentId, "documentId");
    }

    /**
     * A reference to the host's document {@code documentId}.
     *
     * @param documentId the host's id of the document
     * @return a reference to it
     */
    public static NewAttachment of(String documentId) {
        return new NewAttachment(documentId);
    }
}

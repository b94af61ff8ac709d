package org.entsupport.core.attachment;

import java.io.IOException;
import java.util.Optional;
import org.entsupport.core.Actor;

/**
 * The host's documents (for an ENT, the workspace) that users attach by reference
 * ({@link org.entsupport.core.NewAttachment}). The library never trusts a client's storage key or media type:
 * it asks this port for the document, as the actor, and copies what it answers through the same checks as an
 * upload (type recognised from the content, policy, scanner) into its {@link AttachmentStore}. The copy is
 * what the ticket's readers download and what the support desk receives, even if the document later changes
 * or the readers have no right to the workspace.
 *
 * <pre>{@code
 * HostDocuments documents = (actor, id) -> workspace.find(id)
 *         .filter(doc -> doc.readableBy(actor.userId()))
 *         .map(doc -> new HostDocument(doc.name(), doc.size(), doc.contentType(), doc::openStream));
 * }</pre>
 *
 * <p>Called on the caller's thread while a request is filed or commented, before the ticket store's
 * transaction; {@link HostDocument#content()} is opened once, right after. Thread-safe.
 */
@FunctionalInterface
public interface HostDocuments {

    /**
     * The document, when it exists and {@code actor} may read it.
     *
     * @param actor      who attaches it: the host checks their right to read it
     * @param documentId the id the client sent, as given (untrusted input)
     * @return the document, or empty when there is none or the actor may not read it (the library answers
     *         both the same way, so that nobody learns which documents exist)
     * @throws IOException when the host's storage fails; the request is refused as unreadable
     */
    Optional<HostDocument> find(Actor actor, String documentId) throws IOException;

    /**
     * No document source: every reference is refused as not found.
     *
     * @return a source that knows no document
     */
    static HostDocuments none() {
        return (actor, documentId) -> Optional.empty();
    }
}

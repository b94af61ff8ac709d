package org.entsupport.core.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Keeps the content of attached files, addressed by keys it generates itself. The metadata (name, type,
 * size, ticket) lives in the ticket store; this port only holds bytes.
 *
 * <p>Bundled: {@link FileSystemAttachmentStore} (a directory), {@link InMemoryAttachmentStore} (tests and
 * examples); support-jdbc adds one in the database. A host that keeps files elsewhere (an ENT workspace, an
 * object store) implements this interface.
 *
 * <p><b>Who calls it, when.</b> The {@link org.entsupport.core.Support} facade calls {@link #store} on the
 * caller's thread <em>before</em> the ticket store's transaction, and outside of it: a store must not expect
 * to join that transaction. When the file is then refused (type, limits, antivirus) or the transaction fails,
 * the facade calls {@link #delete}. {@link #open} serves downloads and the checks that read a file again.
 * Calls arrive concurrently from many threads: implementations are thread-safe.
 *
 * <p><b>Streaming.</b> Files can be large (the policy allows up to gigabytes): an implementation reads and
 * writes in bounded chunks and never holds a whole file in memory.
 */
public interface AttachmentStore {

    /**
     * Writes {@code content} to the end of the stream under a new key that this store generates (never
     * from user input). The content becomes visible to {@link #open} only once it is complete.
     *
     * <p>The caller owns {@code content} and closes it. If reading {@code content} throws, the store removes
     * whatever it wrote and rethrows that same exception unchanged: the caller uses it to tell a file over
     * the size limit (its stream stops with an exception) from a failure of the store.
     *
     * @param content the bytes to keep
     * @return the generated key, the number of bytes written and their SHA-256
     * @throws IOException when the content cannot be read or written; nothing is left behind
     */
    StoredContent store(InputStream content) throws IOException;

    /**
     * Opens the content kept under {@code key}, from its first byte.
     *
     * <p>A key that this store did not generate, or whose content was deleted, gives an empty result; a
     * malformed key (with a path separator, {@code ..}, a drive letter) is never resolved against the
     * underlying storage.
     *
     * @param key a key returned by {@link #store}
     * @return a fresh stream that the caller closes, or empty when there is no such content
     * @throws IOException when the storage cannot be read
     */
    Optional<InputStream> open(String key) throws IOException;

    /**
     * Deletes the content kept under {@code key}. Deleting twice, or a key that this store does not know,
     * is not an error.
     *
     * @param key a key returned by {@link #store}
     * @return whether content was deleted
     * @throws IOException when the storage cannot be written; the facade logs it and goes on (the content
     *         is then an orphan, never referenced by any attachment)
     */
    boolean delete(String key) throws IOException;

    /**
     * The keys of complete content stored before {@code cutoff}, in increasing key order, after
     * {@code afterKey}: the library's housekeeping removes those that no attachment references any more (an
     * upload whose transaction failed, a crash between writing the content and committing). A store that
     * cannot list its content returns none (the default), and its orphans stay.
     *
     * @param cutoff   content stored at or after this instant is left out (uploads may still be running)
     * @param afterKey the last key of the previous page, or {@code ""} for the first
     * @param limit    the most keys to return, at least 1
     * @return the keys, in increasing order
     * @throws IOException when the storage cannot be read
     */
    default java.util.List<String> storedBefore(java.time.Instant cutoff, String afterKey, int limit)
            throws IOException {
        return java.util.List.of();
    }
}

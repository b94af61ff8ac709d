package org.entsupport.core.attachment;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A file to upload with a new ticket ({@link org.entsupport.core.NewTicket.Builder#file}), a comment
 * ({@link org.entsupport.core.NewComment#of(String, NewFile...)}) or on its own
 * ({@link org.entsupport.core.Support#attach}).
 *
 * <pre>{@code
 * NewFile fromUpload = NewFile.of(part.getSubmittedFileName(), part::getInputStream, part.getSize());
 * NewFile fromDisk = NewFile.of("rapport.pdf", Path.of("/tmp/upload-123"));
 * }</pre>
 *
 * <p>The library checks the file before keeping it: its name is cleaned, its type is recognised from its
 * content (the client's content type is not asked for, and not trusted), its size is checked while it is
 * read, and an {@link AttachmentScanner} may reject it. See {@link AttachmentPolicy}.
 *
 * @param fileName     the name given by the user; any path and control character is removed, and an
 *                     extension matching the recognised type is added when the name lacks one
 * @param content      opens the content; called once per upload
 * @param declaredSize the size the client announced, or {@link #UNKNOWN_SIZE}. A file announced over the
 *                     limit is refused without being read; a file whose content differs in length is
 *                     refused as truncated
 */
public record NewFile(String fileName, ContentSource content, long declaredSize) {

    /** The {@link #declaredSize()} of a file whose size was not announced. */
    public static final long UNKNOWN_SIZE = -1;

    /**
     * Checks the components.
     *
     * @param fileName the name given by the user; any path and control character is removed, and an extension
     *         matching the recognised type is added when the name lacks one
     * @param content opens the content; called once per upload
     * @param declaredSize the size the client announced, or {@link #UNKNOWN_SIZE}. A file announced over the limit
     *         is refused without being read; a file whose content differs in length is refused as truncated
     */
    public NewFile {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(content, "content");
        if (declaredSize < UNKNOWN_SIZE) {
            throw new IllegalArgumentException(
                    "declaredSize must be zero or more, or UNKNOWN_SIZE, but was " + declaredSize);
        }
    }

    /**
     * A file whose size is not announced.
     *
     * @param fileName the name given by the user; any path and control character is removed, and an extension
     *         matching the recognised type is added when the name lacks one
     * @param content opens the content; called once per upload
     * @return a file whose size is not announced
     */
    public static NewFile of(String fileName, ContentSource content) {
        return new NewFile(fileName, content, UNKNOWN_SIZE);
    }

    /**
     * A file of the announced size (as a {@code Content-Length} or a multipart part gives it).
     *
     * @param fileName the name given by the user; any path and control character is removed, and an extension
     *         matching the recognised type is added when the name lacks one
     * @param content opens the content; called once per upload
     * @param declaredSize the size the client announced, or {@link #UNKNOWN_SIZE}. A file announced over the limit
     *         is refused without being read; a file whose content differs in length is refused as truncated
     * @return a file of the announced size (as a {@code Content-Length} or a multipart part gives it)
     */
    public static NewFile of(String fileName, ContentSource content, long declaredSize) {
        return new NewFile(fileName, content, declaredSize);
    }

    /**
     * A file on disk, read when uploaded.
     *
     * @param fileName the name given by the user; any path and control character is removed, and an extension
     *         matching the recognised type is added when the name lacks one
     * @param path the file to read
     * @return a file on disk, read when uploaded
     */
    public static NewFile of(String fileName, Path path) {
        Objects.requireNonNull(path, "path");
        return new NewFile(fileName, () -> Files.newInputStream(path), UNKNOWN_SIZE);
    }

    /**
     * A small file already in memory (tests, generated reports). The array is copied.
     *
     * @param fileName the name given by the user; any path and control character is removed, and an extension
     *         matching the recognised type is added when the name lacks one
     * @param bytes the content, copied
     * @return a small file already in memory (tests, generated reports)
     */
    public static NewFile of(String fileName, byte[] bytes) {
        byte[] copy = bytes.clone();
        return new NewFile(fileName, () -> new ByteArrayInputStream(copy), copy.length);
    }

    /**
     * A file from a stream that can be read only once, such as a request body. The facade reads and closes
     * it; a second upload of the same {@code NewFile} fails.
     *
     * @param fileName the name given by the user; any path and control character is removed, and an extension
     *         matching the recognised type is added when the name lacks one
     * @param stream the content, read once when the file is kept
     * @return a file from a stream that can be read only once, such as a request body
     */
    public static NewFile ofStream(String fileName, InputStream stream) {
        Objects.requireNonNull(stream, "stream");
        AtomicBoolean used = new AtomicBoolean();
        return new NewFile(
                fileName,
                () -> {
                    if (used.getAndSet(true)) {
                        throw new java.io.IOException("the stream of " + fileName + " was already read");
                    }
                    return stream;
                },
                UNKNOWN_SIZE);
    }
}

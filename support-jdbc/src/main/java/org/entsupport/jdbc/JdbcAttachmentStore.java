package org.entsupport.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.entsupport.core.attachment.AttachmentStore;
import org.entsupport.core.attachment.StoredContent;
import org.entsupport.jdbc.internal.AttachmentChunks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps attachments in the support database, next to the tickets, in chunks of {@value #CHUNK_SIZE} bytes.
 *
 * <pre>{@code
 * SupportJdbc jdbc = SupportJdbc.builder().dataSource(hostDataSource).build();
 * Support support = Support.builder()
 *         .store(jdbc.store())
 *         .attachmentStore(jdbc.attachmentStore())
 *         .build();
 * }</pre>
 *
 * <p><b>Streaming.</b> {@link #store} reads the content one chunk at a time and writes each chunk in a
 * short transaction of its own, computing size and SHA-256 on the way: at most one chunk is in memory,
 * whatever the file's size and on every database (no PostgreSQL large objects, no driver streaming
 * quirks). A file becomes readable only when its last chunk is written; if reading the content or writing
 * a chunk fails, what was written is deleted. {@link #open} returns a stream that fetches one chunk per
 * query as the caller reads, so a slow download holds neither a connection nor a transaction.
 *
 * <p><b>Keys.</b> 32 random lower-case hexadecimal digits (128 bits from {@link SecureRandom}), never
 * derived from user input. A key of another format is answered without any query.
 *
 * <p><b>Crashes.</b> A JVM that stops in the middle of {@link #store} leaves an incomplete file that nobody
 * can read or reference; {@link #deleteIncomplete} removes such leftovers (run it now and then with a
 * cutoff longer than any upload).
 *
 * <p>Obtained from {@link SupportJdbc#attachmentStore()}. Thread-safe.
 */
public final class JdbcAttachmentStore implements AttachmentStore {

    /** The most bytes of one row of {@code support_attachment_chunks}: 256 KB. */
    public static final int CHUNK_SIZE = 256 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(JdbcAttachmentStore.class);
    private static final Pattern KEY = Pattern.compile("[0-9a-f]{32}");

    private final AttachmentChunks chunks;
    private final Clock clock;
    private final String description;
    private final SecureRandom random = new SecureRandom();

    /**
     * Creates the store (by {@link SupportJdbc}).
     *
     * @param chunks      the tables
     * @param clock       gives the start time of each upload (for {@link #deleteIncomplete})
     * @param description the database and schema, for {@link #toString()}
     */
    JdbcAttachmentStore(AttachmentChunks chunks, Clock clock, String description) {
        this.chunks = Objects.requireNonNull(chunks, "chunks");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.description = Objects.requireNonNull(description, "description");
    }

    /**
     * Whether {@code key} has the format of the keys this store generates (32 lower-case hexadecimal digits).
     *
     * @param key a key
     * @return true when it could be one of this store's keys
     */
    public static boolean isKey(String key) {
        return KEY.matcher(Objects.requireNonNull(key, "key")).matches();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Reads {@code content} in chunks of {@value #CHUNK_SIZE} bytes, each inserted and committed at once.
     *
     * @throws IOException the content's own exception, unchanged, when reading it fails; or an exception
     *         naming the key and the SQL state when the database fails. Either way the rows written are
     *         deleted (if that fails too, it is logged and the rows stay incomplete, unreadable, until
     *         {@link #deleteIncomplete})
     */
    @Override
    public StoredContent store(InputStream content) throws IOException {
        Objects.requireNonNull(content, "content");
        String key = newKey();
        MessageDigest digest = sha256();
        chunks.begin(key, clock.instant());
        try {
            byte[] buffer = new byte[CHUNK_SIZE];
            long size = 0;
            int seq = 0;
            while (true) {
                int n = content.readNBytes(buffer, 0, CHUNK_SIZE);
                if (n == 0) {
                    break;
                }
                digest.update(buffer, 0, n);
                // the driver reads the array during the call only, so the buffer can be reused
                chunks.insertChunk(key, seq, n == CHUNK_SIZE ? buffer : Arrays.copyOf(buffer, n));
                seq++;
                size += n;
                if (n < CHUNK_SIZE) {
                    break; // readNBytes stops short only at the end of the stream
                }
            }
            String sha256 = HexFormat.of().formatHex(digest.digest());
            chunks.complete(key, size, seq, sha256);
            LOG.debug("stored attachment content {} in {} ({} bytes, {} chunks)", key, description, size, seq);
            return new StoredContent(key, size, sha256);
        } catch (IOException | RuntimeException | Error e) {
            discard(key, e);
            throw e;
        }
    }

    private void discard(String key, Throwable reason) {
        try {
            chunks.delete(key);
            LOG.debug("removed the partial attachment content {} after {}", key, reason.toString());
        } catch (IOException | RuntimeException e) {
            LOG.warn(
                    "could not remove the partial attachment content {} from {} after a failed write ({}); it "
                            + "stays incomplete and unreadable until deleteIncomplete: {}",
                    key,
                    description,
                    reason,
                    e.toString());
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Reads the file's header now; the returned stream then runs one query per chunk as it is read, each
     * in its own short transaction. A file deleted while it is being read ends the stream with an
     * {@link IOException}, never with a silently truncated end.
     *
     * @throws IOException naming the key and the SQL state when the database fails
     */
    @Override
    public Optional<InputStream> open(String key) throws IOException {
        if (!isKey(key)) {
            return Optional.empty();
        }
        Optional<AttachmentChunks.Header> header = chunks.header(key);
        return header.map(h -> new ChunkInputStream(chunks, key, h));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Deletes the file's header and, in the same statement, its chunks.
     *
     * @throws IOException naming the key and the SQL state when the database fails
     */
    @Override
    public boolean delete(String key) throws IOException {
        if (!isKey(key)) {
            return false;
        }
        boolean deleted = chunks.delete(key);
        if (deleted) {
            LOG.debug("deleted attachment content {} from {}", key, description);
        }
        return deleted;
    }

    /**
     * Deletes what uploads interrupted by a crash left behind: files whose {@link #store} began before
     * {@code startedBefore} and never completed. Choose a cutoff older than any upload still running, on any
     * node: a running upload whose rows are deleted fails (and its caller sees an {@link IOException}).
     *
     * @param startedBefore the cutoff, such as an hour ago
     * @return how many incomplete files were deleted
     * @throws IOException when the database fails
     */
    public int deleteIncomplete(Instant startedBefore) throws IOException {
        Objects.requireNonNull(startedBefore, "startedBefore");
        int deleted = chunks.deleteIncomplete(startedBefore);
        if (deleted > 0) {
            LOG.info(
                    "deleted {} incomplete attachment content(s) begun before {} from {}",
                    deleted,
                    startedBefore,
                    description);
        }
        return deleted;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Complete files only, by the time their upload began.
     *
     * @throws IOException when the database fails
     */
    @Override
    public java.util.List<String> storedBefore(Instant cutoff, String afterKey, int limit) throws IOException {
        Objects.requireNonNull(cutoff, "cutoff");
        Objects.requireNonNull(afterKey, "afterKey");
        return chunks.completeBefore(cutoff, afterKey, limit);
    }

    private String newKey() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "JdbcAttachmentStore[" + description + "]";
    }

    /** Reads a complete file chunk by chunk, one query each, holding one chunk at a time. */
    private static final class ChunkInputStream extends InputStream {
        private static final byte[] NONE = new byte[0];

        private final AttachmentChunks chunks;
        private final String key;
        private final AttachmentChunks.Header header;
        private byte[] current = NONE;
        private int position;
        private int nextSeq;
        private long delivered;
        private boolean closed;

        ChunkInputStream(AttachmentChunks chunks, String key, AttachmentChunks.Header header) {
            this.chunks = chunks;
            this.key = key;
            this.header = header;
        }

        /** Makes bytes available; false at the end of the file. */
        private boolean fill() throws IOException {
            if (closed) {
                throw new IOException("the stream of attachment content " + key + " is closed");
            }
            while (position == current.length) {
                if (nextSeq == header.chunks()) {
                    if (delivered != header.size()) {
                        throw new IOException("the attachment content " + key + " is damaged: its chunks hold "
                                + delivered + " bytes but its header says " + header.size());
                    }
                    current = NONE;
                    position = 0;
                    return false;
                }
                int seq = nextSeq;
                byte[] next = chunks.chunk(key, seq)
                        .orElseThrow(() -> new IOException("the attachment content "
                                + key + " was deleted while being read (chunk " + seq + " of " + header.chunks()
                                + " is gone)"));
                delivered += next.length;
                if (delivered > header.size()) {
                    throw new IOException("the attachment content " + key + " is damaged: its chunks hold more than"
                            + " the " + header.size() + " bytes its header says");
                }
                current = next;
                position = 0;
                nextSeq++;
            }
            return true;
        }

        @Override
        public int read() throws IOException {
            if (!fill()) {
                return -1;
            }
            return current[position++] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, current.length - position);
            System.arraycopy(current, position, b, off, n);
            position += n;
            return n;
        }

        @Override
        public int available() {
            return closed ? 0 : current.length - position;
        }

        @Override
        public void close() {
            closed = true;
            current = NONE;
            position = 0;
        }
    }
}

package org.entsupport.jdbc.internal;

import static org.entsupport.jdbc.internal.schema.Tables.SUPPORT_ATTACHMENT_CHUNKS;
import static org.entsupport.jdbc.internal.schema.Tables.SUPPORT_ATTACHMENT_CONTENT;

import java.io.IOException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.entsupport.core.StoreException;
import org.jooq.DSLContext;

/**
 * The two tables of the database attachment store: one header row per file in
 * {@code support_attachment_content} and its bytes in {@code support_attachment_chunks}. Each method is
 * one short transaction of its own, so no connection stays borrowed between chunks; database failures
 * become {@link IOException}s (as the attachment port declares) whose message names the key and the SQL
 * state. Thread-safe.
 */
public final class AttachmentChunks {

    private final JdbcTicketStore store;

    /**
     * Works on the database of {@code store}.
     *
     * @param store the ticket store, whose transactions and jOOQ settings (schema) are reused
     */
    public AttachmentChunks(JdbcTicketStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * What the header row of a complete file says.
     *
     * @param size   the number of bytes
     * @param chunks the number of chunks, numbered from 0
     * @param sha256 the digest, 64 lower-case hexadecimal digits
     */
    public record Header(long size, int chunks, String sha256) {}

    private <T> T run(String what, Function<DSLContext, T> work) throws IOException {
        try {
            return store.transact(what, work);
        } catch (StoreException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Writes the header row of a file being stored: incomplete, so that nobody can read it yet. */
    public void begin(String key, Instant now) throws IOException {
        var c = SUPPORT_ATTACHMENT_CONTENT;
        run(
                "start attachment content " + key,
                db -> db.insertInto(c)
                        .set(c.STORAGE_KEY, key)
                        .set(c.COMPLETE, false)
                        .set(c.BYTE_SIZE, 0L)
                        .set(c.CHUNK_COUNT, 0)
                        .set(c.STARTED_AT, JdbcTicketStore.utc(now))
                        .execute());
    }

    /**
     * Writes chunk {@code seq} of a file begun with {@link #begin}.
     *
     * @param data exactly the chunk's bytes; read only during the call
     */
    public void insertChunk(String key, int seq, byte[] data) throws IOException {
        var ch = SUPPORT_ATTACHMENT_CHUNKS;
        run(
                "write chunk " + seq + " of attachment content " + key,
                db -> db.insertInto(ch)
                        .set(ch.STORAGE_KEY, key)
                        .set(ch.SEQ, seq)
                        .set(ch.DATA, data)
                        .execute());
    }

    /**
     * Marks a file complete, which makes it readable.
     *
     * @throws IOException when its header row is gone (deleted while it was being written) or the database fails
     */
    public void complete(String key, long size, int chunks, String sha256) throws IOException {
        var c = SUPPORT_ATTACHMENT_CONTENT;
        int updated = run(
                "complete attachment content " + key,
                db -> db.update(c)
                        .set(c.COMPLETE, true)
                        .set(c.BYTE_SIZE, size)
                        .set(c.CHUNK_COUNT, chunks)
                        .set(c.SHA256, sha256)
                        .where(c.STORAGE_KEY.eq(key).and(c.COMPLETE.isFalse()))
                        .execute());
        if (updated != 1) {
            throw new IOException("The attachment content " + key + " was deleted while it was being written (" + size
                    + " bytes in " + chunks + " chunks)");
        }
    }

    /** The header of a complete file, or empty when there is none under {@code key}. */
    public Optional<Header> header(String key) throws IOException {
        var c = SUPPORT_ATTACHMENT_CONTENT;
        return run(
                "read attachment content " + key,
                db -> db.select(c.BYTE_SIZE, c.CHUNK_COUNT, c.SHA256)
                        .from(c)
                        .where(c.STORAGE_KEY.eq(key).and(c.COMPLETE.isTrue()))
                        .fetchOptional(r -> new Header(r.value1(), r.value2(), r.value3())));
    }

    /** Chunk {@code seq} of a file, or empty when it is not there (the file was deleted meanwhile). */
    public Optional<byte[]> chunk(String key, int seq) throws IOException {
        var ch = SUPPORT_ATTACHMENT_CHUNKS;
        return run(
                "read chunk " + seq + " of attachment content " + key,
                db -> db.select(ch.DATA)
                        .from(ch)
                        .where(ch.STORAGE_KEY.eq(key).and(ch.SEQ.eq(seq)))
                        .fetchOptional(ch.DATA));
    }

    /** Deletes a file, complete or not, with its chunks (by the foreign key's cascade); whether it existed. */
    public boolean delete(String key) throws IOException {
        var c = SUPPORT_ATTACHMENT_CONTENT;
        return run(
                        "delete attachment content " + key,
                        db -> db.deleteFrom(c).where(c.STORAGE_KEY.eq(key)).execute())
                > 0;
    }

    /** Deletes the incomplete files begun before {@code startedBefore}; how many. */
    public int deleteIncomplete(Instant startedBefore) throws IOException {
        var c = SUPPORT_ATTACHMENT_CONTENT;
        return run(
                "delete incomplete attachment content",
                db -> db.deleteFrom(c)
                        .where(c.COMPLETE.isFalse().and(c.STARTED_AT.lt(JdbcTicketStore.utc(startedBefore))))
                        .execute());
    }

    /**
     * The keys of complete files begun before {@code cutoff}, in key order, after {@code afterKey}.
     *
     * @param cutoff   files begun at or after it are left out
     * @param afterKey the last key of the previous page, {@code ""} for the first
     * @param limit    the most keys
     * @return the keys
     * @throws IOException when the database fails
     */
    public java.util.List<String> completeBefore(Instant cutoff, String afterKey, int limit) throws IOException {
        var c = SUPPORT_ATTACHMENT_CONTENT;
        return run(
                "list attachment content",
                db -> db.select(c.STORAGE_KEY)
                        .from(c)
                        .where(c.COMPLETE
                                .isTrue()
                                .and(c.STARTED_AT.lt(JdbcTicketStore.utc(cutoff)))
                                .and(c.STORAGE_KEY.gt(afterKey)))
                        .orderBy(c.STORAGE_KEY)
                        .limit(limit)
                        .fetch(c.STORAGE_KEY));
    }
}

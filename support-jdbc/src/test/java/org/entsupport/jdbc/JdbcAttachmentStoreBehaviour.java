package org.entsupport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.entsupport.core.attachment.StoredContent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What {@link JdbcAttachmentStore} promises, on each database: files of every size around the chunk
 * boundary come back byte for byte with the right size and SHA-256, one row per chunk; unknown and malformed
 * keys give nothing; a failed upload and a delete leave no row; an incomplete file is never readable.
 */
abstract class JdbcAttachmentStoreBehaviour {

    private static final int CHUNK = JdbcAttachmentStore.CHUNK_SIZE;

    /** The database of the subclass, created in its {@code @BeforeAll}. */
    protected abstract TestDatabase db();

    private JdbcAttachmentStore store() {
        return db().jdbc.attachmentStore();
    }

    @BeforeEach
    void empty() {
        db().clear();
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private long count(String table, String where) {
        try (Connection c = db().jdbc.dataSource().getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT COUNT(*) FROM " + db().table(table) + (where.isEmpty() ? "" : " WHERE " + where))) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long rows() {
        return count("support_attachment_content", "") + count("support_attachment_chunks", "");
    }

    /** The key of the one incomplete file, read from the table. */
    private String incompleteKey() {
        try (Connection c = db().jdbc.dataSource().getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT storage_key FROM " + db().table("support_attachment_content")
                        + " WHERE complete = FALSE")) {
            assertThat(rs.next()).as("an incomplete file").isTrue();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code prefix} bytes, then an exception from the client's side. */
    private static InputStream failingAfter(int prefix, IOException failure) {
        return new SequenceInputStream(new ByteArrayInputStream(new byte[prefix]), new InputStream() {
            @Override
            public int read() throws IOException {
                throw failure;
            }
        });
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 1000, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 17})
    void filesRoundTripByteForByteWithSizeDigestAndOneRowPerChunk(int size) throws Exception {
        byte[] bytes = random(size, size);

        StoredContent stored = store().store(new ByteArrayInputStream(bytes));

        assertThat(stored.key()).matches("[0-9a-f]{32}");
        assertThat(stored.size()).isEqualTo(size);
        assertThat(stored.sha256()).isEqualTo(sha256(bytes));
        assertThat(count("support_attachment_chunks", "storage_key = '" + stored.key() + "'"))
                .isEqualTo((size + CHUNK - 1) / CHUNK);
        try (InputStream in = store().open(stored.key()).orElseThrow()) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
            assertThat(in.read()).isEqualTo(-1);
        }
        // byte by byte across a chunk boundary, then odd-sized reads
        try (InputStream in = store().open(stored.key()).orElseThrow()) {
            int head = Math.min(size, 10);
            for (int i = 0; i < head; i++) {
                assertThat(in.read()).isEqualTo(bytes[i] & 0xFF);
            }
            byte[] rest = new byte[size - head];
            int off = 0;
            int n;
            while (off < rest.length && (n = in.read(rest, off, Math.min(7777, rest.length - off))) > 0) {
                off += n;
            }
            assertThat(off).isEqualTo(rest.length);
            assertThat(rest).isEqualTo(java.util.Arrays.copyOfRange(bytes, head, size));
            assertThat(in.read(new byte[10], 0, 10)).isEqualTo(-1);
        }
    }

    @Test
    void twoFilesGetDifferentKeysAndStayApart() throws Exception {
        byte[] a = random(CHUNK + 5, 1);
        byte[] b = random(CHUNK + 5, 2);
        StoredContent sa = store().store(new ByteArrayInputStream(a));
        StoredContent sb = store().store(new ByteArrayInputStream(b));

        assertThat(sa.key()).isNotEqualTo(sb.key());
        try (InputStream in = store().open(sb.key()).orElseThrow()) {
            assertThat(in.readAllBytes()).isEqualTo(b);
        }
        try (InputStream in = store().open(sa.key()).orElseThrow()) {
            assertThat(in.readAllBytes()).isEqualTo(a);
        }
    }

    @Test
    void anOpenStreamTellsWhatItCanGiveWithoutWaitingForTheDatabase() throws Exception {
        byte[] bytes = random(CHUNK + 10, 7);
        StoredContent stored = store().store(new ByteArrayInputStream(bytes));

        InputStream in = store().open(stored.key()).orElseThrow();
        assertThat(in.readNBytes(10)).isEqualTo(java.util.Arrays.copyOf(bytes, 10));
        assertThat(in.available()).as("the rest of the first chunk").isEqualTo(CHUNK - 10);
        in.close();
        assertThat(in.available()).as("closed").isZero();
    }

    @Test
    void anUnknownKeyOpensNothingAndDeletesNothing() throws Exception {
        store().store(new ByteArrayInputStream(random(100, 3)));

        assertThat(store().open("0123456789abcdef0123456789abcdef")).isEmpty();
        assertThat(store().delete("0123456789abcdef0123456789abcdef")).isFalse();
        assertThat(count("support_attachment_content", "")).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "' OR '1'='1",
                "0123456789ABCDEF0123456789ABCDEF",
                "0123456789abcdef0123456789abcde",
                "0123456789abcdef0123456789abcdef0",
                "../0123456789abcdef0123456789abcd",
                "mem-1",
                " 0123456789abcdef0123456789abcde"
            })
    void aMalformedKeyIsNeitherOpenedNorDeleted(String key) throws Exception {
        StoredContent kept = store().store(new ByteArrayInputStream(random(100, 4)));

        assertThat(store().open(key)).isEmpty();
        assertThat(store().delete(key)).isFalse();
        assertThat(JdbcAttachmentStore.isKey(key)).isFalse();
        assertThat(store().open(kept.key())).isPresent().get().satisfies(InputStream::close);
    }

    @Test
    void deleteRemovesTheHeaderAndEveryChunkOnce() throws Exception {
        StoredContent gone = store().store(new ByteArrayInputStream(random(2 * CHUNK + 1, 5)));
        StoredContent kept = store().store(new ByteArrayInputStream(random(CHUNK + 1, 6)));

        assertThat(store().delete(gone.key())).isTrue();
        assertThat(store().delete(gone.key())).isFalse();

        assertThat(store().open(gone.key())).isEmpty();
        assertThat(count("support_attachment_chunks", "storage_key = '" + gone.key() + "'"))
                .isZero();
        assertThat(count("support_attachment_chunks", "storage_key = '" + kept.key() + "'"))
                .isEqualTo(2);
        assertThat(store().open(kept.key())).isPresent().get().satisfies(InputStream::close);
    }

    @Test
    void aSourceFailingAfterOneMegabyteLeavesNoRowAndItsExceptionIsRethrownAsIs() {
        IOException boom = new IOException("the client went away");

        assertThatThrownBy(() -> store().store(failingAfter(1 << 20, boom))).isSameAs(boom);
        assertThat(rows()).isZero();
    }

    @Test
    void aSourceFailingWithARuntimeExceptionLeavesNoRowEither() {
        IllegalStateException boom = new IllegalStateException("decoder bug");
        InputStream failing = new SequenceInputStream(new ByteArrayInputStream(new byte[CHUNK * 2]), new InputStream() {
            @Override
            public int read() {
                throw boom;
            }
        });

        assertThatThrownBy(() -> store().store(failing)).isSameAs(boom);
        assertThat(rows()).isZero();
    }

    @Test
    void aFileBeingWrittenCannotBeOpenedUntilItIsComplete() throws Exception {
        List<Boolean> openedWhileWriting = new ArrayList<>();
        byte[] first = random(CHUNK, 7);
        InputStream slow = new SequenceInputStream(new ByteArrayInputStream(first), new InputStream() {
            private boolean checked;

            @Override
            public int read() throws IOException {
                if (!checked) {
                    checked = true;
                    // the first chunk is written: the file exists but is incomplete
                    openedWhileWriting.add(store().open(incompleteKey()).isPresent());
                }
                return -1;
            }
        });

        StoredContent stored = store().store(slow);

        assertThat(openedWhileWriting).containsExactly(false);
        assertThat(stored.size()).isEqualTo(CHUNK);
        assertThat(store().open(stored.key())).isPresent().get().satisfies(InputStream::close);
    }

    @Test
    void deleteIncompleteRemovesLeftoversAndTheUploadItInterruptsFails() throws Exception {
        StoredContent complete = store().store(new ByteArrayInputStream(random(CHUNK + 1, 8)));
        int[] deleted = {-1};
        InputStream interrupted =
                new SequenceInputStream(new ByteArrayInputStream(random(CHUNK, 9)), new InputStream() {
                    private int calls;

                    @Override
                    public int read() throws IOException {
                        if (calls++ == 0) {
                            // a crashed node's leftover, as seen by a cleanup job with a cutoff in the future
                            deleted[0] = store().deleteIncomplete(Instant.now().plus(1, ChronoUnit.HOURS));
                        }
                        return calls < 10 ? 'x' : -1;
                    }
                });

        assertThatThrownBy(() -> store().store(interrupted))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("attachment content");
        assertThat(deleted[0]).isEqualTo(1);
        assertThat(count("support_attachment_content", "")).isEqualTo(1);
        assertThat(count("support_attachment_chunks", "")).isEqualTo(2);
        assertThat(store().open(complete.key())).isPresent().get().satisfies(InputStream::close);
        assertThat(store().deleteIncomplete(Instant.now().plus(1, ChronoUnit.HOURS)))
                .isZero();
    }

    @Test
    void aFileDeletedWhileBeingReadEndsWithAnErrorNotATruncatedEnd() throws Exception {
        StoredContent stored = store().store(new ByteArrayInputStream(random(3 * CHUNK, 10)));

        try (InputStream in = store().open(stored.key()).orElseThrow()) {
            assertThat(in.readNBytes(CHUNK + 10)).hasSize(CHUNK + 10);
            store().delete(stored.key());
            assertThatThrownBy(in::readAllBytes)
                    .isInstanceOf(IOException.class)
                    .hasMessage("the attachment content " + stored.key()
                            + " was deleted while being read (chunk 2 of 3 is gone)");
        }
    }

    @Test
    void aClosedStreamRefusesToRead() throws Exception {
        StoredContent stored = store().store(new ByteArrayInputStream(random(10, 11)));
        InputStream in = store().open(stored.key()).orElseThrow();
        in.close();

        assertThatThrownBy(in::read)
                .isInstanceOf(IOException.class)
                .hasMessage("the stream of attachment content " + stored.key() + " is closed");
    }

    @Test
    void describesItsDatabaseAndSchema() {
        assertThat(store()).hasToString("JdbcAttachmentStore[" + db().database + ", schema " + db().schema + "]");
    }
}

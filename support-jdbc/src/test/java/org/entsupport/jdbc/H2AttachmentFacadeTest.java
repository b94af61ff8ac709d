package org.entsupport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.entsupport.core.Actor;
import org.entsupport.core.NewTicket;
import org.entsupport.core.Support;
import org.entsupport.core.attachment.AttachmentContent;
import org.entsupport.core.attachment.NewFile;
import org.entsupport.core.model.Attachment;
import org.entsupport.core.model.Ticket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End to end on H2: the facade with the JDBC ticket store and the JDBC attachment store keeps a screenshot
 * in the database and serves the very same bytes back.
 */
class H2AttachmentFacadeTest {

    private static TestDatabase db;

    @BeforeAll
    static void start() {
        db = TestDatabase.h2();
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    /** A valid PNG of {@code width} x 1 grey pixels of seeded noise, which deflate cannot shrink. */
    static byte[] png(int width) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        chunk(
                out,
                "IHDR",
                ByteBuffer.allocate(13)
                        .putInt(width)
                        .putInt(1)
                        .put((byte) 8)
                        .put((byte) 0)
                        .put((byte) 0)
                        .put((byte) 0)
                        .put((byte) 0)
                        .array());
        byte[] row = new byte[width + 1];
        new java.util.Random(42).nextBytes(row);
        row[0] = 0; // filter byte, then the pixels
        Deflater deflater = new Deflater();
        deflater.setInput(row);
        deflater.finish();
        byte[] buffer = new byte[row.length + row.length / 100 + 64];
        int n = deflater.deflate(buffer);
        chunk(out, "IDAT", java.util.Arrays.copyOf(buffer, n));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws Exception {
        out.write(ByteBuffer.allocate(4).putInt(data.length).array());
        byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        out.write(t);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** The storage key the ticket store keeps for {@code a} (readers never see it). */
    static String key(TestDatabase db, Attachment a) {
        return db.jdbc
                .store()
                .inTransaction(tx -> tx.storageKey(a.ticketId(), a.id()))
                .orElseThrow();
    }

    @Test
    void aScreenshotAttachedAtCreationIsKeptInTheDatabaseAndServedBackByteForByte() throws Exception {
        byte[] pngBytes = png(300_000);
        assertThat(pngBytes.length).as("spans two chunks").isGreaterThan(JdbcAttachmentStore.CHUNK_SIZE);
        Support support = Support.builder()
                .store(db.jdbc.store())
                .attachmentStore(db.jdbc.attachmentStore())
                .build();
        Actor owner = Actor.user("u-owner", "Olivia").memberOf("s1").build();

        Ticket t = support.create(
                owner,
                NewTicket.builder()
                        .school("s1")
                        .category("/blog")
                        .subject("Écran noir")
                        .description("Voir la copie d'écran")
                        .file(NewFile.of("capture.png", pngBytes))
                        .build());

        Attachment a = support.attachments(owner, t.id()).get(0);
        assertThat(a.fileName()).isEqualTo("capture.png");
        assertThat(a.mediaType()).isEqualTo("image/png");
        assertThat(a.size()).isEqualTo(pngBytes.length);
        String key = key(db, a);
        assertThat(JdbcAttachmentStore.isKey(key)).isTrue();
        try (AttachmentContent c = support.openAttachment(owner, t.id(), a.id());
                InputStream in = c.content()) {
            assertThat(in.readAllBytes()).isEqualTo(pngBytes);
        }
        try (Connection c = db.jdbc.dataSource().getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT byte_size, complete FROM "
                        + db.table("support_attachment_content") + " WHERE storage_key = '" + key + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(pngBytes.length);
            assertThat(rs.getBoolean(2)).isTrue();
        }
        support.close();
    }
}

package org.entsupport.jdbc;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.entsupport.core.Actor;
import org.entsupport.core.NewTicket;
import org.entsupport.core.Support;
import org.entsupport.core.attachment.AttachmentContent;
import org.entsupport.core.attachment.AttachmentPolicy;
import org.entsupport.core.attachment.NewFile;
import org.entsupport.core.attachment.StoredContent;
import org.entsupport.core.model.Attachment;
import org.entsupport.core.model.Ticket;

/**
 * Uploads and downloads one large generated PDF through the database attachment store, in a JVM of its own
 * (started by {@link DatabaseLargeFileStreaming} with a small heap). Arguments: the mode, the JDBC URL, the
 * schema and the size in bytes. Modes:
 * <ul>
 * <li>{@code facade}: a ticket with the file through {@link Support} (checks, digest, store), then the
 * download through the facade; prints {@code OK size=... sha256=...} and exits 0 when both digests match;</li>
 * <li>{@code whole}: stores the file through the store, then reads the download into one array, as a
 * store that buffers would: that must run out of memory, which proves the heap is small enough to tell.</li>
 * </ul>
 */
public final class DatabaseLargeFileRoundTrip {

    private DatabaseLargeFileRoundTrip() {}

    /** A PDF header, then {@code size} bytes in all of a cheap pseudo-random pattern, generated as read. */
    static InputStream generatedPdf(long size) {
        byte[] header = "%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n".getBytes(StandardCharsets.ISO_8859_1);
        return new InputStream() {
            private long position;

            @Override
            public int read() {
                if (position >= size) {
                    return -1;
                }
                long p = position++;
                return p < header.length ? header[(int) p] & 0xFF : (int) ((p * 31 + (p >>> 12)) & 0xFF);
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (position >= size) {
                    return -1;
                }
                int n = (int) Math.min(len, size - position);
                for (int i = 0; i < n; i++) {
                    b[off + i] = (byte) read();
                }
                return n;
            }
        };
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        long size = Long.parseLong(args[3]);
        try (SupportJdbc jdbc = SupportJdbc.builder()
                .jdbcUrl(args[1])
                .schema(args[2])
                .poolSize(2)
                .build()) {
            if (mode.equals("whole")) {
                StoredContent stored = jdbc.attachmentStore().store(generatedPdf(size));
                System.out.println("STORED size=" + stored.size());
                try (InputStream in = jdbc.attachmentStore().open(stored.key()).orElseThrow()) {
                    byte[] all = in.readAllBytes();
                    System.out.println("READ WHOLE size=" + all.length);
                }
                System.exit(2);
            }
            Support support = Support.builder()
                    .store(jdbc.store())
                    .attachmentStore(jdbc.attachmentStore())
                    .attachmentPolicy(AttachmentPolicy.builder()
                            .maxFileSize(64L << 20)
                            .maxTotalPerTicket(64L << 20)
                            .build())
                    .build();
            Actor owner = Actor.user("u-owner", "Olivia").memberOf("s1").build();
            MessageDigest up = MessageDigest.getInstance("SHA-256");
            long start = System.nanoTime();
            Ticket t = support.create(
                    owner,
                    NewTicket.builder()
                            .school("s1")
                            .category("/blog")
                            .subject("Gros fichier")
                            .description("Un export de 50 Mo")
                            .file(NewFile.of("export.pdf", () -> new DigestInputStream(generatedPdf(size), up), size))
                            .build());
            long uploaded = System.nanoTime();
            Attachment a = support.attachments(owner, t.id()).get(0);
            MessageDigest down = MessageDigest.getInstance("SHA-256");
            long read;
            try (AttachmentContent c = support.openAttachment(owner, t.id(), a.id());
                    InputStream in = new DigestInputStream(c.content(), down)) {
                read = in.transferTo(OutputStream.nullOutputStream());
            }
            long downloaded = System.nanoTime();
            String upHex = HexFormat.of().formatHex(up.digest());
            String downHex = HexFormat.of().formatHex(down.digest());
            boolean ok = read == size
                    && a.size() == size
                    && upHex.equals(downHex)
                    && a.mediaType().equals("application/pdf");
            System.out.println((ok ? "OK" : "MISMATCH") + " size=" + read + " stored=" + a.size() + " sha256="
                    + downHex + " upload=" + upHex + " maxHeap="
                    + Runtime.getRuntime().maxMemory()
                    + " uploadMs=" + (uploaded - start) / 1_000_000 + " downloadMs="
                    + (downloaded - uploaded) / 1_000_000);
            support.close();
            System.exit(ok ? 0 : 1);
        }
    }
}

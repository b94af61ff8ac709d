package org.entsupport.core;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.entsupport.core.attachment.AttachmentContent;
import org.entsupport.core.attachment.AttachmentPolicy;
import org.entsupport.core.attachment.AttachmentStore;
import org.entsupport.core.attachment.FileSystemAttachmentStore;
import org.entsupport.core.attachment.InMemoryAttachmentStore;
import org.entsupport.core.attachment.NewFile;
import org.entsupport.core.attachment.ScanResult;
import org.entsupport.core.model.Attachment;
import org.entsupport.core.model.Ticket;

/**
 * Uploads and downloads one large generated file through the facade, in a JVM of its own (started by
 * {@link LargeFileStreamingTest} with a small heap). Arguments: {@code fs <dir>} or {@code memory}, then the
 * size in bytes. Prints {@code OK size=<n> sha256=<hex>} and exits 0 when the download equals the upload.
 */
public final class LargeFileRoundTrip {

    private LargeFileRoundTrip() {}

    public static void main(String[] args) throws Exception {
        AttachmentStore store =
                args[0].equals("fs") ? new FileSystemAttachmentStore(Path.of(args[1])) : new InMemoryAttachmentStore();
        long size = Long.parseLong(args[args.length - 1]);
        long[] scanned = {0};
        Support support = Support.builder()
                .attachmentStore(store)
                .attachmentPolicy(AttachmentPolicy.builder()
                        .maxFileSize(64L << 20)
                        .maxTotalPerTicket(64L << 20)
                        .build())
                .attachmentScanner((name, type, in) -> {
                    scanned[0] = in.transferTo(OutputStream.nullOutputStream());
                    return ScanResult.clean();
                })
                .build();
        Actor owner = Actor.user("u-owner", "Olivia").memberOf("s1").build();
        MessageDigest up = MessageDigest.getInstance("SHA-256");
        Ticket t = support.create(
                owner,
                NewTicket.builder()
                        .school("s1")
                        .category("/blog")
                        .subject("Gros fichier")
                        .description("Un export de 50 Mo")
                        .file(NewFile.of(
                                "export.pdf",
                                () -> new DigestInputStream(Samples.generated(Samples.pdf(), size), up),
                                size))
                        .build());
        Attachment a = support.attachments(owner, t.id()).get(0);
        MessageDigest down = MessageDigest.getInstance("SHA-256");
        long read;
        try (AttachmentContent c = support.openAttachment(owner, t.id(), a.id());
                InputStream in = new DigestInputStream(c.content(), down)) {
            read = in.transferTo(OutputStream.nullOutputStream());
        }
        String upHex = HexFormat.of().formatHex(up.digest());
        String downHex = HexFormat.of().formatHex(down.digest());
        boolean ok = read == size
                && a.size() == size
                && scanned[0] == size
                && upHex.equals(downHex)
                && a.mediaType().equals("application/pdf");
        System.out.println((ok ? "OK" : "MISMATCH") + " size=" + read + " stored=" + a.size() + " scanned=" + scanned[0]
                + " sha256=" + downHex + " upload=" + upHex + " maxHeap="
                + Runtime.getRuntime().maxMemory());
        support.close();
        System.exit(ok ? 0 : 1);
    }
}

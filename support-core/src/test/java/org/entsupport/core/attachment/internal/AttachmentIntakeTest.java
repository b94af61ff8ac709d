package org.entsupport.core.attachment.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.entsupport.core.Actor;
import org.entsupport.core.NewAttachment;
import org.entsupport.core.StoreException;
import org.entsupport.core.ValidationException;
import org.entsupport.core.attachment.AttachmentContent;
import org.entsupport.core.attachment.AttachmentNotFoundException;
import org.entsupport.core.attachment.AttachmentPolicy;
import org.entsupport.core.attachment.AttachmentRefusedException;
import org.entsupport.core.attachment.AttachmentRefusedException.Reason;
import org.entsupport.core.attachment.AttachmentScanner;
import org.entsupport.core.attachment.AttachmentStore;
import org.entsupport.core.attachment.FileType;
import org.entsupport.core.attachment.HostDocument;
import org.entsupport.core.attachment.InMemoryAttachmentStore;
import org.entsupport.core.attachment.NewFile;
import org.entsupport.core.attachment.ScanResult;
import org.entsupport.core.attachment.StoredContent;
import org.entsupport.core.model.Attachment;
import org.entsupport.core.model.Origin;
import org.entsupport.core.spi.AttachmentDraft;
import org.entsupport.core.spi.StoreTransaction;
import org.junit.jupiter.api.Test;

/** The intake's checks, limits at the limit and one beyond, and its clean-up when anything fails. */
class AttachmentIntakeTest {

    private static final byte[] PDF = "%PDF-1.7\n%âãÏÓ\n".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] TEXT = "Bonjour, voici le journal.\n".getBytes(StandardCharsets.UTF_8);

    private final InMemoryAttachmentStore store = new InMemoryAttachmentStore();

    private static AttachmentPolicy.Builder policy() {
        return AttachmentPolicy.builder();
    }

    private AttachmentIntake intake(AttachmentPolicy policy) {
        return new AttachmentIntake(store, policy, null);
    }

    private static byte[] text(int size) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) 'a');
        return b;
    }

    private static NewFile undeclared(String name, byte[] content) {
        return NewFile.of(name, () -> new ByteArrayInputStream(content));
    }

    private static Reason reason(Throwable t) {
        return ((AttachmentRefusedException) t).reason();
    }

    // ---- accepted files

    @Test
    void aFileIsKeptWithItsTypeSizeKeyAndDigest() throws Exception {
        List<StagedFile> staged =
                intake(AttachmentPolicy.defaults()).stage(7, List.of(NewFile.of("doc.pdf", PDF)), 0, 0);
        assertThat(staged).hasSize(1);
        StagedFile f = staged.get(0);
        assertThat(f.fileName()).isEqualTo("doc.pdf");
        assertThat(f.type()).isEqualTo(FileType.PDF);
        assertThat(f.size()).isEqualTo(PDF.length);
        assertThat(f.sha256())
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(PDF)));
        assertThat(store.open(f.storageKey()).orElseThrow().readAllBytes()).isEqualTo(PDF);
    }

    @Test
    void aNameWithoutTheTypesExtensionGetsIt() {
        AttachmentIntake intake = intake(AttachmentPolicy.defaults());
        assertThat(intake.stage(1, List.of(NewFile.of("scan", PDF)), 0, 0)
                        .get(0)
                        .fileName())
                .isEqualTo("scan.pdf");
        assertThat(intake.stage(1, List.of(NewFile.of("../x/Scan.PDF", PDF)), 0, 0)
                        .get(0)
                        .fileName())
                .isEqualTo("Scan.PDF");
        assertThat(intake.stage(1, List.of(NewFile.of("notes.pdf", TEXT)), 0, 0)
                        .get(0)
                        .fileName())
                .isEqualTo("notes.pdf.txt");
    }

    @Test
    void noFileNeedsNoStore() {
        assertThat(AttachmentIntake.none().stage(1, List.of(), 0, 0)).isEmpty();
        assertThat(AttachmentIntake.none().hasStore()).isFalse();
        assertThat(intake(AttachmentPolicy.defaults()).hasStore()).isTrue();
        AttachmentPolicy p = policy().maxFilesPerTicket(3).build();
        assertThat(intake(p).policy()).isSameAs(p);
        assertThat(AttachmentIntake.none().policy().maxFilesPerTicket())
                .isEqualTo(AttachmentPolicy.DEFAULT_MAX_FILES_PER_TICKET);
    }

    @Test
    void filesWithoutStoreAreAConfigurationError() {
        assertThatThrownBy(() -> AttachmentIntake.none().stage(1, List.of(NewFile.of("a.pdf", PDF)), 0, 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("no attachment store is configured");
    }

    @Test
    void aTextFileLongerThanTheHeaderIsCheckedToItsEnd() {
        AttachmentIntake intake = intake(AttachmentPolicy.defaults());
        byte[] ok = text(ContentSniffer.HEADER_SIZE + 100);
        assertThat(intake.stage(1, List.of(NewFile.of("big.txt", ok)), 0, 0)
                        .get(0)
                        .type())
                .isEqualTo(FileType.TEXT);

        byte[] binaryLater = text(ContentSniffer.HEADER_SIZE + 100);
        binaryLater[ContentSniffer.HEADER_SIZE + 50] = 0;
        assertThatThrownBy(() -> intake.stage(1, List.of(NewFile.of("big.txt", binaryLater)), 0, 0))
                .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.TYPE_NOT_ALLOWED))
                .hasMessageContaining("binary data of an unknown kind (control character U+0000 at byte 8242)");

        byte[] cut = text(ContentSniffer.HEADER_SIZE + 1);
        cut[cut.length - 1] = (byte) 0xC3;
        assertThatThrownBy(() -> intake.stage(1, List.of(NewFile.of("cut.txt", cut)), 0, 0))
                .hasMessageContaining("UTF-8 sequence cut by the end of the file");

        byte[] markupLater =
                (new String(text(ContentSniffer.HEADER_SIZE)) + " <b>x</b>").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> intake.stage(1, List.of(NewFile.of("page.txt", markupLater)), 0, 0))
                .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.TYPE_NOT_ALLOWED))
                .hasMessageContaining("text containing HTML (an HTML element at byte 8193)");
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void aTextOfExactlyTheHeaderSizeIsCheckedAsWhole() {
        byte[] exact = text(ContentSniffer.HEADER_SIZE);
        exact[exact.length - 1] = (byte) 0xC3;
        assertThatThrownBy(
                        () -> intake(AttachmentPolicy.defaults()).stage(1, List.of(NewFile.of("cut.txt", exact)), 0, 0))
                .hasMessageContaining("UTF-8 sequence cut by the end of the file");
        assertThat(store.size()).isZero();
    }

    @Test
    void aCharacterCutByTheEndOfTheHeaderIsCompletedByTheRest() {
        byte[] content = (new String(text(ContentSniffer.HEADER_SIZE - 1)) + "é").getBytes(StandardCharsets.UTF_8);
        assertThat(intake(AttachmentPolicy.defaults())
                        .stage(1, List.of(NewFile.of("a.txt", content)), 0, 0)
                        .get(0)
                        .type())
                .isEqualTo(FileType.TEXT);
    }

    @Test
    void aShortFileRefusedFromItsHeaderIsNeverWritten() {
        List<String> writes = new ArrayList<>();
        AttachmentStore recording = new FailingStore(store) {
            @Override
            public StoredContent store(InputStream content) throws IOException {
                writes.add("store");
                return super.store(content);
            }
        };
        byte[] cut = {'c', 'a', 'f', (byte) 0xC3};
        assertThatThrownBy(() -> new AttachmentIntake(recording, AttachmentPolicy.defaults(), null)
                        .stage(1, List.of(NewFile.of("a.txt", cut)), 0, 0))
                .hasMessageContaining("UTF-8 sequence cut by the end of the file");
        assertThat(writes).isEmpty();
    }

    @Test
    void aDeclaredSizeOfZeroIsCheckedToo() {
        assertThatThrownBy(() -> intake(AttachmentPolicy.defaults())
                        .stage(1, List.of(NewFile.of("a.txt", () -> new ByteArrayInputStream(TEXT), 0)), 0, 0))
                .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.SIZE_MISMATCH));
        assertThat(store.size()).isZero();
    }

    @Test
    void refusalsCarryTheirArguments() {
        AttachmentIntake intake = intake(policy().maxFileSize(10)
                .maxTotalPerTicket(10)
                .maxFilesPerTicket(1)
                .build());
        assertThatThrownBy(() -> intake.stage(0, List.of(NewFile.of("a.txt", TEXT), NewFile.of("b.txt", TEXT)), 0, 0))
                .hasMessageEndingWith(
                        "attachments: the new ticket would have 2 attachments; the limit is 1 per ticket");
        assertThatThrownBy(() -> intake.stage(1, List.of(undeclared("a.txt", text(11))), 0, 0))
                .satisfies(e -> assertThat(((AttachmentRefusedException) e)
                                .violations()
                                .get(0)
                                .arguments())
                        .containsExactly("a.txt", 11L, 10L, 1));
        assertThatThrownBy(() -> intake.stage(1, List.of(NewFile.of("x\u0001y/..", TEXT)), 0, 0))
                .satisfies(e -> assertThat(((AttachmentRefusedException) e)
                                .violations()
                                .get(0)
                                .arguments())
                        .containsExactly(1))
                .hasMessageContaining("file 1 has no usable name ('x?y/..'");
    }

    // ---- refusals before anything is stored

    @Test
    void tooManyFilesAreRefusedAtTheLimitPlusOne() {
        AttachmentIntake intake = intake(policy().maxFilesPerTicket(3).build());
        assertThat(intake.stage(1, List.of(NewFile.of("a.pdf", PDF)), 2, 0)).hasSize(1);
        assertThatThrownBy(() -> intake.stage(4, List.of(NewFile.of("a.pdf", PDF), NewFile.of("b.pdf", PDF)), 2, 0))
                .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.TOO_MANY))
                .hasMessageEndingWith("attachments: ticket 4 would have 4 attachments; the limit is 3 per ticket");
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void aNameThatCleansToNothingIsRefused() {
        assertThatThrownBy(() -> intake(AttachmentPolicy.defaults())
                        .stage(1, List.of(NewFile.of("a.pdf", PDF), NewFile.of("dir/..", PDF)), 0, 0))
                .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.NAME_INVALID))
                .hasMessageContaining("attachments: file 2 has no usable name");
        assertThat(store.size()).isZero();
    }

    @Test
    void aDeclaredSizeOverALimitIsRefusedWithoutReading() {
        AtomicBoolean opened = new AtomicBoolean();
        AttachmentIntake intake =
                intake(policy().maxFileSize(100).maxTotalPerTicket(150).build());
        assertThatThrownBy(() -> intake.stage(
                        1,
                        List.of(NewFile.of(
                                "a.txt",
                                () -> {
                                    opened.set(true);
                                    return new ByteArrayInputStream(text(101));
                                },
                                101)),
                        0,
                        0))
                .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.TOO_LARGE))
                .hasMessageEndingWith("attachments: a.txt is 101 bytes; the limit is 100");
        assertThatThrownBy(() -> intake.stage(
                        2,
                        List.of(NewFile.of(
                                "b.txt",
                                () -> {
                                    opened.set(true);
                                    return new ByteArrayInputStream(text(51));
                                },
                                51)),
                        1,
                        100))
                .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.TICKET_TOTAL_EXCEEDED))
                .hasMessageEndingWith(
                        "attachments: b.txt would bring the attachments of ticket 2 to at least 151 bytes; the limit is 150 per"
                                + " ticket");
        assertThat(opened).isFalse();
        // at the limits exactly
        assertThat(intake.stage(1, List.of(NewFile.of("c.txt", text(100))), 0, 0))
                .hasSize(1);
        assertThat(intake.stage(1, List.of(NewFile.of("d.txt", text(50))), 1, 100))
                .hasSize(1);
    }

    @Test
    void aSourceThatCannotBeOpenedOrReadIsUnreadable() {
        AttachmentIntake intake = intake(AttachmentPolicy.defaults());
        assertThatThrownBy(() -> intake.stage(
                        1,
                        List.of(NewFile.of("a.pdf", () -> {
                            throw new IOException("gone");
                        })),
                        0,
                        0))
                .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.UNREADABLE))
                .hasMessageContaining("gone");
        assertThatThrownBy(() -> intake.stage(
                        1,
                        List.of(NewFile.of("b.pdf", () -> new InputStream() {
                            @Override
                            public int read() throws IOException {
                                throw new IOException("reset by peer");
                            }
                        })),
                        0,
                        0))
                .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.UNREADABLE))
                .hasMessageContaining("reset by peer");
        assertThat(store.size()).isZero();
    }

    @Test
    void anEmptyFileIsRefused() {
        assertThatThrownBy(() -> intake(AttachmentPolicy.defaults())
                        .stage(1, List.of(NewFile.of("empty.txt", new byte[0])), 0, 0))
                .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.EMPTY))
                .hasMessageEndingWith("attachments: empty.txt is empty (0 bytes)");
    }

    @Test
    void aTypeRefusedFromTheHeaderIsNeverStored() {
        AttachmentIntake intake =
                intake(policy().allowedTypes(EnumSet.of(FileType.TEXT)).build());
        assertThatThrownBy(() -> intake.stage(
                        1, List.of(NewFile.of("a.exe", "MZ\u0090".getBytes(StandardCharsets.ISO_8859_1))), 0, 0))
                .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.TYPE_NOT_ALLOWED))
                .hasMessageEndingWith(
                        "attachments: a.exe is not an accepted type: its content is a Windows executable (MZ/PE); accepted: TEXT");
        assertThatThrownBy(() -> intake.stage(1, List.of(NewFile.of("a.pdf", PDF)), 0, 0))
                .hasMessageEndingWith(
                        "attachments: a.pdf is not an accepted type: its content is a PDF file (application/pdf); accepted: TEXT");
        assertThat(store.size()).isZero();
    }

    @Test
    void aTypeKnownOnlyAfterInspectionIsDeletedWhenNotAccepted() throws IOException {
        AttachmentIntake intake = intake(
                policy().allowedTypes(EnumSet.of(FileType.PDF, FileType.XLSX)).build());
        assertThatThrownBy(() -> intake.stage(1, List.of(NewFile.of("a.docx", docx())), 0, 0))
                .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.TYPE_NOT_ALLOWED))
                .hasMessageContaining("its content is a DOCX file");
        assertThat(store.size()).isZero();
        assertThat(intake(AttachmentPolicy.defaults())
                        .stage(1, List.of(NewFile.of("a", docx())), 0, 0)
                        .get(0))
                .satisfies(f -> {
                    assertThat(f.type()).isEqualTo(FileType.DOCX);
                    assertThat(f.fileName()).isEqualTo("a.docx");
                });
    }

    @Test
    void containersThatAreNoDocumentAreRefusedAndDeleted() throws IOException {
        AttachmentIntake intake = intake(AttachmentPolicy.defaults());
        byte[] zip = zip("readme.txt", "hello");
        assertThatThrownBy(() -> intake.stage(1, List.of(NewFile.of("a.zip", zip)), 0, 0))
                .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.TYPE_NOT_ALLOWED))
                .hasMessageContaining("its content is a ZIP archive;");
        byte[] ole2 = new byte[1024];
        System.arraycopy(
                new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1},
                0,
                ole2,
                0,
                8);
        assertThatThrownBy(() -> intake.stage(1, List.of(NewFile.of("a.msi", ole2)), 0, 0))
                .hasMessageContaining("an OLE2 compound file that is not a Word");
        assertThat(store.size()).isZero();
    }

    private static byte[] zip(String... namesAndContents) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                zip.putNextEntry(new ZipEntry(namesAndContents[i]));
                zip.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static byte[] docx() throws IOException {
        return zip(
                "[Content_Types].xml",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                "word/document.xml",
                "<w:document/>");
    }

    // ---- the size limit while streaming

    @Test
    void anUndeclaredFileAtTheLimitIsKeptAndOneByteMoreIsRefusedWithItsExactSize() {
        AttachmentIntake intake =
                intake(policy().maxFileSize(10_000).maxTotalPerTicket(1_000_000).build());
        assertThat(intake.stage(1, List.of(undeclared("a.txt", text(10_000))), 0, 0)
                        .get(0)
                        .size())
                .isEqualTo(10_000);
        assertThatThrownBy(() -> intake.stage(1, List.of(undeclared("b.txt", text(10_001))), 0, 0))
                .satisfies(e -> {
                    assertThat(reason(e)).isEqualTo(Reason.TOO_LARGE);
                    assertThat(((AttachmentRefusedException) e).actual()).hasValue(10_001);
                    assertThat(((AttachmentRefusedException) e).limit()).hasValue(10_000);
                })
                .hasMessageEndingWith("attachments: b.txt is 10,001 bytes; the limit is 10,000");
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void aHugeUploadIsMeasuredOnlyUpToThreeTimesTheLimit() {
        // the limit is below 1 MiB, so the upload is measured up to 3 MiB
        AttachmentIntake intake =
                intake(policy().maxFileSize(1000).maxTotalPerTicket(1000).build());
        int megabytes = 3 * 1024 * 1024;
        assertThatThrownBy(() -> intake.stage(1, List.of(undeclared("exact.txt", text(megabytes))), 0, 0))
                .hasMessageEndingWith("attachments: exact.txt is 3,145,728 bytes; the limit is 1,000");
        assertThatThrownBy(() -> intake.stage(1, List.of(undeclared("huge.txt", text(megabytes + 1))), 0, 0))
                .satisfies(e ->
                        assertThat(((AttachmentRefusedException) e).actual()).hasValue(megabytes))
                .hasMessageEndingWith("attachments: huge.txt is more than 3,145,728 bytes; the limit is 1,000");
        assertThat(store.size()).isZero();
    }

    @Test
    void aFailureWhileMeasuringGivesALowerBound() {
        AttachmentIntake intake =
                intake(policy().maxFileSize(1000).maxTotalPerTicket(1000).build());
        InputStream failsLater = new FilterInputStream(new ByteArrayInputStream(text(20_000))) {
            private int read;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (read >= 9000) {
                    throw new IOException("cut");
                }
                int n = super.read(b, off, Math.min(len, 1000));
                read += Math.max(n, 0);
                return n;
            }
        };
        assertThatThrownBy(() -> intake.stage(1, List.of(NewFile.of("f.txt", () -> failsLater)), 0, 0))
                .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.TOO_LARGE))
                .hasMessageEndingWith("attachments: f.txt is more than 3,145,728 bytes; the limit is 1,000");
    }

    @Test
    void whenTheTicketHasLessRoomThanOneFileTheTicketTotalIsNamed() {
        AttachmentIntake intake =
                intake(policy().maxFileSize(1000).maxTotalPerTicket(1500).build());
        assertThatThrownBy(() -> intake.stage(9, List.of(undeclared("b.txt", text(601))), 1, 900))
                .satisfies(e -> {
                    assertThat(reason(e)).isEqualTo(Reason.TICKET_TOTAL_EXCEEDED);
                    assertThat(((AttachmentRefusedException) e).actual()).hasValue(1501);
                })
                .hasMessageEndingWith(
                        "attachments: b.txt would bring the attachments of ticket 9 to at least 1,501 bytes; the limit is 1,500"
                                + " per ticket");
        assertThat(intake.stage(9, List.of(undeclared("c.txt", text(600))), 1, 900))
                .hasSize(1);
        // with room for a whole file, the file limit is the one named
        assertThatThrownBy(() -> intake.stage(0, List.of(undeclared("d.txt", text(1001))), 0, 500))
                .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.TOO_LARGE));
    }

    @Test
    void eachFileCountsAgainstTheTicketTotalOfTheNextAndEarlierOnesAreDeleted() {
        AttachmentIntake intake =
                intake(policy().maxFileSize(1000).maxTotalPerTicket(1500).build());
        assertThatThrownBy(() ->
                        intake.stage(0, List.of(undeclared("a.txt", text(800)), undeclared("b.txt", text(701))), 0, 0))
                .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.TICKET_TOTAL_EXCEEDED))
                .hasMessageEndingWith(
                        "attachments: b.txt would bring the attachments of the new ticket to at least 1,501 bytes; the limit is"
                                + " 1,500 per ticket");
        assertThat(store.size()).isZero();
        assertThat(intake.stage(0, List.of(undeclared("a.txt", text(800)), undeclared("b.txt", text(700))), 0, 0))
                .extracting(StagedFile::size)
                .containsExactly(800L, 700L);
    }

    @Test
    void aSizeOtherThanTheDeclaredOneIsRefused() {
        AttachmentIntake intake = intake(AttachmentPolicy.defaults());
        assertThatThrownBy(() -> intake.stage(
                        1, List.of(NewFile.of("a.txt", () -> new ByteArrayInputStream(text(99)), 100)), 0, 0))
                .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.SIZE_MISMATCH))
                .hasMessageEndingWith(
                        "attachments: a.txt has 99 bytes but 100 were announced: the upload was cut or altered");
        assertThat(store.size()).isZero();
    }

    @Test
    void aSourceFailingAfterItsHeaderIsUnreadableAndAStoreFailureIsTheStores() {
        AttachmentIntake intake = intake(AttachmentPolicy.defaults());
        InputStream failing =
                new java.io.SequenceInputStream(new ByteArrayInputStream(text(20_000)), new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException("client went away");
                    }
                });
        assertThatThrownBy(() -> intake.stage(1, List.of(NewFile.of("a.txt", () -> failing)), 0, 0))
                .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.UNREADABLE))
                .hasMessageContaining("client went away");

        AttachmentStore broken = new FailingStore(store) {
            @Override
            public StoredContent store(InputStream content) throws IOException {
                content.readAllBytes();
                throw new IOException("disk full");
            }
        };
        AttachmentIntake brokenIntake = new AttachmentIntake(broken, AttachmentPolicy.defaults(), null);
        assertThatThrownBy(() -> brokenIntake.stage(1, List.of(NewFile.of("b.txt", TEXT)), 0, 0))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("failed to write b.txt")
                .hasRootCauseMessage("disk full");
    }

    @Test
    void aSourceThatFailsToCloseIsUnreadable() {
        InputStream failsOnClose = new ByteArrayInputStream(TEXT) {
            @Override
            public void close() throws IOException {
                throw new IOException("close failed");
            }
        };
        assertThatThrownBy(() -> intake(AttachmentPolicy.defaults())
                        .stage(1, List.of(NewFile.of("a.txt", () -> failsOnClose)), 0, 0))
                .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.UNREADABLE))
                .hasMessageContaining("close failed");
        assertThat(store.size()).isZero();
    }

    @Test
    void aStoreThatMiscountsOrLosesTheContentFails() {
        AttachmentStore miscounting = new FailingStore(store) {
            @Override
            public StoredContent store(InputStream content) throws IOException {
                StoredContent s = super.store(content);
                return new StoredContent(s.key(), s.size() + 1, s.sha256());
            }
        };
        assertThatThrownBy(() -> new AttachmentIntake(miscounting, AttachmentPolicy.defaults(), null)
                        .stage(1, List.of(NewFile.of("a.txt", TEXT)), 0, 0))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(
                        "reported " + (TEXT.length + 1) + " bytes for a.txt but was given " + TEXT.length);
        assertThat(store.size()).isZero();

        AttachmentStore losing = new FailingStore(store) {
            @Override
            public Optional<InputStream> open(String key) {
                return Optional.empty();
            }
        };
        assertThatThrownBy(() -> new AttachmentIntake(losing, AttachmentPolicy.defaults(), null)
                        .stage(1, List.of(NewFile.of("a.docx", docxUnchecked())), 0, 0))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("lost the content of a.docx right after storing it");
        assertThat(store.size()).isZero();

        AttachmentStore unreadable = new FailingStore(store) {
            @Override
            public Optional<InputStream> open(String key) throws IOException {
                throw new IOException("io error");
            }
        };
        assertThatThrownBy(() -> new AttachmentIntake(unreadable, AttachmentPolicy.defaults(), null)
                        .stage(1, List.of(NewFile.of("a.docx", docxUnchecked())), 0, 0))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("failed to read back a.docx");
        assertThat(store.size()).isZero();
    }

    private static byte[] docxUnchecked() {
        try {
            return docx();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- the scanner

    @Test
    void theScannerSeesTheFinalNameTypeAndContent() {
        AtomicReference<String> seen = new AtomicReference<>();
        AttachmentScanner scanner = (name, mediaType, content) -> {
            seen.set(name + "|" + mediaType + "|" + new String(content.readAllBytes(), StandardCharsets.UTF_8));
            return ScanResult.clean();
        };
        new AttachmentIntake(store, AttachmentPolicy.defaults(), scanner)
                .stage(1, List.of(NewFile.of("notes", TEXT)), 0, 0);
        assertThat(seen.get()).isEqualTo("notes.txt|text/plain|" + new String(TEXT, StandardCharsets.UTF_8));
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void aRejectedOrUncheckedFileIsRefusedAndDeleted() {
        AttachmentScanner rejecting = new AttachmentScanner() {
            @Override
            public ScanResult scan(String fileName, String mediaType, InputStream content) {
                return ScanResult.rejected("Eicar-Test-Signature");
            }

            @Override
            public String name() {
                return "clamav";
            }
        };
        assertThatThrownBy(() -> new AttachmentIntake(store, AttachmentPolicy.defaults(), rejecting)
                        .stage(1, List.of(NewFile.of("a.txt", TEXT)), 0, 0))
                .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.REJECTED_BY_SCANNER))
                .hasMessageEndingWith("attachments: a.txt was rejected by the scanner clamav: Eicar-Test-Signature");

        AttachmentScanner nameless = new AttachmentScanner() {
            @Override
            public ScanResult scan(String fileName, String mediaType, InputStream content) throws Exception {
                throw new Exception("daemon down");
            }

            @Override
            public String name() {
                throw new IllegalStateException("no name");
            }
        };
        assertThatThrownBy(() -> new AttachmentIntake(store, AttachmentPolicy.defaults(), nameless)
                        .stage(1, List.of(NewFile.of("a.txt", TEXT)), 0, 0))
                .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.SCAN_FAILED))
                .hasMessageContaining("the scanner " + nameless.getClass().getName() + " (")
                .hasMessageContaining("daemon down");

        AttachmentScanner returnsNull = (name, type, content) -> null;
        assertThatThrownBy(() -> new AttachmentIntake(store, AttachmentPolicy.defaults(), returnsNull)
                        .stage(1, List.of(NewFile.of("a.txt", TEXT)), 0, 0))
                .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.SCAN_FAILED))
                .hasMessageContaining("the scanner returned null instead of a ScanResult");
        assertThat(store.size()).isZero();
    }

    @Test
    void aStoreFailureWhileScanningStaysAStoreFailure() {
        AttachmentStore losing = new FailingStore(store) {
            @Override
            public Optional<InputStream> open(String key) {
                return Optional.empty();
            }
        };
        assertThatThrownBy(
                        () -> new AttachmentIntake(losing, AttachmentPolicy.defaults(), (n, t, c) -> ScanResult.clean())
                                .stage(1, List.of(NewFile.of("a.txt", TEXT)), 0, 0))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("lost the content of a.txt");
    }

    // ---- after staging

    private static Attachment attachment(long id, long size) {
        return new Attachment(id, 5, null, "f" + id, "text/plain", size, "u", Instant.EPOCH, Origin.LOCAL);
    }

    private static StagedFile staged(String name, long size) {
        return new StagedFile(name, FileType.TEXT, size, "k-" + name, "0".repeat(64));
    }

    @Test
    void theTotalOfAttachmentsSaturates() {
        assertThat(AttachmentIntake.bytes(List.of())).isZero();
        assertThat(AttachmentIntake.bytes(List.of(attachment(1, 10), attachment(2, 32))))
                .isEqualTo(42);
        assertThat(AttachmentIntake.bytes(List.of(attachment(1, Long.MAX_VALUE), attachment(2, 1))))
                .isEqualTo(Long.MAX_VALUE);
        assertThat(AttachmentIntake.plus(5, -3)).isEqualTo(5);
        assertThat(AttachmentIntake.plus(Long.MAX_VALUE - 1, 1)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void theLimitsAreCheckedAgainInTheTransaction() {
        AttachmentIntake intake = intake(policy().maxFileSize(100)
                .maxTotalPerTicket(200)
                .maxFilesPerTicket(3)
                .build());
        List<Attachment> two = List.of(attachment(1, 50), attachment(2, 50));
        intake.checkTicketLimits(5, two, List.of(staged("a", 100)));
        intake.checkTicketLimits(5, List.of(attachment(1, 500), attachment(2, 1), attachment(3, 1)), List.of());
        assertThatThrownBy(() -> intake.checkTicketLimits(5, two, List.of(staged("a", 1), staged("b", 1))))
                .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.TOO_MANY))
                .hasMessageEndingWith("attachments: ticket 5 would have 4 attachments; the limit is 3 per ticket");
        assertThatThrownBy(() -> intake.checkTicketLimits(
                        5, List.of(attachment(1, 150)), List.of(staged("a", 30), staged("b", 21))))
                .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.TICKET_TOTAL_EXCEEDED))
                .hasMessageEndingWith(
                        "attachments: b would bring the attachments of ticket 5 to at least 201 bytes; the limit is 200 per ticket");
    }

    @Test
    void metadataIsInsertedForEachStagedFile() {
        List<AttachmentDraft> drafts = new ArrayList<>();
        StoreTransaction tx = (StoreTransaction) Proxy.newProxyInstance(
                StoreTransaction.class.getClassLoader(), new Class<?>[] {StoreTransaction.class}, (p, m, args) -> {
                    if (m.getName().equals("insertAttachment")) {
                        AttachmentDraft d = (AttachmentDraft) args[0];
                        drafts.add(d);
                        return new Attachment(
                                drafts.size(),
                                d.ticketId(),
                                d.commentId(),
                                d.fileName(),
                                d.mediaType(),
                                d.size(),
                                d.uploader(),
                                d.created(),
                                d.origin());
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
        Instant now = Instant.parse("2026-01-02T03:04:05Z");
        List<Attachment> inserted = intake(AttachmentPolicy.defaults())
                .insert(tx, 8, 3L, List.of(staged("a.txt", 4), staged("b.txt", 6)), "alice", now, Origin.DESK);
        assertThat(inserted).extracting(Attachment::id).containsExactly(1L, 2L);
        assertThat(drafts).extracting(AttachmentDraft::storageKey).containsExactly("k-a.txt", "k-b.txt");
        assertThat(drafts.get(1))
                .isEqualTo(new AttachmentDraft(8, 3L, "b.txt", "text/plain", 6, "k-b.txt", "alice", now, Origin.DESK));
    }

    @Test
    void discardingDeletesWhatWasStagedAndNeverThrows() throws IOException {
        AttachmentIntake intake = intake(AttachmentPolicy.defaults());
        List<StagedFile> staged = intake.stage(1, List.of(NewFile.of("a.txt", TEXT), NewFile.of("b.pdf", PDF)), 0, 0);
        assertThat(store.size()).isEqualTo(2);
        intake.discard(staged);
        assertThat(store.size()).isZero();
        intake.discard(List.of());
        AttachmentIntake.none().discard(staged);

        AttachmentStore failingDelete = new FailingStore(store) {
            @Override
            public boolean delete(String key) throws IOException {
                throw new IOException("read-only");
            }
        };
        new AttachmentIntake(failingDelete, AttachmentPolicy.defaults(), null).discard(staged);
        AttachmentStore throwingDelete = new FailingStore(store) {
            @Override
            public boolean delete(String key) {
                throw new IllegalStateException("bug");
            }
        };
        new AttachmentIntake(throwingDelete, AttachmentPolicy.defaults(), null).discard(staged);
    }

    @Test
    void openingGivesTheContentOrSaysWhyNot() throws IOException {
        AttachmentIntake intake = intake(AttachmentPolicy.defaults());
        StagedFile f = intake.stage(1, List.of(NewFile.of("a.txt", TEXT)), 0, 0).get(0);
        Attachment a = attachment(4, TEXT.length);
        try (AttachmentContent c = intake.open(a, f.storageKey())) {
            assertThat(c.attachment()).isSameAs(a);
            assertThat(c.content().readAllBytes()).isEqualTo(TEXT);
        }
        assertThatThrownBy(() -> intake.open(a, "mem-missing"))
                .isInstanceOf(AttachmentNotFoundException.class)
                .hasMessageContaining("its content is not in the attachment store");
        assertThatThrownBy(() -> AttachmentIntake.none().open(a, f.storageKey()))
                .isInstanceOf(AttachmentNotFoundException.class)
                .hasMessageContaining("no attachment store is configured");

        IOException io = new IOException("nfs stale");
        AttachmentStore failing = new FailingStore(store) {
            @Override
            public Optional<InputStream> open(String key) throws IOException {
                throw io;
            }
        };
        assertThatThrownBy(() -> new AttachmentIntake(failing, AttachmentPolicy.defaults(), null).open(a, "k"))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("failed to open attachment 4 of ticket 5")
                .hasCause(io);
        AttachmentStore unchecked = new FailingStore(store) {
            @Override
            public Optional<InputStream> open(String key) {
                throw new UncheckedIOException(io);
            }
        };
        assertThatThrownBy(() -> new AttachmentIntake(unchecked, AttachmentPolicy.defaults(), null).open(a, "k"))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("failed to open attachment 4 of ticket 5")
                .hasCause(io);
    }

    // ---- host documents

    private static final Actor ALICE = Actor.user("alice", "Alice").build();

    @Test
    void referencesResolveThroughTheHostsDocuments() throws IOException {
        HostDocument doc =
                new HostDocument("report.pdf", PDF.length, "application/pdf", () -> new ByteArrayInputStream(PDF));
        AttachmentIntake intake = new AttachmentIntake(store, AttachmentPolicy.defaults(), null, (actor, id) -> {
            assertThat(actor).isSameAs(ALICE);
            return id.equals("d1") ? Optional.of(doc) : Optional.empty();
        });
        List<NewFile> files = intake.resolve(ALICE, List.of(NewAttachment.of("d1")));
        assertThat(files).hasSize(1);
        assertThat(files.get(0).fileName()).isEqualTo("report.pdf");
        assertThat(files.get(0).declaredSize()).isEqualTo(PDF.length);
        assertThat(files.get(0).content().open().readAllBytes()).isEqualTo(PDF);

        assertThatThrownBy(() -> intake.resolve(ALICE, List.of(NewAttachment.of("d1"), NewAttachment.of("d2"))))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).violations())
                        .singleElement()
                        .satisfies(v -> {
                            assertThat(v.field()).isEqualTo("attachments");
                            assertThat(v.code()).isEqualTo("unknown-document");
                            assertThat(v.message())
                                    .isEqualTo("attachment 1 names no document that user alice may read");
                        }));
        assertThatThrownBy(() -> new AttachmentIntake(store, AttachmentPolicy.defaults(), null)
                        .resolve(ALICE, List.of(NewAttachment.of("d1"))))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> new AttachmentIntake(store, AttachmentPolicy.defaults(), null, (actor, id) -> null)
                        .resolve(ALICE, List.of(NewAttachment.of("d1"))))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> new AttachmentIntake(store, AttachmentPolicy.defaults(), null, (actor, id) -> {
                            throw new IOException("host down");
                        })
                        .resolve(ALICE, List.of(NewAttachment.of("d1"))))
                .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.UNREADABLE))
                .hasMessageContaining("attachment 0 could not be read")
                .hasMessageContaining("host down");
    }

    /** A store that delegates everything, for tests to override one operation. */
    private static class FailingStore implements AttachmentStore {
        private final AttachmentStore delegate;

        FailingStore(AttachmentStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public StoredContent store(InputStream content) throws IOException {
            return delegate.store(content);
        }

        @Override
        public Optional<InputStream> open(String key) throws IOException {
            return delegate.open(key);
        }

        @Override
        public boolean delete(String key) throws IOException {
            return delegate.delete(key);
        }
    }
}

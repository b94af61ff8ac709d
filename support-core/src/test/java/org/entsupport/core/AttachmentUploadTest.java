package org.entsupport.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.entsupport.core.attachment.AttachmentContent;
import org.entsupport.core.attachment.AttachmentPolicy;
import org.entsupport.core.attachment.AttachmentRefusedException;
import org.entsupport.core.attachment.AttachmentRefusedException.Reason;
import org.entsupport.core.attachment.AttachmentScanner;
import org.entsupport.core.attachment.ContentSource;
import org.entsupport.core.attachment.FileType;
import org.entsupport.core.attachment.InMemoryAttachmentStore;
import org.entsupport.core.attachment.NewFile;
import org.entsupport.core.attachment.ScanResult;
import org.entsupport.core.model.Attachment;
import org.entsupport.core.model.EventType;
import org.entsupport.core.model.Origin;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketStatus;
import org.entsupport.core.model.TimelineEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Uploads through the facade: accepted types, every refusal, and that a refusal keeps nothing. */
class AttachmentUploadTest {

    private final InMemoryAttachmentStore files = new InMemoryAttachmentStore();
    private final AtomicInteger scans = new AtomicInteger();

    private Fixture fixture(AttachmentPolicy policy, AttachmentScanner scanner) {
        return new Fixture(
                SupportSettings.builder().reopenWindow(Duration.ofDays(30)).build(),
                b -> b.attachmentStore(files).attachmentPolicy(policy).attachmentScanner(scanner));
    }

    private Fixture fixture() {
        return fixture(AttachmentPolicy.defaults(), (name, type, in) -> {
            scans.incrementAndGet();
            in.transferTo(OutputStreamSink.INSTANCE);
            return ScanResult.clean();
        });
    }

    /** Discards bytes. */
    enum OutputStreamSink {
        ;
        static final java.io.OutputStream INSTANCE = java.io.OutputStream.nullOutputStream();
    }

    // ------------------------------------------------------------------ accepted types

    static Stream<Arguments> acceptedSamples() {
        return Stream.of(
                Arguments.of("capture.png", Samples.png(), FileType.PNG, "capture.png"),
                Arguments.of("photo.JPG", Samples.jpeg(), FileType.JPEG, "photo.JPG"),
                Arguments.of("anim.gif", Samples.gif(), FileType.GIF, "anim.gif"),
                Arguments.of("image.webp", Samples.webp(), FileType.WEBP, "image.webp"),
                Arguments.of("facture.pdf", Samples.pdf(), FileType.PDF, "facture.pdf"),
                Arguments.of("journal.log", Samples.text(), FileType.TEXT, "journal.log"),
                Arguments.of("rapport.docx", Samples.docx(), FileType.DOCX, "rapport.docx"),
                Arguments.of("notes.xlsx", Samples.xlsx(), FileType.XLSX, "notes.xlsx"),
                Arguments.of("cours.pptx", Samples.pptx(), FileType.PPTX, "cours.pptx"),
                Arguments.of(
                        "lettre.odt",
                        Samples.odf("application/vnd.oasis.opendocument.text"),
                        FileType.ODT,
                        "lettre.odt"),
                Arguments.of(
                        "budget.ods",
                        Samples.odf("application/vnd.oasis.opendocument.spreadsheet"),
                        FileType.ODS,
                        "budget.ods"),
                Arguments.of(
                        "expose.odp",
                        Samples.odf("application/vnd.oasis.opendocument.presentation"),
                        FileType.ODP,
                        "expose.odp"),
                Arguments.of(
                        "ancien.doc", Samples.ole2("WordDocument", "SummaryInformation"), FileType.DOC, "ancien.doc"),
                Arguments.of("ancien.xls", Samples.ole2("Workbook"), FileType.XLS, "ancien.xls"),
                Arguments.of(
                        "ancien.ppt", Samples.ole2("Current User", "PowerPoint Document"), FileType.PPT, "ancien.ppt"),
                // The name does not decide: the content does, and the name gets the matching extension.
                Arguments.of("capture.pdf", Samples.png(), FileType.PNG, "capture.pdf.png"),
                Arguments.of("script.js", Samples.ascii("console.log('hello');\n"), FileType.TEXT, "script.js.txt"),
                Arguments.of("C:\\Users\\olivia\\Bureau\\sans nom", Samples.jpeg(), FileType.JPEG, "sans nom.jpg"));
    }

    @ParameterizedTest(name = "{0} is kept as {2}")
    @MethodSource("acceptedSamples")
    void eachAcceptedTypeIsRecognisedFromItsBytesAndServedBack(
            String name, byte[] bytes, FileType type, String storedName) throws IOException {
        Fixture f = fixture();
        Ticket t = f.support.create(
                f.owner,
                NewTicket.builder()
                        .school("s1")
                        .category("/blog")
                        .subject("Écran")
                        .description("Voir la pièce jointe")
                        .file(NewFile.of(name, bytes))
                        .build());

        assertThat(t.attachmentCount()).isEqualTo(1);
        Attachment a = f.support.attachments(f.owner, t.id()).get(0);
        assertThat(a.fileName()).isEqualTo(storedName);
        assertThat(a.mediaType()).isEqualTo(type.mediaType());
        assertThat(a.size()).isEqualTo(bytes.length);
        assertThat(a.origin()).isEqualTo(Origin.LOCAL);
        assertThat(a.uploader()).isEqualTo(f.owner.userId());
        assertThat(files.keys()).containsExactly(key(f, a));
        assertThat(scans).hasValue(1);
        try (AttachmentContent content = f.support.openAttachment(f.localAdmin, t.id(), a.id())) {
            assertThat(content.attachment()).isEqualTo(a);
            assertThat(content.content().readAllBytes()).isEqualTo(bytes);
        }
    }

    @Test
    void uploadsWithACommentAreCountedInHistoryAndOnTheTicket() {
        Fixture f = fixture();
        Ticket t = f.file("s1", "Tableau blanc");
        org.entsupport.core.model.Comment c = f.support
                .comment(
                        f.localAdmin,
                        t.id(),
                        NewComment.of(
                                "Voici la procédure",
                                NewFile.of("procedure.pdf", Samples.pdf()),
                                NewFile.of("ecran.png", Samples.png())))
                .comment();

        Ticket after = f.support.get(f.owner, t.id());
        assertThat(after.attachmentCount()).isEqualTo(2);
        assertThat(after.commentCount()).isEqualTo(1);
        assertThat(after.status()).isEqualTo(TicketStatus.OPENED);
        assertThat(f.support.attachments(f.owner, t.id()))
                .extracting(Attachment::fileName, Attachment::commentId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("procedure.pdf", c.id()),
                        org.assertj.core.groups.Tuple.tuple("ecran.png", c.id()));
        assertThat(events(f, t.id()))
                .filteredOn(e -> e.type() == EventType.ATTACHMENTS_ADDED)
                .singleElement()
                .satisfies(e -> assertThat(e.parameters())
                        .containsEntry("count", "2")
                        .containsEntry("names", "procedure.pdf, ecran.png"));
    }

    @Test
    void attachAddsFilesWithoutACommentAndLeavesTheStatus() {
        Fixture f = fixture();
        Ticket t = f.file("s1", "Tableau blanc");
        List<Attachment> added = f.support.attach(f.owner, t.id(), List.of(NewFile.of("capture.png", Samples.png())));

        Ticket after = f.support.get(f.owner, t.id());
        assertThat(added).singleElement().satisfies(a -> {
            assertThat(a.commentId()).isNull();
            assertThat(a.mediaType()).isEqualTo("image/png");
        });
        assertThat(after.attachmentCount()).isEqualTo(1);
        assertThat(after.commentCount()).isZero();
        assertThat(after.status()).isEqualTo(TicketStatus.NEW);
        assertThat(after.version()).isEqualTo(t.version() + 1);
        assertThat(events(f, t.id()))
                .extracting(e -> e.type())
                .containsExactly(EventType.CREATED, EventType.ATTACHMENTS_ADDED);
        assertThatThrownBy(() -> f.support.attach(f.owner, t.id(), List.of()))
                .isInstanceOf(ValidationException.class)
                .hasMessage("Invalid request: attachments: at least one file is required");
    }

    // ------------------------------------------------------------------ refusals keep nothing

    /** What a refusal must leave unchanged. */
    record Snapshot(
            java.util.Set<String> keys,
            List<Attachment> attachments,
            int events,
            int attachmentCount,
            long version,
            long tickets) {
        static Snapshot of(Fixture f, InMemoryAttachmentStore files, long ticketId) {
            Ticket t = f.support.get(f.platformAdmin, ticketId);
            return new Snapshot(
                    files.keys(),
                    f.support.attachments(f.platformAdmin, ticketId),
                    f.support.timeline(f.platformAdmin, ticketId).size(),
                    t.attachmentCount(),
                    t.version(),
                    f.support.count(f.platformAdmin, TicketQuery.all()));
        }
    }

    static Stream<Arguments> refusedTypes() {
        return Stream.of(
                Arguments.of(
                        "capture.png",
                        Samples.elf(),
                        "capture.png is not an accepted type: its content is an " + "ELF executable"),
                Arguments.of(
                        "capture.png",
                        Samples.pe(),
                        "capture.png is not an accepted type: its content is a " + "Windows executable (MZ/PE)"),
                Arguments.of(
                        "image.png",
                        Samples.html(),
                        "image.png is not an accepted type: its content is an " + "HTML document"),
                Arguments.of(
                        "logo.png",
                        Samples.svg(),
                        "logo.png is not an accepted type: its content is an SVG "
                                + "image (markup that can run scripts)"),
                Arguments.of(
                        "notes.txt",
                        Samples.shellScript(),
                        "notes.txt is not an accepted type: its content is " + "a script (it starts with #!)"),
                Arguments.of(
                        "lisez-moi.txt",
                        Samples.ascii("Bonjour <script>alert(1)</script>"),
                        "lisez-moi.txt is not an accepted type: its content is text containing HTML or script markup"),
                Arguments.of(
                        "archive.docx",
                        Samples.zip(java.util.Map.of("a.txt", "x"), null),
                        "archive.docx is not an accepted type: its content is a ZIP archive"),
                Arguments.of(
                        "macro.docx",
                        Samples.docm(),
                        "macro.docx is not an accepted type: its content is an " + "Office document with macros"),
                Arguments.of(
                        "setup.doc",
                        Samples.ole2("SummaryInformation"),
                        "setup.doc is not an accepted type: "
                                + "its content is an OLE2 compound file that is not a Word, Excel or PowerPoint document"),
                Arguments.of(
                        "latin1.txt",
                        Samples.ascii("caf\u00e9\n"),
                        "latin1.txt is not an accepted type: its "
                                + "content is binary data of an unknown kind (invalid UTF-8 at byte 4)"),
                Arguments.of(
                        "cut.txt",
                        Samples.ascii("caf\u00c3"),
                        "cut.txt is not an accepted type: its "
                                + "content is binary data of an unknown kind (UTF-8 sequence cut by the end of the file)"),
                Arguments.of(
                        "data.txt",
                        Samples.ascii("a\0b"),
                        "data.txt is not an accepted type: its content is "
                                + "binary data of an unknown kind (control character U+0000 at byte 1)"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("refusedTypes")
    void refusedTypesKeepNothing(String name, byte[] bytes, String expected) {
        Fixture f = fixture();
        Ticket t = f.file("s1", "Demande");
        Snapshot before = Snapshot.of(f, files, t.id());

        AttachmentRefusedException e = catchThrowableOfType(
                AttachmentRefusedException.class,
                () -> f.support.comment(f.owner, t.id(), NewComment.of("Voici", NewFile.of(name, bytes))));

        assertThat(e.reason()).isEqualTo(Reason.TYPE_NOT_ALLOWED);
        assertThat(e.detail()).startsWith(expected).contains("; accepted: PNG, JPEG, GIF, WEBP, PDF, TEXT");
        assertThat(e.violations()).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("attachments");
            assertThat(v.code()).isEqualTo("file-type-refused");
        });
        assertThat(e.userMessage(Locale.FRENCH))
                .startsWith("Pièces jointes : « " + name + " » n'est pas un type de fichier accepté.");
        assertThat(e.userMessage(Locale.ENGLISH))
                .startsWith("Attachments: \u201c" + name + "\u201d is not an accepted kind of file.");
        assertThat(Snapshot.of(f, files, t.id())).isEqualTo(before);
        assertThat(f.support.get(f.owner, t.id()).commentCount()).isZero();
    }

    @Test
    void anEmptyFileIsRefused() {
        Fixture f = fixture();
        long before = f.support.count(f.platformAdmin, TicketQuery.all());
        assertThatThrownBy(() -> f.support.create(
                        f.owner,
                        request().file(NewFile.of("vide.png", new byte[0])).build()))
                .isInstanceOfSatisfying(AttachmentRefusedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.EMPTY);
                    assertThat(e.userMessage(Locale.ENGLISH)).isEqualTo("Attachments: \u201cvide.png\u201d is empty.");
                })
                .hasMessage("Invalid request: attachments: vide.png is empty (0 bytes)");
        assertThat(f.support.count(f.platformAdmin, TicketQuery.all())).isEqualTo(before);
        assertThat(files.size()).isZero();
    }

    @Test
    void aFileOneByteOverTheLimitIsRefusedWithTheLimitInTheMessage() {
        Fixture f = fixture();
        long limit = AttachmentPolicy.DEFAULT_MAX_FILE_SIZE;
        long tickets = f.support.count(f.platformAdmin, TicketQuery.all());

        AttachmentRefusedException e = catchThrowableOfType(
                AttachmentRefusedException.class,
                () -> f.support.create(
                        f.owner,
                        request()
                                .file(NewFile.of("capture.png", () -> Samples.generated(Samples.png(), limit + 1)))
                                .build()));

        assertThat(e)
                .hasMessage(
                        "Invalid request: attachments: capture.png is 10,485,761 bytes; the limit is " + "10,485,760");
        assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE);
        assertThat(e.limit()).hasValue(limit);
        assertThat(e.actual()).hasValue(limit + 1);
        assertThat(e.userMessage(Locale.ENGLISH))
                .isEqualTo("Attachments: \u201ccapture.png\u201d is too large: "
                        + "10,485,761 bytes; the limit is 10,485,760 bytes per file.");
        assertThat(e.userMessage(Locale.FRENCH))
                .isEqualTo("Pièces jointes : « capture.png » est trop volumineux : "
                        + "10\u202f485\u202f761 octets ; la limite est de 10\u202f485\u202f760 octets par fichier.");
        assertThat(files.size()).isZero();
        assertThat(f.support.count(f.platformAdmin, TicketQuery.all())).isEqualTo(tickets);
        assertThat(scans).hasValue(0);
    }

    @Test
    void aFileExactlyAtTheLimitIsAccepted() {
        Fixture f = fixture(
                AttachmentPolicy.builder()
                        .maxFileSize(1000)
                        .maxTotalPerTicket(5000)
                        .build(),
                (n, t, in) -> ScanResult.clean());
        Ticket t = f.support.create(
                f.owner,
                request()
                        .file(NewFile.of("doc.pdf", () -> Samples.generated(Samples.pdf(), 1000)))
                        .build());
        assertThat(f.support.attachments(f.owner, t.id()))
                .extracting(Attachment::size)
                .containsExactly(1000L);
    }

    @Test
    void aFileAnnouncedOverTheLimitIsRefusedWithoutBeingRead() {
        Fixture f = fixture();
        ContentSource source = mock(ContentSource.class);
        assertThatThrownBy(() -> f.support.create(
                        f.owner,
                        request()
                                .file(NewFile.of("film.pdf", source, 200_000_000L))
                                .build()))
                .isInstanceOf(AttachmentRefusedException.class)
                .hasMessage("Invalid request: attachments: film.pdf is 200,000,000 bytes; the limit is 10,485,760");
        verifyNoInteractions(source);
    }

    @Test
    void aMuchLargerFileIsMeasuredOnlyUpToABound() {
        Fixture f = fixture(
                AttachmentPolicy.builder()
                        .maxFileSize(1000)
                        .maxTotalPerTicket(1000)
                        .build(),
                (n, t, in) -> ScanResult.clean());
        assertThatThrownBy(() -> f.support.create(
                        f.owner,
                        request()
                                .file(NewFile.of("big.pdf", () -> Samples.generated(Samples.pdf(), 50_000_000)))
                                .build()))
                .hasMessage("Invalid request: attachments: big.pdf is more than 3,145,728 bytes; the limit is 1,000");
        assertThat(files.size()).isZero();
    }

    @Test
    void tooManyFilesOnATicketAreRefusedBeforeAnyIsRead() {
        Fixture f = fixture(AttachmentPolicy.builder().maxFilesPerTicket(3).build(), (n, t, in) -> ScanResult.clean());
        Ticket t = f.support.create(
                f.owner,
                request()
                        .file(NewFile.of("a.png", Samples.png()))
                        .file(NewFile.of("b.png", Samples.png()))
                        .build());
        Snapshot before = Snapshot.of(f, files, t.id());

        AttachmentRefusedException e = catchThrowableOfType(
                AttachmentRefusedException.class,
                () -> f.support.attach(
                        f.owner,
                        t.id(),
                        List.of(NewFile.of("c.png", Samples.png()), NewFile.of("d.png", Samples.png()))));

        assertThat(e)
                .hasMessage("Invalid request: attachments: ticket " + t.id()
                        + " would have 4 attachments; the limit is 3 per ticket");
        assertThat(e.reason()).isEqualTo(Reason.TOO_MANY);
        assertThat(e.fileName()).isEmpty();
        assertThat(e.userMessage(Locale.FRENCH))
                .isEqualTo("Pièces jointes : une demande peut contenir 3 fichiers au " + "plus ; elle en aurait 4.");
        assertThat(Snapshot.of(f, files, t.id())).isEqualTo(before);
    }

    @Test
    void theTotalPerTicketCountsWhatTheTicketHoldsAndDeletesWhatThisRequestAlreadyKept() {
        Fixture f = fixture(
                AttachmentPolicy.builder()
                        .maxFileSize(1000)
                        .maxTotalPerTicket(1500)
                        .build(),
                (n, t, in) -> ScanResult.clean());
        Ticket t = f.support.create(
                f.owner,
                request()
                        .file(NewFile.of("a.pdf", () -> Samples.generated(Samples.pdf(), 1000)))
                        .build());
        Snapshot before = Snapshot.of(f, files, t.id());

        AttachmentRefusedException e = catchThrowableOfType(
                AttachmentRefusedException.class,
                () -> f.support.comment(
                        f.owner,
                        t.id(),
                        NewComment.of(
                                "Deux autres",
                                NewFile.of("b.pdf", () -> Samples.generated(Samples.pdf(), 300)),
                                NewFile.of("c.pdf", () -> Samples.generated(Samples.pdf(), 300)))));

        assertThat(e)
                .hasMessage("Invalid request: attachments: c.pdf would bring the attachments of ticket " + t.id()
                        + " to at least 1,600 bytes; the limit is 1,500 per ticket");
        assertThat(e.reason()).isEqualTo(Reason.TICKET_TOTAL_EXCEEDED);
        assertThat(e.limit()).hasValue(1500);
        assertThat(Snapshot.of(f, files, t.id())).isEqualTo(before); // b.pdf was kept, then deleted
    }

    @Test
    void aScannerRejectionRefusesTheFileWithItsReason() {
        AttachmentScanner antivirus = new AttachmentScanner() {
            @Override
            public ScanResult scan(String fileName, String mediaType, InputStream content) throws IOException {
                return new String(content.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1)
                                .contains("EICAR")
                        ? ScanResult.rejected("Eicar-Test-Signature")
                        : ScanResult.clean();
            }

            @Override
            public String name() {
                return "ClamAV";
            }
        };
        Fixture f = fixture(AttachmentPolicy.defaults(), antivirus);
        Ticket t = f.file("s1", "Demande");
        Snapshot before = Snapshot.of(f, files, t.id());

        AttachmentRefusedException e = catchThrowableOfType(
                AttachmentRefusedException.class,
                () -> f.support.attach(
                        f.owner,
                        t.id(),
                        List.of(NewFile.of(
                                "virus.pdf",
                                Samples.concat(Samples.pdf(), Samples.ascii("EICAR-STANDARD-ANTIVIRUS-TEST-FILE"))))));

        assertThat(e)
                .hasMessage("Invalid request: attachments: virus.pdf was rejected by the scanner ClamAV: "
                        + "Eicar-Test-Signature");
        assertThat(e.reason()).isEqualTo(Reason.REJECTED_BY_SCANNER);
        assertThat(e.userMessage(Locale.FRENCH))
                .isEqualTo("Pièces jointes : « virus.pdf » a été refusé par "
                        + "l'analyse antivirus (Eicar-Test-Signature).");
        assertThat(Snapshot.of(f, files, t.id())).isEqualTo(before);
    }

    @Test
    void aScannerFailureRefusesTheFile() {
        Fixture f = fixture(AttachmentPolicy.defaults(), (n, type, in) -> {
            throw new java.net.ConnectException("Connection refused: clamd at 127.0.0.1:3310");
        });
        Ticket t = f.file("s1", "Demande");
        Snapshot before = Snapshot.of(f, files, t.id());

        AttachmentRefusedException e = catchThrowableOfType(
                AttachmentRefusedException.class,
                () -> f.support.attach(f.owner, t.id(), List.of(NewFile.of("capture.png", Samples.png()))));

        assertThat(e.getMessage())
                .startsWith("Invalid request: attachments: capture.png could not be checked by the " + "scanner ")
                .endsWith("(java.net.ConnectException: Connection refused: clamd at 127.0.0.1:3310), so "
                        + "it was refused");
        assertThat(e.reason()).isEqualTo(Reason.SCAN_FAILED);
        assertThat(e).hasCauseInstanceOf(java.net.ConnectException.class);
        assertThat(e.userMessage(Locale.ENGLISH))
                .isEqualTo("Attachments: \u201ccapture.png\u201d could not be "
                        + "checked for viruses, so it was not accepted. Please try again later.");
        assertThat(Snapshot.of(f, files, t.id())).isEqualTo(before);
    }

    @Test
    void aScannerAnsweringNullRefusesTheFile() {
        Fixture f = fixture(AttachmentPolicy.defaults(), (n, type, in) -> null);
        Ticket t = f.file("s1", "Demande");
        assertThatThrownBy(() -> f.support.attach(f.owner, t.id(), List.of(NewFile.of("capture.png", Samples.png()))))
                .isInstanceOfSatisfying(
                        AttachmentRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.SCAN_FAILED))
                .hasMessageContaining("the scanner returned null instead of a ScanResult");
        assertThat(files.size()).isZero();
    }

    @Test
    void aTruncatedUploadIsRefused() {
        Fixture f = fixture();
        Ticket t = f.file("s1", "Demande");
        Snapshot before = Snapshot.of(f, files, t.id());
        byte[] png = Samples.png();
        assertThatThrownBy(() -> f.support.attach(
                        f.owner,
                        t.id(),
                        List.of(NewFile.of(
                                "capture.png", () -> new java.io.ByteArrayInputStream(png), png.length + 10))))
                .isInstanceOfSatisfying(
                        AttachmentRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.SIZE_MISMATCH))
                .hasMessage("Invalid request: attachments: capture.png has " + png.length + " bytes but "
                        + (png.length + 10) + " were announced: the upload was cut or altered");
        assertThat(Snapshot.of(f, files, t.id())).isEqualTo(before);
    }

    @Test
    void anUploadThatBreaksOffIsRefusedAsUnreadable() {
        Fixture f = fixture();
        Ticket t = f.file("s1", "Demande");
        Snapshot before = Snapshot.of(f, files, t.id());
        assertThatThrownBy(() -> f.support.attach(
                        f.owner,
                        t.id(),
                        List.of(NewFile.of(
                                "capture.png",
                                () -> new java.io.SequenceInputStream(
                                        Samples.generated(Samples.png(), 20_000), new InputStream() {
                                            @Override
                                            public int read() throws IOException {
                                                throw new IOException("client went away");
                                            }
                                        })))))
                .isInstanceOfSatisfying(
                        AttachmentRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNREADABLE))
                .hasMessage("Invalid request: attachments: capture.png could not be read (java.io.IOException: client "
                        + "went away)");
        assertThat(Snapshot.of(f, files, t.id())).isEqualTo(before);
    }

    @Test
    void aNameThatCleansToNothingIsRefused() {
        Fixture f = fixture();
        assertThatThrownBy(() -> f.support.create(
                        f.owner,
                        request()
                                .file(NewFile.of("../../\u0000..", Samples.png()))
                                .build()))
                .hasMessage("Invalid request: attachments: file 1 has no usable name ('../../?..' once paths and "
                        + "control characters are removed is empty)");
        assertThat(files.size()).isZero();
    }

    @Test
    void aTransactionThatFailsAfterTheFilesWereKeptDeletesThem() {
        Fixture f = fixture();
        Ticket t = f.ticketIn(TicketStatus.CLOSED);
        f.clock.advance(Duration.ofDays(31));
        Snapshot before = Snapshot.of(f, files, t.id());

        assertThatThrownBy(() -> f.support.comment(
                        f.owner, t.id(), NewComment.of("Encore", NewFile.of("capture.png", Samples.png()))))
                .isInstanceOf(ReopenWindowExpiredException.class);

        assertThat(scans).hasValue(1); // it was kept and scanned, then the transaction refused the comment
        assertThat(Snapshot.of(f, files, t.id())).isEqualTo(before);
    }

    @Test
    void anIdempotentReplayKeepsTheFirstFilesOnly() {
        Fixture f = fixture();
        Ticket first = f.support.create(
                f.owner,
                request()
                        .idempotencyKey("k-1")
                        .file(NewFile.of("capture.png", Samples.png()))
                        .build());
        Ticket again = f.support.create(
                f.owner,
                request()
                        .idempotencyKey("k-1")
                        .file(NewFile.of("capture.png", Samples.png()))
                        .build());

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(files.keys())
                .containsExactly(
                        key(f, f.support.attachments(f.owner, first.id()).get(0)));
    }

    /** The storage key the ticket store keeps for {@code a} (readers never see it). */
    static String key(Fixture f, Attachment a) {
        return f.store.inTransaction(tx -> tx.storageKey(a.ticketId(), a.id())).orElseThrow();
    }

    @Test
    void uploadingWithoutAnAttachmentStoreIsAConfigurationError() {
        Fixture f = new Fixture();
        assertThatThrownBy(() -> f.support.create(
                        f.owner,
                        request().file(NewFile.of("a.png", Samples.png())).build()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("no attachment store is configured, so files cannot be uploaded");
    }

    @Test
    void theAllowedTypesAreThePolicys() {
        Fixture f = fixture(
                AttachmentPolicy.builder()
                        .allowedTypes(java.util.EnumSet.of(FileType.PDF))
                        .build(),
                (n, t, in) -> ScanResult.clean());
        assertThatThrownBy(() -> f.support.create(
                        f.owner,
                        request().file(NewFile.of("a.png", Samples.png())).build()))
                .hasMessage("Invalid request: attachments: a.png is not an accepted type: its content is a PNG file "
                        + "(image/png); accepted: PDF");
        assertThatThrownBy(() -> f.support.create(
                        f.owner,
                        request().file(NewFile.of("a.docx", Samples.docx())).build()))
                .hasMessage("Invalid request: attachments: a.docx is not an accepted type: its content is a DOCX file "
                        + "(application/vnd.openxmlformats-officedocument.wordprocessingml.document); accepted: PDF");
        assertThat(files.size()).isZero();
    }

    @Test
    void thePolicyIsValidatedWithThePropertyTheLimitAndTheValue() {
        assertThatThrownBy(() -> AttachmentPolicy.builder().maxFileSize(0).build())
                .hasMessage("maxFileSize must be between 1 and 1099511627776, but was 0");
        assertThatThrownBy(
                        () -> AttachmentPolicy.builder().maxFilesPerTicket(-3).build())
                .hasMessage("maxFilesPerTicket must be between 1 and 10000, but was -3");
        assertThatThrownBy(() -> AttachmentPolicy.builder()
                        .maxFileSize(2000)
                        .maxTotalPerTicket(1000)
                        .build())
                .hasMessage("maxTotalPerTicket must be at least maxFileSize (2000), but was 1000");
        assertThatThrownBy(() -> AttachmentPolicy.builder()
                        .allowedTypes(java.util.Set.of())
                        .build())
                .hasMessage("allowedTypes must name at least one FileType, but was empty");
        AttachmentPolicy p = AttachmentPolicy.defaults();
        assertThat(p.maxFileSize()).isEqualTo(10_485_760);
        assertThat(p.maxTotalPerTicket()).isEqualTo(52_428_800);
        assertThat(p.maxFilesPerTicket()).isEqualTo(20);
        assertThat(p.allowedTypes()).containsExactlyInAnyOrder(FileType.values());
        assertThat(p.toBuilder().maxFilesPerTicket(5).build().maxFilesPerTicket())
                .isEqualTo(5);
    }

    private static NewTicket.Builder request() {
        return NewTicket.builder()
                .school("s1")
                .category("/blog")
                .subject("Capture")
                .description("Voir la capture");
    }

    private static List<org.entsupport.core.model.HistoryEvent> events(Fixture f, long ticketId) {
        return f.support.timeline(f.platformAdmin, ticketId).stream()
                .filter(e -> e instanceof TimelineEntry.EventEntry)
                .map(e -> ((TimelineEntry.EventEntry) e).event())
                .toList();
    }
}

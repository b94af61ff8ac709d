package org.entsupport.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.entsupport.core.attachment.AttachmentContent;
import org.entsupport.core.attachment.AttachmentPolicy;
import org.entsupport.core.attachment.AttachmentRefusedException;
import org.entsupport.core.attachment.HostDocument;
import org.entsupport.core.attachment.HostDocuments;
import org.entsupport.core.attachment.InMemoryAttachmentStore;
import org.entsupport.core.attachment.NewFile;
import org.entsupport.core.model.Attachment;
import org.entsupport.core.model.Origin;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.spi.AttachmentDraft;
import org.junit.jupiter.api.Test;

/**
 * References to the host's documents resolve only through its port, as the actor; the library copies them
 * through the upload checks, so they are downloaded, escalated and counted like uploads, and nothing the
 * client says about a file (key, type, size) is trusted.
 */
class HostDocumentsTest {

    /** A workspace: documents by id, each readable by its owner only. */
    private final Map<String, Doc> workspace = new HashMap<>();

    private record Doc(String owner, String name, String type, byte[] content, long announced) {}

    private final HostDocuments documents = (actor, id) -> Optional.ofNullable(workspace.get(id))
            .filter(d -> d.owner().equals(actor.userId()))
            .map(d -> new HostDocument(d.name(), d.announced(), d.type(), () -> new ByteArrayInputStream(d.content())));

    private final InMemoryAttachmentStore files = new InMemoryAttachmentStore();

    private Fixture fixture(AttachmentPolicy policy) {
        return new Fixture(
                SupportSettings.builder().reopenWindow(Duration.ofDays(30)).build(),
                b -> b.attachmentStore(files).attachmentPolicy(policy).documents(documents));
    }

    private Fixture fixture() {
        return fixture(AttachmentPolicy.defaults());
    }

    private void put(String id, String owner, String name, String type, byte[] content) {
        workspace.put(id, new Doc(owner, name, type, content, content.length));
    }

    private static NewTicket.Builder request(String school) {
        return NewTicket.builder()
                .school(school)
                .category("/blog")
                .subject("Capture jointe")
                .description("Voir le document.");
    }

    private static byte[] read(AttachmentContent c) throws IOException {
        try (c;
                InputStream in = c.content()) {
            return in.readAllBytes();
        }
    }

    @Test
    void aReferencedDocumentIsCopiedWithTheTypeOfItsContentAndReadersDownloadIt() throws IOException {
        Fixture f = fixture();
        put("ws-42", "u-owner", "capture.html", "text/html", Samples.png());

        Ticket t = f.support.create(
                f.owner, request("s1").attachment(NewAttachment.of("ws-42")).build());

        assertThat(t.attachmentCount()).isEqualTo(1);
        Attachment a = f.support.attachments(f.localAdmin, t.id()).get(0);
        assertThat(a.mediaType()).isEqualTo("image/png");
        assertThat(a.fileName()).isEqualTo("capture.html.png");
        assertThat(a.size()).isEqualTo(Samples.png().length);
        assertThat(AttachmentUploadTest.key(f, a)).isNotEqualTo("ws-42").isIn(files.keys());
        assertThat(a.toString()).doesNotContain(AttachmentUploadTest.key(f, a));
        assertThat(java.util.Arrays.stream(Attachment.class.getRecordComponents())
                        .map(java.lang.reflect.RecordComponent::getName))
                .doesNotContain("storageKey");
        assertThat(read(f.support.openAttachment(f.localAdmin, t.id(), a.id()))).isEqualTo(Samples.png());
        assertThat(read(f.support.openAttachment(f.platformAdmin, t.id(), a.id())))
                .isEqualTo(Samples.png());
        assertThatThrownBy(() -> f.support.openAttachment(f.otherAdmin, t.id(), a.id()))
                .isInstanceOf(TicketNotFoundException.class);
    }

    @Test
    void aDocumentTheActorMayNotReadOrThatDoesNotExistIsRefusedAlikeAndNothingIsFiled() {
        Fixture f = fixture();
        put("ws-secret", "u-admin2", "bulletin.pdf", "application/pdf", Samples.pdf());

        for (String id : List.of("ws-secret", "ws-missing")) {
            assertThatThrownBy(() -> f.support.create(
                            f.owner,
                            request("s1").attachment(NewAttachment.of(id)).build()))
                    .isInstanceOfSatisfying(ValidationException.class, e -> {
                        assertThat(e.violations()).singleElement().satisfies(v -> {
                            assertThat(v.field()).isEqualTo("attachments");
                            assertThat(v.code()).isEqualTo("unknown-document");
                        });
                        assertThat(e.userMessage(java.util.Locale.FRENCH)).contains("introuvable");
                        assertThat(e.getMessage()).doesNotContain(id);
                    });
        }
        assertThat(f.support.count(f.platformAdmin, TicketQuery.builder().build()))
                .isZero();
        assertThat(files.keys()).isEmpty();
    }

    @Test
    void theStorageKeyOfAnotherSchoolsFileCannotBeNamedToReadIt() throws IOException {
        Fixture f = fixture();
        Ticket other = f.support.create(
                f.otherAdmin,
                request("s2").file(NewFile.of("bulletin.pdf", Samples.pdf())).build());
        String key = AttachmentUploadTest.key(
                f, f.support.attachments(f.otherAdmin, other.id()).get(0));

        assertThatThrownBy(() -> f.support.create(
                        f.owner, request("s1").attachment(NewAttachment.of(key)).build()))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations())
                                .extracting(Violation::code)
                                .containsExactly("unknown-document"));
        Ticket mine = f.file("s1", "Le mien");
        assertThatThrownBy(() ->
                        f.support.comment(f.owner, mine.id(), new NewComment("Voici", List.of(NewAttachment.of(key)))))
                .isInstanceOf(ValidationException.class);
        assertThat(f.support.attachments(f.owner, mine.id())).isEmpty();
    }

    @Test
    void textRelabelledAsHtmlIsCheckedAsTextAndRefusedWhenItCarriesMarkup() {
        Fixture f = fixture();
        put("ws-note", "u-owner", "note.txt", "text/html", "x < y, si a < b alors c".getBytes(StandardCharsets.UTF_8));
        put(
                "ws-xss",
                "u-owner",
                "note2.txt",
                "text/plain",
                "Bonjour\nvoir <img src=x onerror=alert(1)>".getBytes(StandardCharsets.UTF_8));

        Ticket t = f.support.create(
                f.owner, request("s1").attachment(NewAttachment.of("ws-note")).build());
        assertThat(f.support.attachments(f.owner, t.id()).get(0).mediaType()).isEqualTo("text/plain");
        assertThatThrownBy(() -> f.support.create(
                        f.owner,
                        request("s1").attachment(NewAttachment.of("ws-xss")).build()))
                .isInstanceOfSatisfying(
                        AttachmentRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(AttachmentRefusedException.Reason.TYPE_NOT_ALLOWED));
    }

    @Test
    void aSizeTheHostAnnouncesWronglyIsRefused() {
        Fixture f = fixture();
        workspace.put("ws-cut", new Doc("u-owner", "cut.pdf", "application/pdf", Samples.pdf(), 10_000));
        assertThatThrownBy(() -> f.support.create(
                        f.owner,
                        request("s1").attachment(NewAttachment.of("ws-cut")).build()))
                .isInstanceOf(AttachmentRefusedException.class);
    }

    @Test
    void referencesCountAgainstTheFilesAndBytesOfATicket() {
        Fixture f = fixture(AttachmentPolicy.builder()
                .maxFilesPerTicket(2)
                .maxFileSize(Samples.pdf().length * 2L + 10)
                .maxTotalPerTicket(Samples.pdf().length * 2L + 10)
                .build());
        byte[] big = new byte[Samples.pdf().length * 2];
        java.util.Arrays.fill(big, (byte) ' ');
        System.arraycopy(Samples.pdf(), 0, big, 0, Samples.pdf().length);
        put("ws-big", "u-owner", "big.pdf", "application/pdf", big);
        put("ws-1", "u-owner", "a.pdf", "application/pdf", Samples.pdf());
        put("ws-2", "u-owner", "b.pdf", "application/pdf", Samples.pdf());
        put("ws-3", "u-owner", "c.pdf", "application/pdf", Samples.pdf());

        assertThatThrownBy(() -> f.support.create(
                        f.owner,
                        request("s1")
                                .attachment(NewAttachment.of("ws-1"))
                                .attachment(NewAttachment.of("ws-2"))
                                .attachment(NewAttachment.of("ws-3"))
                                .build()))
                .isInstanceOfSatisfying(
                        AttachmentRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(AttachmentRefusedException.Reason.TOO_MANY));

        Ticket one = f.support.create(
                f.owner, request("s1").attachment(NewAttachment.of("ws-1")).build());
        assertThatThrownBy(() -> f.support.comment(
                        f.owner, one.id(), new NewComment("gros", List.of(NewAttachment.of("ws-big")))))
                .isInstanceOfSatisfying(
                        AttachmentRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(AttachmentRefusedException.Reason.TICKET_TOTAL_EXCEEDED));

        Ticket t = f.support.create(
                f.owner,
                request("s1")
                        .attachment(NewAttachment.of("ws-1"))
                        .file(NewFile.of("b.pdf", Samples.pdf()))
                        .build());
        assertThat(t.attachmentCount()).isEqualTo(2);
        assertThatThrownBy(() ->
                        f.support.comment(f.owner, t.id(), new NewComment("encore", List.of(NewAttachment.of("ws-3")))))
                .isInstanceOfSatisfying(
                        AttachmentRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(AttachmentRefusedException.Reason.TOO_MANY));
    }

    @Test
    void theSumOfSizesCannotOverflowIntoRoom() {
        Fixture f = fixture();
        Ticket t = f.file("s1", "Énorme");
        // a row left by an older version, whose size a client chose
        f.store.inTransaction(tx -> tx.insertAttachment(new AttachmentDraft(
                t.id(),
                null,
                "huge.bin",
                "application/pdf",
                Long.MAX_VALUE,
                "legacy",
                "u-owner",
                Instant.EPOCH,
                Origin.LOCAL)));
        put("ws-1", "u-owner", "a.pdf", "application/pdf", Samples.pdf());

        assertThatThrownBy(() ->
                        f.support.comment(f.owner, t.id(), new NewComment("et un", List.of(NewAttachment.of("ws-1")))))
                .isInstanceOfSatisfying(
                        AttachmentRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(AttachmentRefusedException.Reason.TICKET_TOTAL_EXCEEDED));
        assertThatThrownBy(() -> f.support.attach(f.owner, t.id(), List.of(NewFile.of("b.pdf", Samples.pdf()))))
                .isInstanceOfSatisfying(
                        AttachmentRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(AttachmentRefusedException.Reason.TICKET_TOTAL_EXCEEDED));
    }

    @Test
    void referencedDocumentsReachTheDeskOnEscalation() {
        Fixture f = fixture();
        put("ws-42", "u-owner", "capture.png", "image/png", Samples.png());
        Ticket t = f.support.create(
                f.owner, request("s1").attachment(NewAttachment.of("ws-42")).build());

        f.support.escalate(f.localAdmin, t.id());
        for (int i = 0; i < 5; i++) {
            f.support.relay().deliverAllDue();
            f.clock.advance(Duration.ofMinutes(6));
        }

        assertThat(f.desk.issues())
                .singleElement()
                .satisfies(issue -> assertThat(issue.files()).singleElement().satisfies(file -> {
                    assertThat(file.fileName()).isEqualTo("capture.png");
                    assertThat(file.mediaType()).isEqualTo("image/png");
                    assertThat(file.content()).isEqualTo(Samples.png());
                }));
    }

    @Test
    void withoutAHostPortEveryReferenceIsRefused() {
        Fixture f = new Fixture(SupportSettings.defaults(), b -> b.attachmentStore(files));
        assertThatThrownBy(() -> f.support.create(
                        f.owner,
                        request("s1").attachment(NewAttachment.of("ws-1")).build()))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations())
                                .extracting(Violation::field)
                                .containsExactly("attachments"));
        assertThat(Set.copyOf(files.keys())).isEmpty();
    }
}

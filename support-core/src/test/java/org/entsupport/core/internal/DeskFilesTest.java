package org.entsupport.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.entsupport.core.Samples;
import org.entsupport.core.TicketNotFoundException;
import org.entsupport.core.attachment.AttachmentContent;
import org.entsupport.core.attachment.AttachmentRefusedException;
import org.entsupport.core.desk.DeskAttachment;
import org.entsupport.core.desk.DeskFileUnavailableException;
import org.entsupport.core.model.Attachment;
import org.entsupport.core.model.EventType;
import org.entsupport.core.model.Origin;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.spi.DeskFileImport;
import org.junit.jupiter.api.Test;

/** Files from a desk are kept like uploads: same policy, same store, served the same way. */
class DeskFilesTest {

    private final TestContext c = new TestContext();
    private final DeskFiles deskFiles = new DeskFiles(c.ctx);

    @Test
    void deskFilesGoThroughTheSamePolicyAndAreServedTheSameWay() throws IOException {
        Ticket t = c.file("Escaladé");

        Attachment a = deskFiles.importFile(
                t.id(), null, "reponse-support.pdf", new ByteArrayInputStream(Samples.pdf()), "desk:redmine");

        assertThat(a.origin()).isEqualTo(Origin.DESK);
        assertThat(a.uploader()).isEqualTo("desk:redmine");
        assertThat(c.stored(t.id()).attachmentCount()).isEqualTo(1);
        assertThat(c.stored(t.id()).version()).isEqualTo(t.version() + 1);
        assertThat(c.events(t.id())).last().satisfies(e -> {
            assertThat(e.type()).isEqualTo(EventType.ATTACHMENTS_ADDED);
            assertThat(e.parameters()).containsEntry("origin", "DESK");
        });
        try (AttachmentContent content = new Attachments(c.ctx).openAttachment(c.owner, t.id(), a.id())) {
            assertThat(content.content().readAllBytes()).isEqualTo(Samples.pdf());
        }

        Set<String> keys = c.files.keys();
        List<Attachment> before = c.store.inTransaction(tx -> tx.attachments(t.id()));
        assertThatThrownBy(() -> deskFiles.importFile(
                        t.id(), null, "page.png", new ByteArrayInputStream(Samples.html()), "desk:redmine"))
                .isInstanceOf(AttachmentRefusedException.class)
                .hasMessageContaining("page.png is not an accepted type: its content is an HTML document");
        assertThat(c.files.keys()).isEqualTo(keys);
        List<Attachment> after = c.store.inTransaction(tx -> tx.attachments(t.id()));
        assertThat(after).isEqualTo(before);
        assertThat(c.stored(t.id()).version()).isEqualTo(t.version() + 1);
    }

    @Test
    void aFileForAMissingTicketIsRefusedBeforeAnythingIsRead() {
        ByteArrayInputStream in = new ByteArrayInputStream(Samples.pdf());

        assertThatThrownBy(() -> deskFiles.importFile(404, null, "x.pdf", in, "desk:redmine"))
                .isInstanceOf(TicketNotFoundException.class)
                .hasMessageContaining("404");
        assertThat(in.available()).isEqualTo(Samples.pdf().length);
        assertThat(c.files.keys()).isEmpty();
    }

    private Optional<DeskFileImport> state(String fileId) {
        return c.store.inTransaction(tx -> tx.deskFile("redmine", fileId));
    }

    private long unavailableEvents(long ticketId) {
        return c.events(ticketId).stream()
                .filter(e -> e.type() == EventType.DESK_FILE_UNAVAILABLE)
                .count();
    }

    @Test
    void aDownloadThatKeepsFailingIsTriedTwentyTimesThenDeclaredUnavailableOnce() {
        Ticket t = c.file("Escaladé");
        AtomicInteger opened = new AtomicInteger();
        DeskAttachment file = new DeskAttachment("f-1", "journal.txt", "text/plain", 10, () -> {
            opened.incrementAndGet();
            throw new IOException("connection reset");
        });

        for (int attempt = 1; attempt < DeskFiles.MAX_ATTEMPTS; attempt++) {
            assertThat(deskFiles.importDeskFile("redmine", t.id(), null, file, "desk:redmine"))
                    .as("attempt %d", attempt)
                    .isFalse();
            DeskFileImport pending = state("f-1").orElseThrow();
            assertThat(pending.state()).isEqualTo(DeskFileImport.State.PENDING);
            assertThat(pending.attempts()).isEqualTo(attempt);
            assertThat(pending.lastError()).isEqualTo("connection reset");
        }
        assertThat(unavailableEvents(t.id())).isZero();
        long version = c.stored(t.id()).version();

        assertThat(deskFiles.importDeskFile("redmine", t.id(), null, file, "desk:redmine"))
                .isTrue();
        DeskFileImport given = state("f-1").orElseThrow();
        assertThat(given.state()).isEqualTo(DeskFileImport.State.UNAVAILABLE);
        assertThat(given.attempts()).isEqualTo(20);
        assertThat(given.lastError()).isEqualTo("gave up after 20 attempts: connection reset");
        assertThat(c.events(t.id())).last().satisfies(e -> {
            assertThat(e.type()).isEqualTo(EventType.DESK_FILE_UNAVAILABLE);
            assertThat(e.parameters()).containsEntry("names", "journal.txt").containsEntry("desk", "redmine");
        });
        assertThat(c.stored(t.id()).version()).isEqualTo(version + 1);

        assertThat(deskFiles.importDeskFile("redmine", t.id(), null, file, "desk:redmine"))
                .as("a final state is never tried again")
                .isTrue();
        assertThat(opened).hasValue(20);
        assertThat(unavailableEvents(t.id())).isEqualTo(1);
    }

    @Test
    void aFileTheDeskWillNeverGiveIsUnavailableAtTheFirstAttempt() {
        Ticket t = c.file("Escaladé");
        DeskAttachment gone = new DeskAttachment("f-2", "", "application/pdf", 10, () -> {
            throw new IOException("download failed", new DeskFileUnavailableException("deleted on the desk"));
        });

        assertThat(deskFiles.importDeskFile("redmine", t.id(), 5L, gone, "desk:redmine"))
                .isTrue();

        DeskFileImport given = state("f-2").orElseThrow();
        assertThat(given.state()).isEqualTo(DeskFileImport.State.UNAVAILABLE);
        assertThat(given.attempts()).isEqualTo(1);
        assertThat(given.fileName())
                .as("a file without a name is named after its desk id")
                .isEqualTo("file-f-2");
        assertThat(unavailableEvents(t.id())).isEqualTo(1);
    }

    @Test
    void aFileOurPolicyRefusesIsUnavailableAtTheFirstAttemptAndNothingIsKept() {
        Ticket t = c.file("Escaladé");
        Set<String> keys = c.files.keys();
        DeskAttachment page =
                new DeskAttachment("f-3", "page.png", "image/png", 10, () -> new ByteArrayInputStream(Samples.html()));

        assertThat(deskFiles.importDeskFile("redmine", t.id(), null, page, "desk:redmine"))
                .isTrue();

        assertThat(state("f-3").orElseThrow().state()).isEqualTo(DeskFileImport.State.UNAVAILABLE);
        assertThat(state("f-3").orElseThrow().lastError()).contains("page.png is not an accepted type");
        assertThat(c.files.keys()).isEqualTo(keys);
        assertThat(c.stored(t.id()).attachmentCount()).isZero();
    }

    @Test
    void aFileIsImportedOnceAndNeverDownloadedAgain() {
        Ticket t = c.file("Escaladé");
        AtomicInteger opened = new AtomicInteger();
        DeskAttachment file = new DeskAttachment("f-4", "reponse.pdf", "application/pdf", 10, () -> {
            opened.incrementAndGet();
            return new ByteArrayInputStream(Samples.pdf());
        });

        assertThat(deskFiles.importDeskFile("redmine", t.id(), null, file, "desk:redmine"))
                .isTrue();
        assertThat(deskFiles.importDeskFile("redmine", t.id(), null, file, "desk:redmine"))
                .isTrue();

        assertThat(opened).hasValue(1);
        DeskFileImport imported = state("f-4").orElseThrow();
        assertThat(imported.state()).isEqualTo(DeskFileImport.State.IMPORTED);
        assertThat(imported.attempts()).isEqualTo(1);
        assertThat(c.stored(t.id()).attachmentCount()).isEqualTo(1);
        assertThat(deskFiles.importFile(
                        t.id(), null, "reponse.pdf", new ByteArrayInputStream(Samples.pdf()), "desk:redmine", imported))
                .as("an import whose desk file is final meanwhile adds nothing")
                .isEmpty();
        assertThat(c.stored(t.id()).attachmentCount()).isEqualTo(1);
    }
}

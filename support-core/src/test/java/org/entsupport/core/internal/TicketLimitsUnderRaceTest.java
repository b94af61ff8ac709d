package org.entsupport.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.entsupport.core.NewComment;
import org.entsupport.core.Samples;
import org.entsupport.core.attachment.AttachmentPolicy;
import org.entsupport.core.attachment.AttachmentRefusedException;
import org.entsupport.core.attachment.NewFile;
import org.entsupport.core.attachment.ScanResult;
import org.entsupport.core.model.Attachment;
import org.entsupport.core.model.Ticket;
import org.junit.jupiter.api.Test;

/**
 * A ticket's file limits are checked again under its lock: files staged while another upload committed are
 * refused when, together, they exceed the limit, and nothing of theirs is kept. The other upload runs from the
 * scanner, that is, between the staging of the first upload and its transaction.
 */
class TicketLimitsUnderRaceTest {

    /** Runs once, from the first scan, as the upload that wins the race. */
    private final AtomicReference<Runnable> meanwhile = new AtomicReference<>();

    private final TestContext c =
            new TestContext(AttachmentPolicy.builder().maxFilesPerTicket(1).build(), (name, type, in) -> {
                in.transferTo(OutputStream.nullOutputStream());
                Runnable other = meanwhile.getAndSet(null);
                if (other != null) {
                    other.run();
                }
                return ScanResult.clean();
            });

    private void whileStagingAnotherFileIsAttached(Ticket t) {
        meanwhile.set(() ->
                new Attachments(c.ctx).attach(c.owner, t.id(), List.of(NewFile.of("gagnant.pdf", Samples.pdf()))));
    }

    private void onlyTheWinnerIsKept(Ticket t) {
        List<Attachment> kept = c.store.inTransaction(tx -> tx.attachments(t.id()));
        assertThat(kept).extracting(Attachment::fileName).containsExactly("gagnant.pdf");
        assertThat(c.stored(t.id()).attachmentCount()).isEqualTo(1);
        assertThat(c.files.keys()).hasSize(1);
    }

    @Test
    void anAttachmentStagedWhileAnotherCommittedIsRefused() {
        Ticket t = c.file("course");
        whileStagingAnotherFileIsAttached(t);

        assertThatThrownBy(() -> new Attachments(c.ctx)
                        .attach(c.owner, t.id(), List.of(NewFile.of("perdant.pdf", Samples.pdf()))))
                .isInstanceOf(AttachmentRefusedException.class);

        onlyTheWinnerIsKept(t);
    }

    @Test
    void aCommentWithAFileStagedWhileAnotherCommittedIsRefused() {
        Ticket t = c.file("course");
        whileStagingAnotherFileIsAttached(t);

        assertThatThrownBy(() -> new Conversation(c.ctx)
                        .comment(c.owner, t.id(), NewComment.of("Voici", NewFile.of("perdant.pdf", Samples.pdf()))))
                .isInstanceOf(AttachmentRefusedException.class);

        onlyTheWinnerIsKept(t);
        assertThat(c.stored(t.id()).commentCount()).isZero();
    }

    @Test
    void aDeskFileStagedWhileAnotherCommittedIsRefused() {
        Ticket t = c.file("course");
        whileStagingAnotherFileIsAttached(t);

        assertThatThrownBy(() -> new DeskFiles(c.ctx)
                        .importFile(
                                t.id(), null, "perdant.pdf", new ByteArrayInputStream(Samples.pdf()), "desk:redmine"))
                .isInstanceOf(AttachmentRefusedException.class);

        onlyTheWinnerIsKept(t);
    }
}

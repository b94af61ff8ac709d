package org.entsupport.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.entsupport.core.NewComment;
import org.entsupport.core.Samples;
import org.entsupport.core.attachment.NewFile;
import org.entsupport.core.desk.OutgoingAttachment;
import org.entsupport.core.model.Attachment;
import org.entsupport.core.model.Comment;
import org.entsupport.core.model.Ticket;
import org.junit.jupiter.api.Test;

/** The desk receives the local files of the ticket, or of one comment, whose content is in the store. */
class OutgoingFilesTest {

    private final TestContext c = new TestContext();
    private final OutgoingFiles outgoing = new OutgoingFiles(c.ctx.intake(), c.store, "redmine");

    private List<Attachment> files(long ticketId) {
        return c.store.inTransaction(tx -> tx.attachments(ticketId));
    }

    private static byte[] read(OutgoingAttachment a) throws IOException {
        try (InputStream in = a.content().open()) {
            return in.readAllBytes();
        }
    }

    @Test
    void eachCommentSendsItsOwnLocalFilesAndTheTicketOnlyThoseOfNoComment() throws IOException {
        Ticket t = c.file("fichiers");
        new Attachments(c.ctx).attach(c.owner, t.id(), List.of(NewFile.of("ticket.pdf", Samples.pdf())));
        Comment first = new Conversation(c.ctx)
                .comment(c.owner, t.id(), NewComment.of("un", NewFile.of("premier.pdf", Samples.pdf())))
                .comment();
        Comment second = new Conversation(c.ctx)
                .comment(c.owner, t.id(), NewComment.of("deux", NewFile.of("second.png", Samples.png())))
                .comment();
        new DeskFiles(c.ctx)
                .importFile(
                        t.id(),
                        first.id(),
                        "du-support.pdf",
                        new java.io.ByteArrayInputStream(Samples.pdf()),
                        "desk:redmine");
        List<Attachment> all = files(t.id());

        assertThat(outgoing.ofTicket(all))
                .extracting(OutgoingAttachment::fileName)
                .containsExactly("ticket.pdf");
        List<OutgoingAttachment> ofFirst = outgoing.ofComment(all, first.id());
        assertThat(ofFirst)
                .as("the desk's own file is not sent back")
                .extracting(OutgoingAttachment::fileName)
                .containsExactly("premier.pdf");
        assertThat(ofFirst.get(0).mediaType()).isEqualTo("application/pdf");
        assertThat(ofFirst.get(0).size()).isEqualTo(Samples.pdf().length);
        assertThat(read(ofFirst.get(0))).isEqualTo(Samples.pdf());
        assertThat(outgoing.ofComment(all, second.id()))
                .extracting(OutgoingAttachment::fileName)
                .containsExactly("second.png");
        assertThat(outgoing.ofComment(all, second.id() + 1)).isEmpty();
    }

    @Test
    void aFileWhoseContentIsGoneIsLeftOut() {
        Ticket t = c.file("fichiers");
        new Attachments(c.ctx)
                .attach(
                        c.owner,
                        t.id(),
                        List.of(NewFile.of("garde.pdf", Samples.pdf()), NewFile.of("perdu.pdf", Samples.pdf())));
        List<Attachment> all = files(t.id());
        String lostKey = c.store
                .inTransaction(tx -> tx.storageKey(t.id(), all.get(1).id()))
                .orElseThrow();
        c.files.delete(lostKey);

        assertThat(outgoing.ofTicket(all))
                .extracting(OutgoingAttachment::fileName)
                .containsExactly("garde.pdf");
    }
}

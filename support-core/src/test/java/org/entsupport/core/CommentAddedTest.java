package org.entsupport.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.entsupport.core.attachment.InMemoryAttachmentStore;
import org.entsupport.core.attachment.NewFile;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketStatus;
import org.junit.jupiter.api.Test;

/** {@link Support#comment} answers the ticket's new version, so the next change needs no read. */
class CommentAddedTest {

    private final Fixture f = new Fixture(
            SupportSettings.builder().reopenWindow(Duration.ofDays(30)).build(),
            b -> b.attachmentStore(new InMemoryAttachmentStore()));

    @Test
    void theAnswerIsTheTicketAsTheCommentLeftItAndTheNextChangeUsesItsVersion() {
        Ticket t = f.file("s1", "Impossible d'imprimer");
        f.clock.advance(Duration.ofMinutes(1));

        CommentAdded added = f.support.comment(
                f.localAdmin, t.id(), NewComment.of("Quelle imprimante ?", NewFile.of("procedure.png", Samples.png())));

        Ticket stored = f.support.get(f.owner, t.id());
        assertThat(added.ticket()).isEqualTo(stored);
        assertThat(added.ticket().version()).isGreaterThan(t.version());
        assertThat(added.ticket().status()).isEqualTo(TicketStatus.OPENED);
        assertThat(added.ticket().attachmentCount()).isEqualTo(1);
        assertThat(added.comment().body()).isEqualTo("Quelle imprimante ?");
        assertThat(added.comment().ticketId()).isEqualTo(t.id());

        Ticket waiting = f.support.changeStatus(
                f.localAdmin, t.id(), TicketStatus.WAITING, added.ticket().version());
        assertThat(waiting.status()).isEqualTo(TicketStatus.WAITING);

        CommentAdded reply = f.support.comment(f.owner, t.id(), NewComment.of("La HP du CDI."));
        assertThat(reply.ticket()).isEqualTo(f.support.get(f.owner, t.id()));
        assertThat(reply.ticket().status()).isEqualTo(TicketStatus.OPENED);
        assertThat(reply.ticket().version()).isEqualTo(waiting.version() + 1);
    }
}

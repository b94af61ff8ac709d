package org.entsupport.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.entsupport.core.desk.ForwardedComment;
import org.entsupport.core.memory.InMemorySupportDesk;
import org.entsupport.core.model.Comment;
import org.entsupport.core.model.Origin;
import org.entsupport.core.model.Ticket;
import org.junit.jupiter.api.Test;

/**
 * The echo rule end to end: only the desk's own note of one of our comments (flagged as an echo by the
 * connector) is dropped; an agent's reply that quotes it, or any comment with marker-like text, is imported
 * or posted exactly once.
 */
class DeskEchoTest {

    private final DeskFixture f = new DeskFixture();

    private List<InMemorySupportDesk.StoredComment> deskComments(Ticket t) {
        return f.desk.issue(f.issueOf(t)).orElseThrow().comments();
    }

    @Test
    void anAgentReplyQuotingOurNoteIsImportedOnce() {
        Ticket t = f.escalated("Citation");
        Comment ours = f.support
                .comment(f.owner, t.id(), NewComment.of("Le cahier de textes est vide."))
                .comment();
        f.drain();
        InMemorySupportDesk.StoredComment note = deskComments(t).get(0);
        assertThat(note.localCommentId()).isEqualTo(ours.id());

        f.desk.addComment(
                f.issueOf(t),
                "Agent Smith",
                "> " + note.body() + " [ENT-comment-" + ours.id() + "]\n\nC'est corrigé.",
                true);
        assertThat(f.sync()).isEqualTo(1);
        assertThat(f.sync()).isZero();

        List<Comment> comments = f.comments(t.id());
        assertThat(comments).extracting(Comment::origin).containsExactly(Origin.LOCAL, Origin.DESK);
        assertThat(comments.get(1).body()).contains("C'est corrigé.", "[ENT-comment-" + ours.id() + "]");
        assertThat(comments.get(0).externalId()).isEqualTo(note.id());
    }

    @Test
    void aCommentWithMarkerLikeTextIsPostedOnceAndItsEchoIsNotImported() {
        Ticket t = f.escalated("Marqueur");
        f.support.comment(f.owner, t.id(), NewComment.of("Voir [ENT-comment-3] et [ENT-" + t.id() + "] plus haut"));
        f.drain();
        assertThat(f.support.relay().deadMessages(10)).isEmpty();
        assertThat(deskComments(t))
                .singleElement()
                .satisfies(c -> assertThat(c.body()).contains("[ENT-comment-3]"));

        f.sync();
        f.sync();
        assertThat(f.comments(t.id()))
                .singleElement()
                .satisfies(c -> assertThat(c.origin()).isEqualTo(Origin.LOCAL));
    }

    @Test
    void anEchoWhoseDeskIdWasLostGivesItBackAndTheCommentIsNotPostedAgain() throws Exception {
        Ticket t = f.escalated("Crash");
        Comment ours = f.support
                .comment(f.owner, t.id(), NewComment.of("Perdu puis retrouvé"))
                .comment();
        // the desk took the note, but our commit of its id never happened (the relay's node died)
        String noteId = f.desk.forwardComment(
                f.issueOf(t), ForwardedComment.of(ours.id(), "Olivia Owner", ours.body(), ours.created()), "lost-key");

        f.sync();
        assertThat(f.comments(t.id())).singleElement().satisfies(c -> {
            assertThat(c.origin()).isEqualTo(Origin.LOCAL);
            assertThat(c.externalId()).isEqualTo(noteId);
        });
        int calls = f.desk.calls();
        f.drain();
        assertThat(f.desk.calls()).isEqualTo(calls);
        assertThat(deskComments(t)).hasSize(1);
    }
}

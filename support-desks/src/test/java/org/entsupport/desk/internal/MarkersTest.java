package org.entsupport.desk.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.OptionalLong;
import org.entsupport.core.desk.InstallationId;
import org.entsupport.core.desk.StatusChange;
import org.entsupport.core.model.TicketStatus;
import org.junit.jupiter.api.Test;

class MarkersTest {

    private static final InstallationId LYON = InstallationId.of("lyon01");
    private static final InstallationId NANTES = InstallationId.of("nantes02");
    private final Markers lyon = new Markers("ENT", null, true).forInstallation(LYON);

    @Test
    void markersNameTheInstallation() {
        assertThat(lyon.issue(42)).isEqualTo("[ENT-lyon01-42]");
        assertThat(lyon.key(42)).isEqualTo("ENT-lyon01-42");
        assertThat(lyon.comment(7)).isEqualTo("[ENT-lyon01-comment-7]");
        assertThat(lyon.status(12)).isEqualTo("[ENT-lyon01-status-12]");
        assertThat(new Markers("ENT", null, true).issue(42))
                .as("a connector not bound to an installation writes the markers of earlier versions")
                .isEqualTo("[ENT-42]");
    }

    @Test
    void anotherInstallationsMarkerIsNotOurs() {
        Markers.IssueMark theirs =
                lyon.findIssue("[ENT-nantes02-42] Cannot log in").orElseThrow();
        Markers.IssueMark ours = lyon.findIssue("[ENT-lyon01-42] Cannot log in").orElseThrow();
        Markers.IssueMark legacy = lyon.findIssue("[ENT-42] Cannot log in").orElseThrow();

        assertThat(theirs).isEqualTo(new Markers.IssueMark(NANTES, 42));
        assertThat(lyon.isOurs(theirs)).isFalse();
        assertThat(lyon.isOurs(ours)).isTrue();
        assertThat(lyon.isOurs(legacy))
                .as("legacy markers read as ours by default")
                .isTrue();
        assertThat(new Markers("ENT", LYON, false).isOurs(legacy))
                .as("unless the host says several platforms shared the desk before")
                .isFalse();
        assertThat(new Markers("ENT", null, true).isOurs(ours))
                .as("a connector without installation owns no installation's marker")
                .isFalse();
    }

    @Test
    void commentAndStatusMarkersAreNotIssueMarkers() {
        assertThat(lyon.findIssue("see [ENT-comment-3] and [ENT-lyon01-comment-4]"))
                .isEmpty();
        assertThat(lyon.findIssue("[ENT-lyon01-status-4]")).isEmpty();
        assertThat(lyon.exactKey("ENT-lyon01-42")).contains(new Markers.IssueMark(LYON, 42));
        assertThat(lyon.exactKey("ENT-lyon01-42-x")).isEmpty();
    }

    @Test
    void theNoteWePostIsAnEcho() {
        String note = lyon.commentNote("Alice Élève", "It still fails\r\non Firefox", 7);

        assertThat(note).isEqualTo("Alice Élève wrote:\n\nIt still fails\non Firefox\n\n[ENT-lyon01-comment-7]");
        assertThat(lyon.echoedComment(note)).hasValue(7);
        assertThat(lyon.echoedComment(note.replace("\n", "\r\n") + "\r\n"))
                .as("as the desk stores it, CRLF and a trailing new line")
                .hasValue(7);
        assertThat(lyon.isOurForm(note)).isTrue();
    }

    @Test
    void aQuoteReplyIsNotAnEcho() {
        String ours = lyon.commentNote("Alice Élève", "It still fails on Firefox", 7);
        // what Redmine's Quote button produces, then the agent's answer
        String quote = "Redmine Admin wrote in #note-2:\n> " + ours.replace("\n", "\n> ")
                + "\n\nPlease clear the cache, then retry.";
        // a quote that ends with the quoted marker (the agent typed above it)
        String quoteAtEnd = "Please clear the cache.\n\n> " + ours.replace("\n", "\n> ");

        assertThat(lyon.echoedComment(quote)).isEmpty();
        assertThat(lyon.echoedComment(quoteAtEnd)).isEmpty();
        assertThat(lyon.isOurForm(quote)).isFalse();
        assertThat(lyon.isOurForm(quoteAtEnd)).isFalse();
    }

    @Test
    void markerLikeTextInAComment_theLastMarkerCounts() {
        String note = lyon.commentNote("Alice", "I pasted this: [ENT-lyon01-comment-3] and [ENT-comment-3]", 8);

        assertThat(lyon.echoedComment(note)).hasValue(8);
        String pasted = lyon.commentNote("Alice", lyon.commentNote("Bob", "earlier", 3), 9);
        assertThat(lyon.echoedComment(pasted))
                .as("a comment that is itself one of our notes")
                .hasValue(9);
    }

    @Test
    void anotherInstallationsNoteIsNotOurs_legacyNotesAreUnlessTurnedOff() {
        String theirs = new Markers("ENT", NANTES, true).commentNote("Alice", "Hello", 7);
        String legacy = new Markers("ENT", null, true).commentNote("Alice", "Hello", 7);

        assertThat(lyon.echoedComment(theirs)).isEmpty();
        assertThat(lyon.echoedComment(legacy)).hasValue(7);
        assertThat(new Markers("ENT", LYON, false).echoedComment(legacy)).isEmpty();
        assertThat(new Markers("ENT", null, true).echoedComment(lyon.commentNote("Alice", "Hello", 7)))
                .isEmpty();
    }

    @Test
    void statusNotes() {
        StatusChange reopened =
                new StatusChange(12, TicketStatus.RESOLVED, TicketStatus.OPENED, "Alice\nÉlève", true, Instant.EPOCH);

        String note = lyon.statusNote(reopened);

        assertThat(note)
                .isEqualTo("Alice Élève (requester) reopened the request in Aide & Support (it was resolved).\n\n"
                        + "[ENT-lyon01-status-12]");
        assertThat(lyon.echoedStatus(note)).hasValue(12);
        assertThat(lyon.echoedComment(note)).isEqualTo(OptionalLong.empty());
        assertThat(lyon.isOurForm(note)).isTrue();
        assertThat(lyon.isOurForm("> " + note)).isFalse();
        assertThat(Markers.sentence(
                        new StatusChange(1, TicketStatus.OPENED, TicketStatus.RESOLVED, "Bob", false, Instant.EPOCH)))
                .isEqualTo("Bob marked the request as resolved in Aide & Support (it was in progress).");
    }

    @Test
    void theInstallationIdIsValidated() {
        assertThatThrownBy(() -> InstallationId.of("Lyon"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("installationId must be 3 to 16 lower-case letters and digits, starting with a letter,"
                        + " and neither 'comment' nor 'status', but was 'Lyon'");
        assertThatThrownBy(() -> InstallationId.of("comment")).hasMessageContaining("but was 'comment'");
        assertThat(InstallationId.generate().value()).matches("[a-z][a-z0-9]{7}");
        assertThat(InstallationId.generate()).isNotEqualTo(InstallationId.generate());
        assertThatThrownBy(() -> new Markers("E N T", null, true))
                .hasMessage("markerPrefix must be a letter then up to 19 letters, digits or _, but was 'E N T'");
    }

    @Test
    void textIsCutOnCodePoints() {
        String emoji = "😀".repeat(5);

        assertThat(DeskText.cut("ab" + emoji, 4)).isEqualTo("ab😀…");
        assertThat(DeskText.cut("ab" + emoji, 7)).isEqualTo("ab" + emoji);
        assertThat(DeskText.fileName("x".repeat(300) + ".png", 255))
                .hasSize(255)
                .endsWith("x.png");
        assertThat(DeskText.fileName("😀".repeat(300) + ".png", 255)).satisfies(n -> {
            assertThat(n.codePointCount(0, n.length())).isEqualTo(255);
            assertThat(n).endsWith("😀.png");
        });
        assertThat(DeskText.oneLine(" a \n b\t c ")).isEqualTo("a b c");
    }
}

package org.entsupport.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import org.entsupport.core.desk.DeskComment;
import org.entsupport.core.desk.InstallationId;
import org.entsupport.core.desk.IssueChanges;
import org.entsupport.core.memory.InMemorySupportDesk;
import org.entsupport.core.memory.InMemoryTicketStore;
import org.entsupport.core.model.Comment;
import org.entsupport.core.model.Ticket;
import org.junit.jupiter.api.Test;

/** Two platforms sharing one desk project: each one's markers name its installation, and neither imports the other's issues. */
class DeskInstallationTest {

    private final DeskFixture a = new DeskFixture();
    private final DeskFixture b = new DeskFixture(new InMemoryTicketStore(), a.desk, d -> d, x -> x);

    @Test
    void theInstallationIdIsGeneratedOnceKeptInTheStoreAndOverridable() {
        Ticket t = a.escalated("Première");
        InstallationId stored = a.store.deskSync().installation(InstallationId.of("unused1"));
        assertThat(a.desk.issue(a.issueOf(t)).orElseThrow().installation()).isEqualTo(stored);

        DeskFixture again = new DeskFixture(a.store, a.desk, d -> d, x -> x);
        Ticket u = again.escalated("Seconde");
        assertThat(a.desk.issue(again.issueOf(u)).orElseThrow().installation()).isEqualTo(stored);

        DeskFixture chosen =
                new DeskFixture(new InMemoryTicketStore(), a.desk, d -> d, x -> x.installationId("lycees"));
        Ticket v = chosen.escalated("Choisie");
        assertThat(a.desk.issue(chosen.issueOf(v)).orElseThrow().installation()).isEqualTo(InstallationId.of("lycees"));
        assertThatThrownBy(() -> Support.builder().installationId("Comment"))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.violations()).extracting(Violation::field).containsExactly("installationId");
                    assertThat(e.userMessage(Locale.FRENCH)).contains("Identifiant d'installation");
                });
    }

    @Test
    void twoPlatformsWithTheSameTicketNumbersNeverTakeEachOthersAnswers() {
        Ticket ta = a.escalated("Chez A");
        Ticket tb = b.escalated("Chez B");
        assertThat(ta.id()).isEqualTo(tb.id());
        assertThat(a.issueOf(ta)).isNotEqualTo(b.issueOf(tb));

        Comment ca = a.support
                .comment(a.owner, ta.id(), NewComment.of("Commentaire de A"))
                .comment();
        Comment cb = b.support
                .comment(b.owner, tb.id(), NewComment.of("Commentaire de B"))
                .comment();
        assertThat(ca.id()).isEqualTo(cb.id());
        a.drain();
        b.drain();
        assertThat(a.desk.issue(a.issueOf(ta)).orElseThrow().comments())
                .extracting(InMemorySupportDesk.StoredComment::body)
                .containsExactly("Commentaire de A");
        assertThat(a.desk.issue(b.issueOf(tb)).orElseThrow().comments())
                .extracting(InMemorySupportDesk.StoredComment::body)
                .containsExactly("Commentaire de B");

        a.desk.addComment(a.issueOf(ta), "Agent", "Réponse pour A", true);
        a.sync();
        b.sync();
        assertThat(a.comments(ta.id())).extracting(Comment::body).containsExactly("Commentaire de A", "Réponse pour A");
        assertThat(b.comments(tb.id())).extracting(Comment::body).containsExactly("Commentaire de B");
    }

    @Test
    void anIssueMarkedForAnotherInstallationIsNeverImported() {
        Ticket t = a.escalated("Étrangère");
        String ext = a.issueOf(t);
        IssueChanges foreign = new IssueChanges(
                ext,
                t.id(),
                InMemorySupportDesk.RESOLVED,
                "Résolu",
                a.clock.instant(),
                List.of(new DeskComment(
                        "x1", "Agent", "Pour l'autre plateforme", a.clock.instant(), true, null, List.of())),
                InstallationId.of("autre"));

        assertThat(a.support.applyDeskChanges("memory", foreign)).isFalse();
        assertThat(a.comments(t.id())).isEmpty();
        assertThat(a.ticket(t.id()).status()).isEqualTo(t.status());
    }
}

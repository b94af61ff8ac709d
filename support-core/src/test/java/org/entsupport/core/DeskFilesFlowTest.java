package org.entsupport.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.entsupport.core.memory.InMemorySupportDesk;
import org.entsupport.core.model.Attachment;
import org.entsupport.core.model.Origin;
import org.entsupport.core.model.Ticket;
import org.junit.jupiter.api.Test;

/**
 * Files of the desk's replies reach the ticket exactly once: a reply with a file and no text, a download
 * that fails and is tried again on later polls, a file the desk will never give, shown as unavailable.
 */
class DeskFilesFlowTest {

    private FlakyFilesDesk flaky;
    private final DeskFixture f = new DeskFixture(d -> flaky = new FlakyFilesDesk(d));

    private InMemorySupportDesk.StoredFile png(String name) {
        return f.desk.file(name, "image/png", EscalationFlowTest.PNG);
    }

    @Test
    void aReplyWithAFileAndNoTextBringsTheFileOnce() throws Exception {
        Ticket t = f.escalated("Fichier seul");
        f.desk.addComment(f.issueOf(t), "Agent", "", true, png("capture.png"));

        assertThat(f.sync()).isEqualTo(1);
        assertThat(f.sync()).isZero();

        assertThat(f.support.attachments(f.owner, t.id())).singleElement().satisfies(a -> {
            assertThat(a.fileName()).isEqualTo("capture.png");
            assertThat(a.origin()).isEqualTo(Origin.DESK);
        });
        assertThat(f.comments(t.id())).isEmpty();
    }

    @Test
    void aFailedDownloadIsTriedAgainOnLaterPollsUntilItSucceedsThenNeverAgain() throws Exception {
        Ticket t = f.escalated("Téléchargement");
        InMemorySupportDesk.StoredFile file = png("journal.png");
        flaky.failures.put(file.id(), 2);
        f.desk.addComment(f.issueOf(t), "Agent", "Voici le journal", true, file);

        f.sync(); // the reply comes, its file does not
        assertThat(f.comments(t.id())).hasSize(1);
        assertThat(f.support.attachments(f.owner, t.id())).isEmpty();
        f.sync(); // the desk reports nothing new; the file is tried again all the same
        assertThat(f.support.attachments(f.owner, t.id())).isEmpty();
        f.sync();
        f.sync();
        f.sync();

        assertThat(f.support.attachments(f.owner, t.id())).singleElement().satisfies(a -> {
            assertThat(a.fileName()).isEqualTo("journal.png");
            assertThat(a.commentId()).isEqualTo(f.comments(t.id()).get(0).id());
        });
        assertThat(flaky.downloads(file.id())).isEqualTo(3);
        assertThat(f.store.deskSync().resyncBacklog("memory", 10)).isEmpty();
        assertThat(f.comments(t.id())).hasSize(1);
    }

    @Test
    void aFileTheDeskWillNeverGiveIsShownUnavailableAndNotTriedAgain() throws Exception {
        Ticket t = f.escalated("Supprimé");
        InMemorySupportDesk.StoredFile file = png("efface.png");
        flaky.neverGiven.put(file.id(), true);
        f.desk.addComment(f.issueOf(t), "Agent", "Un fichier", true, file);

        f.sync();
        f.sync();
        f.support.syncTicket(f.root, t.id());

        assertThat(f.support.attachments(f.owner, t.id())).isEmpty();
        assertThat(flaky.downloads(file.id())).isEqualTo(1);
        assertThat(f.support.timeline(f.owner, t.id()).stream().map(e -> TimelineText.describe(e, Locale.FRENCH)))
                .contains("Un fichier du support est indisponible : efface.png");
        assertThat(f.support.timeline(f.owner, t.id()).stream().map(e -> TimelineText.describe(e, Locale.ENGLISH)))
                .contains("A file from the support desk is unavailable: efface.png");
    }

    @Test
    void aSecondImportOfTheSameIssueKeepsOneCopy() throws Exception {
        Ticket t = f.escalated("Deux fois");
        f.desk.addComment(f.issueOf(t), "Agent", "Le voici", true, png("une.png"));
        f.sync();
        f.support.syncTicket(f.root, t.id());
        f.support.applyDeskChanges("memory", f.desk.changesOf(f.issueOf(t)));
        assertThat(f.support.attachments(f.owner, t.id()))
                .extracting(Attachment::fileName)
                .containsExactly("une.png");
    }
}

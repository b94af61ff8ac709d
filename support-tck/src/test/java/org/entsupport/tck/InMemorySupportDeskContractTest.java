package org.entsupport.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.entsupport.core.desk.DeskException;
import org.entsupport.core.desk.DeskIssue;
import org.entsupport.core.desk.ForwardedComment;
import org.entsupport.core.desk.SupportDesk;
import org.entsupport.core.memory.InMemorySupportDesk;
import org.entsupport.core.memory.InMemorySupportDesk.StoredFile;
import org.entsupport.core.model.TicketStatus;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class InMemorySupportDeskContractTest extends SupportDeskContract {

    private final InMemorySupportDesk desk = new InMemorySupportDesk();

    @Override
    protected SupportDesk desk() {
        return desk;
    }

    @Override
    protected String addPublicComment(String externalId, String body, @Nullable DeskFile file) {
        StoredFile[] files = file == null
                ? new StoredFile[0]
                : new StoredFile[] {desk.file(file.fileName(), file.mediaType(), file.content())};
        return desk.addComment(externalId, "Agent Smith", body, true, files);
    }

    @Override
    protected String addPrivateNote(String externalId, String body) {
        return desk.addComment(externalId, "Agent Smith", body, false);
    }

    @Override
    protected void changeStatus(String externalId, TicketStatus target) {
        desk.changeStatus(
                externalId, target.name().toLowerCase(java.util.Locale.ROOT).replace("opened", "open"));
    }

    @Override
    protected int issueCount(long ticketId) {
        return (int)
                desk.issues().stream().filter(i -> i.ticketId() == ticketId).count();
    }

    @Override
    protected Map<String, byte[]> filesOnDesk(String externalId) {
        Map<String, byte[]> files = new HashMap<>();
        InMemorySupportDesk.StoredIssue issue = desk.issue(externalId).orElseThrow();
        issue.files().forEach(f -> files.put(f.fileName(), f.content()));
        issue.comments().forEach(c -> c.files().forEach(f -> files.put(f.fileName(), f.content())));
        return files;
    }

    @Override
    protected void deleteIssue(String externalId) {
        desk.deleteIssue(externalId);
    }

    @Override
    protected void hideIssue(String externalId) {
        desk.hideIssue(externalId);
    }

    @Test
    void deletedIssuesAreReportedByTheChangeFeed_andANewHandOverOpensANewIssue() throws Exception {
        String cursor = desk.changesSince(null).nextCursor();
        long ticket = newTicketId();
        DeskIssue issue = desk.open(request(ticket).build(), key());

        desk.deleteIssue(issue.externalId());

        org.entsupport.core.desk.DeskChanges changes = desk.changesSince(cursor);
        assertThat(changes.issues()).isEmpty();
        assertThat(changes.gone()).singleElement().satisfies(g -> {
            assertThat(g.externalId()).isEqualTo(issue.externalId());
            assertThat(g.ticketId()).isEqualTo(ticket);
        });
        assertThat(desk.open(request(ticket).build(), key()).externalId()).isNotEqualTo(issue.externalId());
    }

    @Test
    void aWorkflowThatRefusesTheStatusStillGetsTheNote() throws Exception {
        DeskIssue issue = desk.open(request(newTicketId()).build(), key());
        desk.refuseStatusChanges(true);

        var forwarded = desk.forwardStatus(
                        issue.externalId(),
                        new org.entsupport.core.desk.StatusChange(
                                5, TicketStatus.OPENED, TicketStatus.CLOSED, "Bob", false, Instant.now()),
                        key())
                .orElseThrow();

        assertThat(forwarded.statusApplied()).isFalse();
        assertThat(forwarded.deskStatus()).isEqualTo(InMemorySupportDesk.NEW);
        assertThat(desk.changesOf(issue.externalId()).comment(forwarded.noteId()))
                .isPresent();
    }

    @Override
    protected void letTimePass() {
        // Cursors are sequence numbers: nothing to wait for.
    }

    @Test
    void aDeskThatIsDownFailsRetryableThenRecovers() throws Exception {
        desk.goDown(2);
        assertThatThrownBy(() -> desk.open(request(newTicketId()).build(), key()))
                .isInstanceOf(DeskException.class)
                .hasMessage("memory is down, could not open ticket " + (peekTicketId()))
                .satisfies(e -> assertThat(((DeskException) e).retryable()).isTrue());
        assertThatThrownBy(() -> desk.changesSince(null)).hasMessage("memory is down, could not read changes");

        DeskIssue issue = desk.open(request(newTicketId()).build(), key());
        assertThat(issue.externalId()).isEqualTo("1");
        assertThat(desk.calls()).isEqualTo(3);
    }

    @Test
    void aRefusingDeskFailsForGoodUntilRestored() throws Exception {
        desk.refuse("quota exceeded");
        assertThatThrownBy(() -> desk.forwardComment("1", ForwardedComment.of(1, "A", "B", Instant.now()), "k"))
                .isInstanceOf(DeskException.class)
                .hasMessage("memory refused to forward comment 1 to issue 1: quota exceeded")
                .satisfies(e -> assertThat(((DeskException) e).retryable()).isFalse());

        desk.restore();
        assertThat(desk.changesSince(null).issues()).isEmpty();
    }

    private long lastId;

    @Override
    protected long newTicketId() {
        lastId = super.newTicketId();
        return lastId;
    }

    private long peekTicketId() {
        return lastId;
    }
}

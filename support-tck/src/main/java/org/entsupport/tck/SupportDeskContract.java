package org.entsupport.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.entsupport.core.desk.DeskAttachment;
import org.entsupport.core.desk.DeskChanges;
import org.entsupport.core.desk.DeskComment;
import org.entsupport.core.desk.DeskException;
import org.entsupport.core.desk.DeskIssue;
import org.entsupport.core.desk.EscalationRequest;
import org.entsupport.core.desk.ForwardedComment;
import org.entsupport.core.desk.InstallationId;
import org.entsupport.core.desk.IssueChanges;
import org.entsupport.core.desk.IssueGone;
import org.entsupport.core.desk.IssueGoneException;
import org.entsupport.core.desk.OutgoingAttachment;
import org.entsupport.core.desk.StatusChange;
import org.entsupport.core.desk.StatusForwarded;
import org.entsupport.core.desk.SupportDesk;
import org.entsupport.core.model.TicketStatus;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link SupportDesk} must show. Run it against an implementation with one
 * small subclass that provides the desk and acts "on the desk's side":
 *
 * <pre>{@code
 * class MyDeskContractTest extends SupportDeskContract {
 *     private final MyDesk desk = MyDesk.builder()...build();
 *     protected SupportDesk desk() { return desk; }
 *     protected String addPublicComment(String issue, String body, @Nullable DeskFile file) { ... }
 *     protected String addPrivateNote(String issue, String body) { ... }
 *     protected void changeStatus(String issue, TicketStatus target) { ... }
 *     protected int issueCount(long ticketId) { ... }
 *     protected Map<String, byte[]> filesOnDesk(String issue) { ... }
 *     protected void deleteIssue(String issue) { ... }
 *     protected void hideIssue(String issue) { ... }
 * }
 * }</pre>
 *
 * <p>Comments added through {@link #addPublicComment} are an agent's: they must never be reported as
 * echoes, whatever they say (a desk that uses one account for agents and for the connector cannot
 * pass this kit).
 *
 * <p>Ticket ids are unique per run ({@link #newTicketId()}), so the contract can run against a
 * long-lived desk that keeps the issues of earlier runs.
 */
public abstract class SupportDeskContract {

    private static final AtomicLong TICKET_IDS = new AtomicLong((System.currentTimeMillis() % 1_000_000_000L) * 1_000L);

    /**
     * A file added on the desk's side.
     *
     * @param fileName  its name
     * @param mediaType its media type
     * @param content   its bytes
     */
    public record DeskFile(String fileName, String mediaType, byte[] content) {
        /**
         * Checks the components.
         *
         * @param fileName its name
         * @param mediaType its media type
         * @param content its bytes
         */
        public DeskFile {
            Objects.requireNonNull(fileName, "fileName");
            Objects.requireNonNull(mediaType, "mediaType");
            Objects.requireNonNull(content, "content");
        }
    }

    /**
     * The desk under test; the same instance for the whole test method.
     *
     * @return the desk under test; the same instance for the whole test method
     */
    protected abstract SupportDesk desk();

    /**
     * Adds a public comment on the desk's side, as an agent would, optionally with a file.
     *
     * @param externalId the issue's id on the desk
     * @param body the comment's text
     * @param file a file to attach, or {@code null}
     * @return the desk's id of the comment (as {@link DeskComment#id()} will report it)
     * @throws java.lang.Exception when the desk cannot be reached or refuses
     */
    protected abstract String addPublicComment(String externalId, String body, @Nullable DeskFile file)
            throws Exception;

    /**
     * Adds a private (internal) note on the desk's side.
     *
     * @param externalId the issue's id on the desk
     * @param body the note's text
     * @return the desk's id of the note
     * @throws java.lang.Exception when the desk cannot be reached or refuses
     */
    protected abstract String addPrivateNote(String externalId, String body) throws Exception;

    /**
     * Sets the issue to a desk status that the desk's default mapping maps to {@code target}.
     *
     * @param externalId the issue's id on the desk
     * @param target the status to move to
     * @throws java.lang.Exception when the desk cannot be reached or refuses
     */
    protected abstract void changeStatus(String externalId, TicketStatus target) throws Exception;

    /**
     * How many issues the desk holds for our ticket {@code ticketId}, read on the desk's side.
     *
     * @param ticketId the ticket's id
     * @return how many issues the desk holds for our ticket {@code ticketId}, read on the desk's side
     * @throws java.lang.Exception when the desk cannot be reached
     */
    protected abstract int issueCount(long ticketId) throws Exception;

    /**
     * The files the desk holds on an issue (all of them, including those sent by {@code open}), by name.
     *
     * @param externalId the issue's id on the desk
     * @return the files the desk holds on an issue (all of them, including those sent by {@code open}), by name
     * @throws java.lang.Exception when the desk cannot be reached
     */
    protected abstract Map<String, byte[]> filesOnDesk(String externalId) throws Exception;

    /**
     * Deletes the issue on the desk's side, as an agent or an administrator would.
     *
     * @param externalId the desk's id of the issue
     * @throws Exception when the desk cannot do it
     */
    protected abstract void deleteIssue(String externalId) throws Exception;

    /**
     * Makes the issue invisible to the connector's account while it still exists on the desk (moved to
     * a project the account is not a member of, made private...).
     *
     * @param externalId the desk's id of the issue
     * @throws Exception when the desk cannot do it
     */
    protected abstract void hideIssue(String externalId) throws Exception;

    /**
     * Prepares an issue so that the desk's workflow lets the connector resolve it (Zendesk solves only
     * assigned tickets: assign it). The default does nothing.
     *
     * @param externalId the desk's id of the issue
     * @throws Exception when the desk cannot do it
     */
    protected void prepareForResolving(String externalId) throws Exception {}

    /**
     * Waits until changes made so far are older than the desk's overlap window and clock
     * granularity, so that a cursor taken afterwards no longer re-reads them. The default sleeps
     * 1.1 s; desks with an overlap window longer than zero, or a controllable clock, override it.
     *
     * @throws java.lang.InterruptedException when the test thread is interrupted
     */
    protected void letTimePass() throws InterruptedException {
        Thread.sleep(1_100);
    }

    /**
     * Whether the desk returns the whole thread of a changed issue from {@code changesSince} rather
     * than the comments since the cursor (allowed; Zendesk does). Default false.
     *
     * @return whether the desk returns the whole thread of a changed issue from {@code changesSince} rather than
     *         the comments since the cursor (allowed; Zendesk does)
     */
    protected boolean returnsWholeThread() {
        return false;
    }

    /**
     * A ticket id that no earlier run used.
     *
     * @return a ticket id that no earlier run used
     */
    protected long newTicketId() {
        return TICKET_IDS.incrementAndGet();
    }

    // ---------------------------------------------------------------- open

    @Test
    @DisplayName("name() is stable, lower case, without blanks")
    void nameIsStable() {
        assertThat(desk().name()).isNotBlank().matches("[a-z0-9._-]+").isEqualTo(desk().name());
    }

    @Test
    @DisplayName("open() returns an issue with an id, a url and a status mapped to OPENED")
    void openReturnsAnIssue() throws Exception {
        long ticket = newTicketId();

        DeskIssue issue = desk().open(request(ticket).build(), key());

        assertThat(issue.externalId()).as("external id").isNotBlank();
        assertThat(issue.url()).as("url").isNotBlank().contains(issue.externalId());
        assertThat(desk().statusMapping().map(issue.status()))
                .as("mapped status of a new issue (%s)", issue.status())
                .contains(TicketStatus.OPENED);
        IssueChanges read = desk().changesOf(issue.externalId());
        assertThat(read.ticketId()).as("our ticket id read back from the desk").isEqualTo(ticket);
        assertThat(read.externalId()).isEqualTo(issue.externalId());
        assertThat(read.comments()).as("the opening text is not a comment").isEmpty();
    }

    @Test
    @DisplayName("open() twice with the same idempotency key creates one desk issue")
    void openTwiceWithSameKeyCreatesOneIssue() throws Exception {
        long ticket = newTicketId();
        EscalationRequest request = request(ticket).build();
        String key = key();

        DeskIssue first = desk().open(request, key);
        DeskIssue second = desk().open(request, key);

        assertThat(second.externalId()).isEqualTo(first.externalId());
        assertThat(issueCount(ticket))
                .as("issues on the desk for ticket %s", ticket)
                .isEqualTo(1);
    }

    @Test
    @DisplayName("open() again for the same ticket with another key (a retry after a crash) finds the issue")
    void openAgainForSameTicketFindsTheIssue() throws Exception {
        long ticket = newTicketId();

        DeskIssue first = desk().open(request(ticket).build(), key());
        DeskIssue second = desk().open(request(ticket).build(), key());

        assertThat(second.externalId()).isEqualTo(first.externalId());
        assertThat(issueCount(ticket))
                .as("issues on the desk for ticket %s", ticket)
                .isEqualTo(1);
    }

    @Test
    @DisplayName("the files of open() (ticket and comments) arrive on the desk with their content")
    void openSendsAttachments() throws Exception {
        byte[] png = png();
        byte[] log = "line 1\nline 2\n".getBytes(StandardCharsets.UTF_8);
        EscalationRequest request = request(newTicketId())
                .attachment(attachment("screenshot.png", "image/png", png))
                .comment(new ForwardedComment(
                        11,
                        "Bob Référent",
                        "Here is the log",
                        Instant.now(),
                        List.of(attachment("console.txt", "text/plain", log))))
                .build();

        DeskIssue issue = desk().open(request, key());

        Map<String, byte[]> files = filesOnDesk(issue.externalId());
        assertThat(files).containsOnlyKeys("screenshot.png", "console.txt");
        assertThat(files.get("screenshot.png")).isEqualTo(png);
        assertThat(files.get("console.txt")).isEqualTo(log);
    }

    @Test
    @DisplayName("open() reports a failing attachment reader without creating an issue")
    void openWithUnreadableAttachmentFailsRetryable() throws Exception {
        long ticket = newTicketId();
        EscalationRequest request = request(ticket)
                .attachment(OutgoingAttachment.of("gone.pdf", "application/pdf", 10, () -> {
                    throw new IOException("storage unavailable");
                }))
                .build();

        assertThatThrownBy(() -> desk().open(request, key()))
                .isInstanceOf(DeskException.class)
                .hasMessageContaining("gone.pdf")
                .satisfies(e -> assertThat(((DeskException) e).retryable())
                        .as("retryable")
                        .isTrue());
        assertThat(issueCount(ticket))
                .as("issues on the desk for ticket %s", ticket)
                .isZero();
    }

    // ---------------------------------------------------------------- forwardComment

    @Test
    @DisplayName("forwardComment() returns the id of its echo, and a retry adds nothing")
    void forwardCommentReturnsEchoId() throws Exception {
        String cursor = desk().changesSince(null).nextCursor();
        DeskIssue issue = desk().open(request(newTicketId()).build(), key());
        byte[] text = "details".getBytes(StandardCharsets.UTF_8);
        ForwardedComment comment = new ForwardedComment(
                501,
                "Alice Élève",
                "It still fails on Firefox",
                Instant.now(),
                List.of(attachment("details.txt", "text/plain", text)));
        String key = key();

        String echoId = desk().forwardComment(issue.externalId(), comment, key);
        String sameKey = desk().forwardComment(issue.externalId(), comment, key);
        String otherKey = desk().forwardComment(issue.externalId(), comment, key());

        assertThat(echoId).isNotBlank();
        assertThat(sameKey).as("retry with the same key").isEqualTo(echoId);
        assertThat(otherKey).as("retry with another key, after a crash").isEqualTo(echoId);
        letTimePass();
        IssueChanges changed = find(desk().changesSince(cursor), issue.externalId());
        List<DeskComment> echoes = changed.comments().stream()
                .filter(c -> Long.valueOf(501).equals(c.localCommentId()))
                .toList();
        assertThat(echoes).as("echoes of comment 501").hasSize(1);
        DeskComment echo = echoes.get(0);
        assertThat(echo.id()).isEqualTo(echoId);
        assertThat(echo.isEcho()).isTrue();
        assertThat(echo.body()).contains("It still fails on Firefox");
        assertThat(echo.isPublic()).as("forwarded comments are public").isTrue();
        assertThat(filesOnDesk(issue.externalId())).containsKey("details.txt");
        assertThat(desk().changesOf(issue.externalId()).comment(echoId)).isPresent();
    }

    @Test
    @DisplayName("forwardComment() to an unknown issue fails for good")
    void forwardCommentToUnknownIssueIsPermanent() {
        ForwardedComment comment = ForwardedComment.of(502, "Alice", "Hello?", Instant.now());

        assertThatThrownBy(() -> desk().forwardComment("987654321", comment, key()))
                .isInstanceOf(DeskException.class)
                .hasMessageContaining("987654321")
                .satisfies(e -> assertThat(((DeskException) e).retryable())
                        .as("retryable")
                        .isFalse());
    }

    // ---------------------------------------------------------------- changes

    @Test
    @DisplayName("changesSince() reports public comments, private notes flagged, the status and files with content")
    void changesSinceReportsCommentsStatusAndFiles() throws Exception {
        String cursor = desk().changesSince(null).nextCursor();
        long ticket = newTicketId();
        DeskIssue issue = desk().open(request(ticket).build(), key());
        byte[] png = png();
        String publicId = addPublicComment(
                issue.externalId(), "We are looking into it", new DeskFile("answer.png", "image/png", png));
        String privateId = addPrivateNote(issue.externalId(), "Internal: probably the proxy");
        changeStatus(issue.externalId(), TicketStatus.RESOLVED);
        letTimePass();

        DeskChanges changes = desk().changesSince(cursor);

        IssueChanges changed = find(changes, issue.externalId());
        assertThat(changed.ticketId()).isEqualTo(ticket);
        assertThat(desk().statusMapping().map(changed.status()))
                .as("status %s", changed.status())
                .contains(TicketStatus.RESOLVED);
        assertThat(changed.statusLabel()).isNotBlank();
        DeskComment reply = changed.comment(publicId)
                .orElseThrow(
                        () -> new AssertionError("public comment " + publicId + " missing from " + changed.comments()));
        assertThat(reply.isPublic()).as("public comment flagged public").isTrue();
        assertThat(reply.isEcho()).isFalse();
        assertThat(reply.body()).contains("We are looking into it");
        assertThat(reply.authorName()).isNotBlank();
        assertThat(reply.attachments()).hasSize(1);
        DeskAttachment file = reply.attachments().get(0);
        assertThat(file.fileName()).isEqualTo("answer.png");
        assertThat(file.id()).isNotBlank();
        try (InputStream in = file.open()) {
            assertThat(in.readAllBytes()).isEqualTo(png);
        }
        DeskComment note = changed.comment(privateId)
                .orElseThrow(
                        () -> new AssertionError("private note " + privateId + " missing from " + changed.comments()));
        assertThat(note.isPublic()).as("private note flagged private").isFalse();
        assertThat(note.body()).contains("probably the proxy");
        assertThat(changes.issues().stream().map(IssueChanges::externalId))
                .as("each issue once")
                .doesNotHaveDuplicates();
    }

    @Test
    @DisplayName("a second changesSince() with the returned cursor does not return older changes again")
    void cursorProgression() throws Exception {
        String start = desk().changesSince(null).nextCursor();
        DeskIssue issue = desk().open(request(newTicketId()).build(), key());
        String first = addPublicComment(issue.externalId(), "First answer", null);
        letTimePass();

        DeskChanges round1 = desk().changesSince(start);
        assertThat(find(round1, issue.externalId()).comment(first))
                .as("first answer in round 1")
                .isPresent();

        String second = addPublicComment(issue.externalId(), "Second answer", null);
        letTimePass();
        DeskChanges round2 = desk().changesSince(round1.nextCursor());
        IssueChanges changed2 = find(round2, issue.externalId());
        assertThat(changed2.comment(second)).as("second answer in round 2").isPresent();
        if (!returnsWholeThread()) {
            assertThat(changed2.comment(first))
                    .as("first answer must not come back in round 2")
                    .isEmpty();
        }

        DeskChanges round3 = desk().changesSince(round2.nextCursor());
        assertThat(round3.issues().stream().map(IssueChanges::externalId))
                .as("a quiet issue is not reported again")
                .doesNotContain(issue.externalId());
    }

    @Test
    @DisplayName("changesSince(cursorAt(t)) reports issues changed after t")
    void cursorAtReadsFromAnInstant() throws Exception {
        Instant before = Instant.now().minus(5, ChronoUnit.SECONDS);
        DeskIssue issue = desk().open(request(newTicketId()).build(), key());
        String reply = addPublicComment(issue.externalId(), "Answer", null);
        letTimePass();

        DeskChanges changes = desk().changesSince(desk().cursorAt(before));

        assertThat(find(changes, issue.externalId()).comment(reply)).isPresent();
    }

    @Test
    @DisplayName("changesSince(null) does not report issues changed long before")
    void nullCursorStartsFromThePresent() throws Exception {
        DeskIssue issue = desk().open(request(newTicketId()).build(), key());
        letTimePass();

        DeskChanges changes = desk().changesSince(null);

        assertThat(changes.nextCursor()).isNotBlank();
        assertThat(changes.issues().stream().map(IssueChanges::externalId)).doesNotContain(issue.externalId());
    }

    @Test
    @DisplayName("changesSince() refuses a cursor that is not the desk's")
    void foreignCursorIsRefused() {
        assertThatThrownBy(() -> desk().changesSince("not a cursor!"))
                .isInstanceOf(DeskException.class)
                .hasMessageContaining("not a cursor!")
                .satisfies(e -> assertThat(((DeskException) e).retryable())
                        .as("retryable")
                        .isFalse());
    }

    @Test
    @DisplayName("changesOf() reads one issue with every comment")
    void changesOfReadsTheWholeIssue() throws Exception {
        long ticket = newTicketId();
        DeskIssue issue = desk().open(request(ticket).build(), key());
        String reply = addPublicComment(issue.externalId(), "Answer", null);
        String note = addPrivateNote(issue.externalId(), "Note");

        IssueChanges read = desk().changesOf(issue.externalId());

        assertThat(read.externalId()).isEqualTo(issue.externalId());
        assertThat(read.ticketId()).isEqualTo(ticket);
        assertThat(read.comment(reply).map(DeskComment::isPublic)).contains(true);
        assertThat(read.comment(note).map(DeskComment::isPublic)).contains(false);
    }

    @Test
    @DisplayName("changesOf() an unknown issue fails for good, naming it")
    void changesOfUnknownIssueIsPermanent() {
        assertThatThrownBy(() -> desk().changesOf("987654321"))
                .isInstanceOf(DeskException.class)
                .hasMessageContaining("987654321")
                .satisfies(e -> assertThat(((DeskException) e).retryable())
                        .as("retryable")
                        .isFalse());
    }

    // ---------------------------------------------------------------- echoes

    @Test
    @DisplayName("an agent's reply that quotes our note (and so its marker) is a reply, not an echo")
    void quoteReplyIsAReply() throws Exception {
        DeskIssue issue = desk().open(request(newTicketId()).build(), key());
        String echoId = desk().forwardComment(
                        issue.externalId(),
                        ForwardedComment.of(701, "Alice Élève", "It fails on Firefox", Instant.now()),
                        key());
        String ours = desk().changesOf(issue.externalId())
                .comment(echoId)
                .orElseThrow()
                .body();
        String quote = "> " + ours.replace("\n", "\n> ") + "\n\nPlease clear the cache, then retry.";

        String replyId = addPublicComment(issue.externalId(), quote, null);
        String copyId = addPublicComment(issue.externalId(), ours, null);

        IssueChanges read = desk().changesOf(issue.externalId());
        assertThat(read.comment(echoId).orElseThrow().isEcho()).as("our note").isTrue();
        DeskComment reply = read.comment(replyId).orElseThrow();
        assertThat(reply.isEcho()).as("the quote reply is an echo").isFalse();
        assertThat(reply.localCommentId()).isNull();
        assertThat(reply.body()).contains("Please clear the cache, then retry.");
        assertThat(read.comment(copyId).orElseThrow().isEcho())
                .as("our exact text, written by an agent, is an agent's comment")
                .isFalse();
    }

    @Test
    @DisplayName("forwardComment() is idempotent whatever the comment says, marker-like text included")
    void forwardCommentIsIdempotentWhateverItSays() throws Exception {
        DeskIssue issue = desk().open(request(newTicketId()).build(), key());
        String first = desk().forwardComment(
                        issue.externalId(),
                        ForwardedComment.of(801, "Bob Référent", "Which browser?", Instant.now()),
                        key());
        String firstBody = desk().changesOf(issue.externalId())
                .comment(first)
                .orElseThrow()
                .body();
        // the requester pastes our note, and marker-like text of earlier versions
        ForwardedComment pasted = ForwardedComment.of(
                802,
                "Alice Élève",
                "You wrote: " + firstBody + "\nsee [ENT-comment-801] [ENT-comment-3]",
                Instant.now());

        String second = desk().forwardComment(issue.externalId(), pasted, key());
        String again = desk().forwardComment(issue.externalId(), pasted, key());
        String firstAgain = desk().forwardComment(
                        issue.externalId(),
                        ForwardedComment.of(801, "Bob Référent", "Which browser?", Instant.now()),
                        key());

        assertThat(second).isNotEqualTo(first);
        assertThat(again).as("a retry of 802").isEqualTo(second);
        assertThat(firstAgain).as("a retry of 801").isEqualTo(first);
        IssueChanges read = desk().changesOf(issue.externalId());
        assertThat(read.comments()).filteredOn(DeskComment::isEcho).hasSize(2);
        assertThat(read.comment(second).orElseThrow().localCommentId()).isEqualTo(802L);
        assertThat(read.comment(first).orElseThrow().localCommentId()).isEqualTo(801L);
    }

    @Test
    @DisplayName("an agent's comment with a file and no text is reported, with its file")
    void fileOnlyCommentIsReported() throws Exception {
        DeskIssue issue = desk().open(request(newTicketId()).build(), key());
        byte[] png = png();

        String id = addPublicComment(issue.externalId(), "", new DeskFile("capture.png", "image/png", png));

        DeskComment comment = desk().changesOf(issue.externalId())
                .comment(id)
                .orElseThrow(() -> new AssertionError("the file-only comment " + id + " is missing"));
        assertThat(comment.isEcho()).isFalse();
        assertThat(comment.body()).isBlank();
        assertThat(comment.attachments()).singleElement().satisfies(f -> {
            assertThat(f.fileName()).isEqualTo("capture.png");
            try (InputStream in = f.open()) {
                assertThat(in.readAllBytes()).isEqualTo(png);
            }
        });
    }

    // ---------------------------------------------------------------- installations

    @Test
    @DisplayName("two installations sharing the desk never see each other's issues")
    void installationsSharingTheDeskStayApart() throws Exception {
        InstallationId lyon = InstallationId.of("lyon" + Long.toString(newTicketId() % 100_000, 36));
        InstallationId nantes = InstallationId.of("nantes" + Long.toString(newTicketId() % 100_000, 36));
        SupportDesk a = desk().forInstallation(lyon);
        SupportDesk b = desk().forInstallation(nantes);
        assertThat(a.name()).isEqualTo(desk().name());
        assertThat(a.installation()).contains(lyon);
        String cursorA = a.changesSince(null).nextCursor();
        long ticket = newTicketId();

        DeskIssue ofA = a.open(request(ticket).build(), key());
        DeskIssue ofB = b.open(request(ticket).build(), key());
        String reply = addPublicComment(ofB.externalId(), "Answer for Nantes", null);
        letTimePass();

        assertThat(ofB.externalId())
                .as("the same ticket number of another platform")
                .isNotEqualTo(ofA.externalId());
        assertThat(a.open(request(ticket).build(), key()).externalId()).isEqualTo(ofA.externalId());
        DeskChanges changes = a.changesSince(cursorA);
        assertThat(changes.issues().stream().map(IssueChanges::externalId))
                .contains(ofA.externalId())
                .doesNotContain(ofB.externalId());
        IssueChanges foreign = a.changesOf(ofB.externalId());
        assertThat(foreign.ticketId())
                .as("ticket id of another installation's issue")
                .isNull();
        assertThat(foreign.installation()).isEqualTo(nantes);
        assertThat(foreign.belongsToAnotherInstallation(lyon)).isTrue();
        assertThat(b.changesOf(ofB.externalId()).ticketId()).isEqualTo(ticket);
        assertThat(b.changesOf(ofB.externalId()).comment(reply)).isPresent();
        assertThat(a.changesOf(ofA.externalId()).installation()).isEqualTo(lyon);
    }

    // ---------------------------------------------------------------- gone issues

    @Test
    @DisplayName("a deleted issue is gone: changesOf, forwardComment and goneIssues say so")
    void deletedIssueIsGone() throws Exception {
        DeskIssue kept = desk().open(request(newTicketId()).build(), key());
        DeskIssue issue = desk().open(request(newTicketId()).build(), key());

        deleteIssue(issue.externalId());

        assertThatThrownBy(() -> desk().changesOf(issue.externalId()))
                .isInstanceOfSatisfying(IssueGoneException.class, e -> {
                    assertThat(e.gone().externalId()).isEqualTo(issue.externalId());
                    assertThat(e.gone().reason()).isEqualTo(IssueGone.Reason.DELETED);
                    assertThat(e.retryable()).isFalse();
                })
                .hasMessageContaining(issue.externalId());
        assertThatThrownBy(() -> desk().forwardComment(
                                issue.externalId(), ForwardedComment.of(901, "Alice", "Hello?", Instant.now()), key()))
                .isInstanceOf(IssueGoneException.class);
        assertThat(desk().goneIssues(List.of(kept.externalId(), issue.externalId())))
                .singleElement()
                .satisfies(g -> {
                    assertThat(g.externalId()).isEqualTo(issue.externalId());
                    assertThat(g.reason()).isEqualTo(IssueGone.Reason.DELETED);
                    assertThat(g.detail()).contains(issue.externalId());
                });
    }

    @Test
    @DisplayName("an issue the account may no longer see is gone, as not visible")
    void hiddenIssueIsGone() throws Exception {
        DeskIssue issue = desk().open(request(newTicketId()).build(), key());

        hideIssue(issue.externalId());

        assertThatThrownBy(() -> desk().changesOf(issue.externalId()))
                .isInstanceOfSatisfying(
                        IssueGoneException.class,
                        e -> assertThat(e.gone().reason()).isEqualTo(IssueGone.Reason.NOT_VISIBLE));
        assertThat(desk().goneIssues(List.of(issue.externalId())))
                .extracting(IssueGone::reason)
                .containsExactly(IssueGone.Reason.NOT_VISIBLE);
    }

    // ---------------------------------------------------------------- our status changes

    @Test
    @DisplayName("forwardStatus() tells the agents and moves the issue, once; its note is an echo")
    void forwardStatusTellsTheDeskOnce() throws Exception {
        DeskIssue issue = desk().open(request(newTicketId()).build(), key());
        prepareForResolving(issue.externalId());
        StatusChange resolved = new StatusChange(
                newTicketId(), TicketStatus.OPENED, TicketStatus.RESOLVED, "Alice Élève", true, Instant.now());

        Optional<StatusForwarded> first = desk().forwardStatus(issue.externalId(), resolved, key());
        Optional<StatusForwarded> retry = desk().forwardStatus(issue.externalId(), resolved, key());

        if (first.isEmpty()) {
            assertThat(retry).as("a desk that takes no status changes").isEmpty();
            return;
        }
        assertThat(first.get().statusApplied()).isTrue();
        assertThat(desk().statusMapping().map(first.get().deskStatus())).contains(TicketStatus.RESOLVED);
        assertThat(retry.orElseThrow().noteId())
                .as("a retry finds the note")
                .isEqualTo(first.get().noteId());
        IssueChanges read = desk().changesOf(issue.externalId());
        assertThat(desk().statusMapping().map(read.status())).contains(TicketStatus.RESOLVED);
        assertThat(read.comments())
                .filteredOn(c -> c.id().equals(first.get().noteId()))
                .singleElement()
                .satisfies(n -> {
                    assertThat(n.isEcho()).as("our status note is an echo").isTrue();
                    assertThat(n.localCommentId()).isNull();
                    assertThat(n.body()).contains("Alice Élève");
                });
        assertThat(read.comments()).filteredOn(DeskComment::isEcho).hasSize(1);

        StatusChange reopened = new StatusChange(
                newTicketId(), TicketStatus.RESOLVED, TicketStatus.OPENED, "Alice Élève", true, Instant.now());
        StatusForwarded back =
                desk().forwardStatus(issue.externalId(), reopened, key()).orElseThrow();
        assertThat(back.noteId()).isNotEqualTo(first.get().noteId());
        assertThat(desk().statusMapping().map(back.deskStatus())).contains(TicketStatus.OPENED);
    }

    // ---------------------------------------------------------------- helpers

    /**
     * A complete request for {@code ticketId}, without files or comments.
     *
     * @param ticketId the ticket's id
     * @return a complete request for {@code ticketId}, without files or comments
     */
    protected static EscalationRequest.Builder request(long ticketId) {
        return EscalationRequest.builder(ticketId)
                .subject("Contract ticket " + ticketId)
                .description("The timetable stays blank since Monday.\nSecond line.")
                .category("timetable", "Emploi du temps")
                .requester("u-17", "Alice Élève")
                .school("0750001A", "Lycée Victor Hugo")
                .escalatedBy("u-3", "Bob Référent")
                .created(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    /**
     * An attachment over the given bytes.
     *
     * @param name the file name
     * @param mediaType its media type
     * @param content its bytes
     * @return an attachment over the given bytes
     */
    protected static OutgoingAttachment attachment(String name, String mediaType, byte[] content) {
        return OutgoingAttachment.of(name, mediaType, content.length, () -> new ByteArrayInputStream(content));
    }

    /**
     * A fresh idempotency key.
     *
     * @return a fresh idempotency key
     */
    protected static String key() {
        return UUID.randomUUID().toString();
    }

    /**
     * The changes of one issue, or an assertion error listing what was found.
     *
     * @param changes what a poll returned
     * @param externalId the issue's id on the desk
     * @return the changes of the issue {@code externalId}
     */
    protected static IssueChanges find(DeskChanges changes, String externalId) {
        Optional<IssueChanges> found = changes.issues().stream()
                .filter(i -> i.externalId().equals(externalId))
                .findFirst();
        return found.orElseThrow(() -> new AssertionError("issue " + externalId + " not in changes "
                + changes.issues().stream().map(IssueChanges::externalId).toList()));
    }

    /**
     * A small, real PNG image (one pixel), built without java.desktop.
     *
     * @return a small, real PNG image (one pixel), built without java.desktop
     */
    protected static byte[] png() {
        return java.util.Base64.getDecoder()
                .decode(
                        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
    }
}

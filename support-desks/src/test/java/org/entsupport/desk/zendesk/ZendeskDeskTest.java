package org.entsupport.desk.zendesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.entsupport.core.desk.DeskAttachment;
import org.entsupport.core.desk.DeskChanges;
import org.entsupport.core.desk.DeskException;
import org.entsupport.core.desk.DeskFileUnavailableException;
import org.entsupport.core.desk.DeskIssue;
import org.entsupport.core.desk.ForwardedComment;
import org.entsupport.core.desk.InstallationId;
import org.entsupport.core.desk.IssueChanges;
import org.entsupport.core.desk.IssueGone;
import org.entsupport.core.desk.StatusChange;
import org.entsupport.core.desk.StatusForwarded;
import org.entsupport.core.desk.SupportDesk;
import org.entsupport.core.model.TicketStatus;
import org.entsupport.desk.testing.LoopbackServer;
import org.entsupport.desk.testing.LoopbackServer.Answer;
import org.entsupport.desk.testing.LoopbackServer.Request;
import org.entsupport.desk.testing.MutableClock;
import org.entsupport.tck.SupportDeskContract;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link ZendeskDesk} against {@link FakeZendesk}, a local server that follows Zendesk's documented API. */
class ZendeskDeskTest extends SupportDeskContract {

    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private FakeZendesk zendesk;
    private ZendeskDesk desk;

    @BeforeEach
    void start() throws Exception {
        zendesk = new FakeZendesk(clock);
        desk = ZendeskDesk.builder()
                .baseUrl(zendesk.url())
                .credentials(FakeZendesk.EMAIL, FakeZendesk.TOKEN)
                .clock(clock)
                .maxRetryWait(Duration.ofSeconds(2))
                .build();
    }

    @AfterEach
    void stop() {
        zendesk.close();
    }

    @Override
    protected SupportDesk desk() {
        return desk;
    }

    @Override
    protected String addPublicComment(String externalId, String body, @Nullable DeskFile file) {
        FakeZendesk.Attachment[] files = file == null
                ? new FakeZendesk.Attachment[0]
                : new FakeZendesk.Attachment[] {zendesk.attachment(file.fileName(), file.mediaType(), file.content())};
        return zendesk.addComment(Long.parseLong(externalId), body, true, files);
    }

    @Override
    protected String addPrivateNote(String externalId, String body) {
        return zendesk.addComment(Long.parseLong(externalId), body, false);
    }

    @Override
    protected void changeStatus(String externalId, TicketStatus target) {
        zendesk.setStatus(
                Long.parseLong(externalId),
                switch (target) {
                    case NEW -> "new";
                    case OPENED -> "open";
                    case WAITING -> "pending";
                    case RESOLVED -> "solved";
                    case CLOSED -> "closed";
                });
    }

    @Override
    protected int issueCount(long ticketId) {
        return (int) zendesk.tickets().stream()
                .filter(t -> t.externalId.equals("ENT-" + ticketId))
                .count();
    }

    @Override
    protected Map<String, byte[]> filesOnDesk(String externalId) {
        Map<String, byte[]> files = new HashMap<>();
        zendesk.ticket(Long.parseLong(externalId))
                .comments
                .forEach(c -> c.files().forEach(f -> files.put(f.fileName(), f.content())));
        return files;
    }

    @Override
    protected void deleteIssue(String externalId) {
        zendesk.deleteTicket(Long.parseLong(externalId));
    }

    @Override
    protected void hideIssue(String externalId) {
        zendesk.hideTicket(Long.parseLong(externalId));
    }

    @Override
    protected void prepareForResolving(String externalId) {
        zendesk.assign(Long.parseLong(externalId));
    }

    @Override
    protected void letTimePass() {
        clock.advance(Duration.ofMinutes(5));
    }

    @Override
    protected boolean returnsWholeThread() {
        return true;
    }

    // ---------------------------------------------------------------- Zendesk-specific

    @Test
    @DisplayName("settings, ticket ids and cursors are checked before any request")
    void settingsIdsAndCursorsAreChecked() {
        assertThatThrownBy(() -> ZendeskDesk.builder()
                        .baseUrl(zendesk.url())
                        .credentials(FakeZendesk.EMAIL, FakeZendesk.TOKEN)
                        .outgoingStatus(TicketStatus.CLOSED, "closed")
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("outgoingStatus for CLOSED must be one of open, pending, hold, solved, but was 'closed'");
        assertThat(ZendeskDesk.builder().subdomain("acme").toString()).isEqualTo("ZendeskDesk.Builder[acme]");
        assertThat(ZendeskDesk.builder().baseUrl("http://h").toString()).isEqualTo("ZendeskDesk.Builder[http://h]");
        assertThatThrownBy(() -> desk.changesOf("0"))
                .isInstanceOf(DeskException.class)
                .hasMessage("zendesk: '0' is not a Zendesk ticket id");
        assertThatThrownBy(() -> desk.changesSince("zendesk:1:c:"))
                .isInstanceOf(DeskException.class)
                .hasMessageContaining("'zendesk:1:c:'");
        assertThat(zendesk.requests()).isEmpty();
    }

    @Test
    @DisplayName("a time cursor asks the export from that second")
    void aTimeCursorAsksFromThatSecond() throws Exception {
        long hourAgo = clock.instant().minus(Duration.ofHours(1)).getEpochSecond();

        desk.changesSince("zendesk:1:t:" + hourAgo);

        assertThat(zendesk.requests()).anySatisfy(r -> assertThat(r.path()).contains("start_time=" + hourAgo));
    }

    @Test
    @DisplayName("the first comment of a new ticket tells the exchange so far, when there is one")
    void theFirstCommentTellsTheExchangeSoFar() throws Exception {
        desk.open(
                request(newTicketId())
                        .comment(ForwardedComment.of(3, "Bob Référent", "More details", Instant.EPOCH))
                        .build(),
                "key-a");
        desk.open(request(newTicketId()).build(), "key-b");

        List<String> bodies = zendesk.requests().stream()
                .filter(r -> r.method().equals("POST") && r.path().equals("/api/v2/tickets.json"))
                .map(r -> {
                    try {
                        return new ObjectMapper()
                                .readTree(r.body())
                                .path("ticket")
                                .path("comment")
                                .path("body")
                                .asText();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                })
                .toList();
        assertThat(bodies).hasSize(2);
        assertThat(bodies.get(0)).contains("Exchange so far", "Bob Référent", "More details");
        assertThat(bodies.get(1)).doesNotContain("Exchange so far");
    }

    @Test
    @DisplayName("open() sends external_id and the Idempotency-Key, and a public first comment with the details")
    void createCarriesExternalIdAndKey() throws Exception {
        long ticket = newTicketId();

        DeskIssue issue = desk.open(request(ticket).build(), "key-1");

        Request create = zendesk.requests().stream()
                .filter(r -> r.method().equals("POST") && r.path().equals("/api/v2/tickets.json"))
                .findFirst()
                .orElseThrow();
        assertThat(create.header("Idempotency-Key")).isEqualTo("key-1");
        var body = new ObjectMapper().readTree(create.body()).path("ticket");
        assertThat(body.path("external_id").asText()).isEqualTo("ENT-" + ticket);
        assertThat(body.path("comment").path("public").asBoolean()).isTrue();
        assertThat(body.path("comment").path("body").asText())
                .contains("Alice Élève (u-17)", "Lycée Victor Hugo (0750001A)", "Bob Référent (u-3)");
        assertThat(issue.url()).isEqualTo(zendesk.url() + "/agent/tickets/" + issue.externalId());
    }

    @Test
    @DisplayName("a retried create with the same key and payload is replayed by Zendesk: one ticket")
    void idempotencyKeyReplay() throws Exception {
        zendesk.hideFromLookup(true); // the lookup cannot help: only the key prevents the duplicate
        long ticket = newTicketId();

        // one request, sent twice: a request rebuilt a second later would carry another filing time
        var request = request(ticket).build();
        DeskIssue first = desk.open(request, "key-2");
        DeskIssue second = desk.open(request, "key-2");

        assertThat(second.externalId()).isEqualTo(first.externalId());
        assertThat(issueCount(ticket)).isEqualTo(1);
        assertThat(zendesk.requests().stream()
                        .filter(r -> r.method().equals("POST") && r.path().equals("/api/v2/tickets.json"))
                        .map(r -> r.header("Idempotency-Key")))
                .containsExactly("key-2", "key-2");
    }

    @Test
    @DisplayName("a retried create whose uploads changed hits IdempotentRequestError: lookup, else retryable")
    void idempotencyKeyWithAnotherPayload() throws Exception {
        zendesk.hideFromLookup(true);
        long ticket = newTicketId();
        var request = request(ticket)
                .attachment(attachment("a.txt", "text/plain", new byte[] {1, 2}))
                .build();
        DeskIssue first = desk.open(request, "key-3");

        assertThatThrownBy(() -> desk.open(request, "key-3"))
                .isInstanceOf(DeskException.class)
                .hasMessage("zendesk already handled key key-3 for ticket " + ticket
                        + " but does not list the ticket yet; try again later")
                .satisfies(e -> assertThat(((DeskException) e).retryable()).isTrue());

        zendesk.hideFromLookup(false);
        assertThat(desk.open(request, "key-3").externalId()).isEqualTo(first.externalId());
        assertThat(issueCount(ticket)).isEqualTo(1);
    }

    @Test
    @DisplayName("a 429 with a short Retry-After is waited for once inside the call")
    void shortRetryAfterIsHonouredInCall() throws Exception {
        zendesk.throttle(1, 1);
        long start = System.nanoTime();

        desk.verify();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(zendesk.requests())
                .extracting(Request::path)
                .containsExactly("/api/v2/users/me.json", "/api/v2/users/me.json");
    }

    @Test
    @DisplayName("a 429 with a long Retry-After is a retryable failure carrying the delay")
    void longRetryAfterIsReported() throws Exception {
        desk.verify(); // reads the account's id, which every poll needs
        zendesk.throttle(1, 120);

        assertThatThrownBy(() -> desk.changesSince(null))
                .isInstanceOf(DeskException.class)
                .hasMessageStartingWith("zendesk could not read the incremental ticket export")
                .hasMessageContaining("HTTP 429")
                .hasMessageEndingWith("(retry after 120 s)")
                .satisfies(e -> {
                    DeskException d = (DeskException) e;
                    assertThat(d.retryable()).isTrue();
                    assertThat(d.retryAfter()).contains(Duration.ofSeconds(120));
                    assertThat(d.httpStatus()).isEqualTo(429);
                });
        assertThat(zendesk.requests()).hasSize(2);
    }

    @Test
    @DisplayName("the incremental export is read over every page; foreign tickets are left out")
    void incrementalExportOverSeveralPages() throws Exception {
        String from = desk.cursorAt(clock.instant().minus(Duration.ofMinutes(10)));
        List<String> ours = new java.util.ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ours.add(desk.open(request(newTicketId()).build(), key()).externalId());
            if (i % 3 == 0) {
                zendesk.createForeignTicket("Printer on fire " + i);
            }
        }
        letTimePass();

        DeskChanges changes = desk.changesSince(from);

        assertThat(changes.issues()).extracting(IssueChanges::externalId).containsExactlyElementsOf(ours);
        long pages = zendesk.requests().stream()
                .filter(r -> r.path().startsWith("/api/v2/incremental/"))
                .count();
        assertThat(pages).as("export pages of 2 for 10 tickets").isEqualTo(5);
        assertThat(desk.changesSince(changes.nextCursor()).issues()).isEmpty();
    }

    @Test
    @DisplayName("an export rate-limited after its first page returns what it read; the next poll goes on")
    void rateLimitedExportKeepsItsProgress() throws Exception {
        String from = desk.cursorAt(clock.instant().minus(Duration.ofMinutes(10)));
        List<String> ours = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ours.add(desk.open(request(newTicketId()).build(), key()).externalId());
        }
        letTimePass();
        zendesk.throttleExportCall(2, 60);

        DeskChanges first = desk.changesSince(from);
        DeskChanges rest = desk.changesSince(first.nextCursor());

        assertThat(first.issues()).extracting(IssueChanges::externalId).containsExactlyElementsOf(ours.subList(0, 2));
        assertThat(rest.issues()).extracting(IssueChanges::externalId).containsExactlyElementsOf(ours.subList(2, 5));
    }

    @Test
    @DisplayName("a ticket whose comments are refused is left out; the others are reported")
    void unreadableTicketDoesNotBlockTheOthers() throws Exception {
        String from = desk.cursorAt(clock.instant().minus(Duration.ofMinutes(10)));
        String a = desk.open(request(newTicketId()).build(), key()).externalId();
        String b = desk.open(request(newTicketId()).build(), key()).externalId();
        String c = desk.open(request(newTicketId()).build(), key()).externalId();
        zendesk.forbidComments(Long.parseLong(b));
        letTimePass();

        DeskChanges changes = desk.changesSince(from);

        assertThat(changes.issues()).extracting(IssueChanges::externalId).containsExactly(a, c);
        assertThatThrownBy(() -> desk.changesOf(b))
                .isInstanceOf(DeskException.class)
                .hasMessageContaining("HTTP 403");
    }

    @Test
    @DisplayName("a closed ticket refuses a comment for good, with Zendesk's reason")
    void closedTicketRefusesComments() throws Exception {
        DeskIssue issue = desk.open(request(newTicketId()).build(), key());
        changeStatus(issue.externalId(), TicketStatus.CLOSED);

        assertThatThrownBy(() -> desk.forwardComment(
                        issue.externalId(), ForwardedComment.of(9, "Alice", "Still broken", Instant.now()), key()))
                .isInstanceOf(DeskException.class)
                .hasMessageContaining("add comment 9 to ticket " + issue.externalId())
                .hasMessageContaining("HTTP 422")
                .hasMessageContaining("closed prevents ticket update")
                .satisfies(e -> assertThat(((DeskException) e).retryable()).isFalse());
    }

    @Test
    @DisplayName("wrong credentials are refused for good, and the token never shows")
    void wrongCredentials() {
        ZendeskDesk wrong = ZendeskDesk.builder()
                .baseUrl(zendesk.url())
                .credentials(FakeZendesk.EMAIL, "nope-123")
                .build();

        assertThatThrownBy(wrong::verify)
                .isInstanceOf(DeskException.class)
                .hasMessage("zendesk could not check the credentials (GET /api/v2/users/me.json): HTTP 401: "
                        + "{\"error\":\"Couldn't authenticate you\"}");
        assertThat(wrong.toString())
                .isEqualTo("ZendeskDesk[" + zendesk.url() + "]")
                .doesNotContain("nope-123");
        assertThat(ZendeskDesk.builder().credentials("a@b", "nope-123").toString())
                .doesNotContain("nope-123");
    }

    @Test
    @DisplayName("an API call redirected to another origin is not followed")
    void apiRedirectIsNotFollowed() throws Exception {
        try (LoopbackServer other = new LoopbackServer(r -> Answer.json(200, "{\"user\":{\"id\":1}}"))) {
            zendesk.redirectApiTo(other.url());

            assertThatThrownBy(desk::verify)
                    .isInstanceOf(DeskException.class)
                    .hasMessage("zendesk answered 302 to GET /api/v2/users/me.json (check the credentials), "
                            + "redirecting to " + other.url() + "/api/v2/users/me.json; redirects are not followed,"
                            + " check the desk's base URL");
            assertThat(other.requests()).isEmpty();
        }
    }

    @Test
    @DisplayName(
            "a download follows Zendesk's redirect to its attachment host without the credentials; other hosts are refused")
    void downloadsGoToTheAttachmentHostOnly() throws Exception {
        byte[] content = "the file".getBytes(StandardCharsets.UTF_8);
        try (LoopbackServer fileHost = new LoopbackServer("127.0.0.2", r -> zendesk.serveTemporaryUrl(r));
                LoopbackServer elsewhere = new LoopbackServer("127.0.0.3", r -> new Answer(200, Map.of(), content))) {
            ZendeskDesk trusting = ZendeskDesk.builder()
                    .baseUrl(zendesk.url())
                    .credentials(FakeZendesk.EMAIL, FakeZendesk.TOKEN)
                    .clock(clock)
                    .attachmentHosts(List.of("127.0.0.2"))
                    .build();
            zendesk.serveFilesFrom(fileHost);
            DeskIssue issue = trusting.open(request(newTicketId()).build(), key());
            addPublicComment(issue.externalId(), "see attached", new DeskFile("f.txt", "text/plain", content));
            DeskAttachment file = trusting.changesOf(issue.externalId())
                    .comments()
                    .get(0)
                    .attachments()
                    .get(0);

            try (InputStream in = file.open()) {
                assertThat(in.readAllBytes()).isEqualTo(content);
            }

            Request firstHop = zendesk.requests().stream()
                    .filter(r -> r.path().startsWith("/attachments/"))
                    .findFirst()
                    .orElseThrow();
            assertThat(firstHop.header("Authorization"))
                    .as("the account's origin: credentials sent")
                    .startsWith("Basic ");
            assertThat(fileHost.requests())
                    .singleElement()
                    .satisfies(r -> assertThat(r.header("Authorization"))
                            .as("the attachment host: no credentials")
                            .isNull());

            zendesk.redirectDownloadsTo(elsewhere.url());
            assertThatThrownBy(file::open)
                    .isInstanceOf(DeskFileUnavailableException.class)
                    .hasMessageStartingWith("zendesk could not download attachment " + file.id() + " (f.txt): it was"
                            + " redirected to " + elsewhere.url() + "/attachments/token/")
                    .hasMessageEndingWith(", which is neither the desk's origin (" + zendesk.url()
                            + ") nor one of its attachment hosts [127.0.0.2]; not fetched");
            assertThat(elsewhere.requests())
                    .as("nothing sent to an unknown host")
                    .isEmpty();
        }
    }

    @Test
    @DisplayName("the default attachment host is Zendesk's, reached over https only")
    void attachmentHostsDefaultToZendesksOverHttps() throws Exception {
        try (LoopbackServer plain = new LoopbackServer(r -> new Answer(200, Map.of(), new byte[1]))) {
            zendesk.redirectDownloadsTo("http://p1.zdusercontent.com");
            DeskIssue issue = desk.open(request(newTicketId()).build(), key());
            addPublicComment(issue.externalId(), "see attached", new DeskFile("f.txt", "text/plain", new byte[] {1}));
            DeskAttachment file = desk.changesOf(issue.externalId())
                    .comments()
                    .get(0)
                    .attachments()
                    .get(0);

            assertThatThrownBy(file::open)
                    .isInstanceOf(DeskFileUnavailableException.class)
                    .hasMessageEndingWith("it was redirected to http://p1.zdusercontent.com/attachments/token/"
                            + file.id() + "/, which is not https; not fetched");
        }
    }

    @Test
    @DisplayName("a redacted attachment is unavailable for good, not retried")
    void redactedAttachmentIsUnavailable() throws Exception {
        DeskIssue issue = desk.open(request(newTicketId()).build(), key());
        FakeZendesk.Attachment a = zendesk.attachment("secret.txt", "text/plain", new byte[] {1, 2});
        zendesk.addComment(Long.parseLong(issue.externalId()), "oops", true, a);
        zendesk.redact(a);

        DeskAttachment file = desk.changesOf(issue.externalId())
                .comments()
                .get(0)
                .attachments()
                .get(0);

        assertThatThrownBy(file::open)
                .isInstanceOf(DeskFileUnavailableException.class)
                .hasMessage("zendesk could not download attachment " + a.id()
                        + " (secret.txt): it was deleted (redacted) on the desk");
    }

    @Test
    @DisplayName("Idempotency-Key goes with the creation only (Zendesk ignores it elsewhere); comments say public")
    void idempotencyKeyOnCreationOnly() throws Exception {
        DeskIssue issue = desk.open(request(newTicketId()).build(), "key-create");
        desk.forwardComment(issue.externalId(), ForwardedComment.of(3, "Alice", "Hello", Instant.now()), "key-fwd");

        Request update = zendesk.requests().stream()
                .filter(r -> r.method().equals("PUT"))
                .findFirst()
                .orElseThrow();
        assertThat(update.header("Idempotency-Key")).isNull();
        assertThat(new ObjectMapper()
                        .readTree(update.body())
                        .path("ticket")
                        .path("comment")
                        .path("public")
                        .isBoolean())
                .as("public is always sent: Zendesk otherwise repeats the first comment's value")
                .isTrue();
    }

    @Test
    @DisplayName("a comment is ours only when the connector's account wrote it in our form")
    void echoNeedsOurAccountAndOurForm() throws Exception {
        DeskIssue issue = desk.forInstallation(InstallationId.of("lyon01"))
                .open(request(newTicketId()).build(), key());
        long id = Long.parseLong(issue.externalId());
        String ours = "Alice wrote:\n\nHello\n\n[ENT-lyon01-comment-44]";
        String byUs = zendesk.addCommentBy(FakeZendesk.API_USER, id, ours, true);
        String byAgent = zendesk.addCommentBy(FakeZendesk.AGENT, id, ours, true);
        String quoteByUs =
                zendesk.addCommentBy(FakeZendesk.API_USER, id, "> " + ours.replace("\n", "\n> ") + "\n\nok", true);

        IssueChanges read = desk.forInstallation(InstallationId.of("lyon01")).changesOf(issue.externalId());

        assertThat(read.comment(byUs).orElseThrow().localCommentId()).isEqualTo(44L);
        assertThat(read.comment(byAgent).orElseThrow().isEcho()).isFalse();
        assertThat(read.comment(quoteByUs).orElseThrow().isEcho()).isFalse();
        assertThat(desk.forInstallation(InstallationId.of("nantes02"))
                        .changesOf(issue.externalId())
                        .comment(byUs)
                        .orElseThrow()
                        .isEcho())
                .as("another installation's note is not ours")
                .isFalse();
    }

    @Test
    @DisplayName("the export reports our deleted tickets as gone")
    void deletedTicketsComeFromTheExport() throws Exception {
        String from = desk.cursorAt(clock.instant().minus(Duration.ofMinutes(10)));
        long ticket = newTicketId();
        DeskIssue issue = desk.open(request(ticket).build(), key());
        long foreign = zendesk.createForeignTicket("Printer on fire");
        zendesk.deleteTicket(Long.parseLong(issue.externalId()));
        zendesk.deleteTicket(foreign);
        letTimePass();

        DeskChanges changes = desk.changesSince(from);

        assertThat(changes.issues()).isEmpty();
        assertThat(changes.gone()).singleElement().satisfies(g -> {
            assertThat(g.externalId()).isEqualTo(issue.externalId());
            assertThat(g.ticketId()).isEqualTo(ticket);
            assertThat(g.reason()).isEqualTo(IssueGone.Reason.DELETED);
        });
    }

    @Test
    @DisplayName("solving an unassigned ticket is refused by Zendesk: the comment goes alone, and says so")
    void solvingAnUnassignedTicketAddsTheCommentAlone() throws Exception {
        DeskIssue issue = desk.open(request(newTicketId()).build(), key());
        StatusChange resolved =
                new StatusChange(61, TicketStatus.OPENED, TicketStatus.RESOLVED, "Alice", true, Instant.now());

        StatusForwarded forwarded =
                desk.forwardStatus(issue.externalId(), resolved, key()).orElseThrow();

        assertThat(forwarded.statusApplied()).isFalse();
        assertThat(forwarded.deskStatus()).isEqualTo("new");
        assertThat(zendesk.ticket(Long.parseLong(issue.externalId())).comments)
                .extracting(FakeZendesk.Comment::body)
                .last()
                .isEqualTo("Alice (requester) marked the request as resolved in Aide & Support (it was in"
                        + " progress).\n\n[ENT-61]".replace("[ENT-61]", "[ENT-status-61]"));

        zendesk.autoAssignOnSolve(true);
        StatusChange closed =
                new StatusChange(62, TicketStatus.RESOLVED, TicketStatus.CLOSED, "Bob", false, Instant.now());
        StatusForwarded solved =
                desk.forwardStatus(issue.externalId(), closed, key()).orElseThrow();
        assertThat(solved.statusApplied()).isTrue();
        assertThat(solved.deskStatus()).isEqualTo("solved");
    }

    @Test
    @DisplayName("the comment thread is read over every page")
    void commentsOverSeveralPages() throws Exception {
        DeskIssue issue = desk.open(request(newTicketId()).build(), key());
        for (int i = 0; i < 5; i++) {
            addPublicComment(issue.externalId(), "answer " + i, null);
        }

        IssueChanges read = desk.changesOf(issue.externalId());

        assertThat(read.comments())
                .extracting(c -> c.body())
                .containsExactly("answer 0", "answer 1", "answer 2", "answer 3", "answer 4");
        assertThat(read.comments().get(4).authorName()).isEqualTo("Agent Smith");
        assertThat(read.statusLabel()).isEqualTo("New");
    }

    @Test
    @DisplayName("the configuration is validated with messages naming property, limit and value")
    void configurationIsValidated() {
        assertThatThrownBy(() -> ZendeskDesk.builder()
                        .subdomain("acme")
                        .credentials("a@b", " ")
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("apiToken must not be blank");
        assertThatThrownBy(() -> ZendeskDesk.builder()
                        .subdomain("Acme Corp")
                        .credentials("a@b", "t")
                        .build())
                .hasMessage("subdomain must be lower-case letters, digits and -, but was 'Acme Corp'");
        assertThatThrownBy(() -> ZendeskDesk.builder()
                        .subdomain("acme")
                        .credentials("a@b", "t")
                        .maxRetryWait(Duration.ofHours(1))
                        .build())
                .hasMessage("maxRetryWait must be between PT0S and PT5M, but was PT1H");
        assertThat(ZendeskDesk.builder()
                        .subdomain("acme")
                        .credentials("a@b", "t")
                        .build()
                        .toString())
                .isEqualTo("ZendeskDesk[https://acme.zendesk.com]");
        assertThat(ZendeskDesk.DEFAULT_STATUS_MAPPING.map("pending")).contains(TicketStatus.WAITING);
        assertThat(ZendeskDesk.DEFAULT_STATUS_MAPPING.map("Hold".toLowerCase(Locale.ROOT)))
                .contains(TicketStatus.OPENED);
    }
}

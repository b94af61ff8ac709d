package org.entsupport.desk.redmine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.entsupport.core.desk.DeskChanges;
import org.entsupport.core.desk.DeskComment;
import org.entsupport.core.desk.DeskException;
import org.entsupport.core.desk.DeskIssue;
import org.entsupport.core.desk.ForwardedComment;
import org.entsupport.core.desk.InstallationId;
import org.entsupport.core.desk.IssueChanges;
import org.entsupport.core.desk.StatusChange;
import org.entsupport.core.desk.StatusForwarded;
import org.entsupport.core.desk.SupportDesk;
import org.entsupport.core.model.TicketStatus;
import org.entsupport.tck.SupportDeskContract;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link RedmineDesk} against a real Redmine, started by {@code ../shared/tools/redmine-up.sh}, set
 * up as a support team runs it ({@link RedmineAccounts}): the connector writes with an account of its
 * own, agents (this test's desk-side calls) work as the administrator.
 *
 * <pre>
 * eval "$(../shared/tools/redmine-up.sh)"
 * mvn verify -pl support-desks -am
 * </pre>
 *
 * <p>Reads {@code REDMINE_URL}, {@code REDMINE_API_KEY} and {@code REDMINE_PROJECT}. Without them the
 * tests are skipped, except when {@code CI=true}, where they fail.
 */
class RedmineDeskIT extends SupportDeskContract {

    private static final Duration OVERLAP = Duration.ofSeconds(1);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static String url = "";
    /** The administrator's key: the agents' side. */
    private static String key = "";

    private static String project = "";
    private static RedmineAccounts accounts;

    private final RedmineDesk desk =
            connector(accounts == null ? "none" : accounts.connectorKey).build();

    private static RedmineDesk.Builder connector(String apiKey) {
        return RedmineDesk.builder()
                .baseUrl(url.isEmpty() ? "http://127.0.0.1:1" : url)
                .apiKey(apiKey)
                .project(project.isEmpty() ? "none" : project)
                .trackerId(3)
                .overlap(OVERLAP);
    }

    @BeforeAll
    static void redmine() throws Exception {
        RedmineEnv.require("Redmine IT");
        url = RedmineEnv.get("REDMINE_URL");
        key = RedmineEnv.get("REDMINE_API_KEY");
        project = RedmineEnv.get("REDMINE_PROJECT");
        accounts = RedmineAccounts.get();
    }

    @Override
    protected SupportDesk desk() {
        return desk;
    }

    @Override
    protected String addPublicComment(String externalId, String body, @Nullable DeskFile file) throws Exception {
        Map<String, Object> issue = new HashMap<>();
        issue.put("notes", body);
        if (file != null) {
            JsonNode upload = call(
                    "POST", "/uploads.json?filename=" + file.fileName(), file.content(), "application/octet-stream");
            issue.put(
                    "uploads",
                    List.of(Map.of(
                            "token",
                            upload.path("upload").path("token").asText(),
                            "filename",
                            file.fileName(),
                            "content_type",
                            file.mediaType())));
        }
        put(externalId, issue);
        return lastJournal(externalId);
    }

    @Override
    protected String addPrivateNote(String externalId, String body) throws Exception {
        put(externalId, Map.of("notes", body, "private_notes", true));
        return lastJournal(externalId);
    }

    @Override
    protected void changeStatus(String externalId, TicketStatus target) throws Exception {
        int status = switch (target) {
            case OPENED -> 2;
            case WAITING -> 4;
            case RESOLVED -> 3;
            case CLOSED -> 5;
            case NEW -> 1;
        };
        put(externalId, Map.of("status_id", status));
    }

    @Override
    protected int issueCount(long ticketId) throws Exception {
        String marker = "[ENT-" + ticketId + "]";
        JsonNode found = call(
                "GET",
                "/issues.json?project_id=" + project + "&status_id=*&limit=100&subject="
                        + URLEncoder.encode("~" + marker, StandardCharsets.UTF_8),
                null,
                null);
        int count = 0;
        for (JsonNode i : found.path("issues")) {
            if (i.path("subject").asText().startsWith(marker + " ")) {
                count++;
            }
        }
        return count;
    }

    @Override
    protected Map<String, byte[]> filesOnDesk(String externalId) throws Exception {
        JsonNode issue = call("GET", "/issues/" + externalId + ".json?include=attachments", null, null)
                .path("issue");
        Map<String, byte[]> files = new HashMap<>();
        for (JsonNode a : issue.path("attachments")) {
            HttpResponse<byte[]> r = CLIENT.send(
                    HttpRequest.newBuilder(URI.create(a.path("content_url").asText()))
                            .header("X-Redmine-API-Key", key)
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode())
                    .as("download of %s", a.path("filename").asText())
                    .isEqualTo(200);
            files.put(a.path("filename").asText(), r.body());
        }
        return files;
    }

    @Override
    protected void deleteIssue(String externalId) throws Exception {
        call("DELETE", "/issues/" + externalId + ".json", null, null);
    }

    @Override
    protected void hideIssue(String externalId) throws Exception {
        // an agent moves it to a project of another team, which the connector's account is not a member of
        put(externalId, Map.of("project_id", RedmineAccounts.HIDDEN_PROJECT));
    }

    @Override
    protected void letTimePass() throws InterruptedException {
        // Redmine dates to the second; the cursor re-reads OVERLAP before it.
        Thread.sleep(OVERLAP.toMillis() + 1_100);
    }

    // ---------------------------------------------------------------- Redmine-specific

    @Test
    @DisplayName("issue 5: a screenshot and two comments go up; a journal and a private note come back, once")
    void escalationRoundTrip() throws Exception {
        String start = desk.changesSince(null).nextCursor();
        long ticket = newTicketId();
        byte[] screenshot = png();
        DeskIssue issue = desk.open(
                request(ticket)
                        .attachment(attachment("screenshot.png", "image/png", screenshot))
                        .comment(ForwardedComment.of(71, "Bob Référent", "Which browser do you use?", Instant.now()))
                        .comment(ForwardedComment.of(
                                72, "Alice Élève", "Firefox 128 on the school laptops", Instant.now()))
                        .build(),
                key());

        JsonNode created = call("GET", "/issues/" + issue.externalId() + ".json", null, null)
                .path("issue");
        assertThat(created.path("subject").asText()).isEqualTo("[ENT-" + ticket + "] Contract ticket " + ticket);
        assertThat(created.path("description").asText())
                .contains(
                        "Alice Élève (u-17)",
                        "Lycée Victor Hugo (0750001A)",
                        "Bob Référent (u-3)",
                        "Emploi du temps (timetable)",
                        "Which browser do you use?",
                        "Firefox 128 on the school laptops");
        assertThat(filesOnDesk(issue.externalId()).get("screenshot.png")).isEqualTo(screenshot);

        byte[] answerFile = "try clearing the cache".getBytes(StandardCharsets.UTF_8);
        String journal = addPublicComment(
                issue.externalId(),
                "Please clear the cache and retry.",
                new DeskFile("howto.txt", "text/plain", answerFile));
        String note = addPrivateNote(issue.externalId(), "Internal: known proxy bug, see #4711");
        changeStatus(issue.externalId(), TicketStatus.WAITING);
        letTimePass();

        DeskChanges first = desk.changesSince(start);

        IssueChanges changed = find(first, issue.externalId());
        assertThat(changed.ticketId()).isEqualTo(ticket);
        assertThat(desk.statusMapping().map(changed.status())).contains(TicketStatus.WAITING);
        assertThat(changed.statusLabel()).isEqualTo("Feedback");
        List<DeskComment> publicReplies = changed.comments().stream()
                .filter(DeskComment::isPublic)
                .filter(c -> !c.isEcho())
                .toList();
        assertThat(publicReplies).extracting(DeskComment::id).containsExactly(journal);
        assertThat(publicReplies.get(0).body()).isEqualTo("Please clear the cache and retry.");
        assertThat(publicReplies.get(0).authorName()).isEqualTo("Redmine Admin");
        try (InputStream in = publicReplies.get(0).attachments().get(0).open()) {
            assertThat(in.readAllBytes()).isEqualTo(answerFile);
        }
        assertThat(changed.comments().stream()
                        .filter(c -> !c.isPublic())
                        .map(DeskComment::id)
                        .toList())
                .containsExactly(note);

        DeskChanges second = desk.changesSince(first.nextCursor());

        Set<String> seen = first.issues().stream()
                .flatMap(i -> i.comments().stream())
                .map(DeskComment::id)
                .collect(Collectors.toSet());
        assertThat(second.issues().stream().flatMap(i -> i.comments().stream()).map(DeskComment::id))
                .as("comments read again")
                .noneMatch(seen::contains);
        assertThat(second.issues().stream().map(IssueChanges::externalId)).doesNotContain(issue.externalId());
    }

    @Test
    @DisplayName("verify() accepts the key and refuses a wrong one, which /issues.json would not notice")
    void verifyChecksTheKey() throws Exception {
        desk.verify();
        RedmineDesk wrong = RedmineDesk.builder()
                .baseUrl(url)
                .apiKey("0123456789abcdef")
                .project(project)
                .trackerId(3)
                .build();

        assertThatThrownBy(wrong::verify)
                .isInstanceOf(DeskException.class)
                .hasMessageContaining("check the API key")
                .hasMessageContaining("HTTP 401")
                .hasMessageNotContaining("0123456789abcdef")
                .satisfies(e -> assertThat(((DeskException) e).retryable()).isFalse());
        assertThatThrownBy(() -> wrong.changesSince(null))
                .isInstanceOf(DeskException.class)
                .hasMessageContaining("HTTP 401");
    }

    @Test
    @DisplayName("changesSince() reads every page")
    void changesSinceReadsAllPages() throws Exception {
        RedmineDesk smallPages = RedmineDesk.builder()
                .baseUrl(url)
                .apiKey(accounts.connectorKey)
                .project(project)
                .trackerId(3)
                .overlap(OVERLAP)
                .pageSize(2)
                .build();
        String start = smallPages.changesSince(null).nextCursor();
        List<String> opened = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            opened.add(smallPages.open(request(newTicketId()).build(), key()).externalId());
        }
        letTimePass();

        DeskChanges changes = smallPages.changesSince(start);

        assertThat(changes.issues().stream().map(IssueChanges::externalId))
                .containsAll(opened)
                .doesNotHaveDuplicates();
    }

    @Test
    @DisplayName("verify() checks the tracker, the priority and the outgoing statuses the configuration names")
    void verifyChecksTheConfiguration() throws Exception {
        connector(accounts.connectorKey).priorityId(2).build().verify();

        assertThatThrownBy(() ->
                        connector(accounts.connectorKey).trackerId(99).build().verify())
                .isInstanceOf(DeskException.class)
                .hasMessage("redmine: trackerId 99 is not a tracker of project " + project
                        + " (its trackers: Bug (1), Feature (2), Support (3))")
                .satisfies(e -> assertThat(((DeskException) e).retryable()).isFalse());
        assertThatThrownBy(() ->
                        connector(accounts.connectorKey).priorityId(99).build().verify())
                .isInstanceOf(DeskException.class)
                .hasMessageStartingWith("redmine: priorityId 99 is not an active issue priority (known: Low (1),"
                        + " Normal (2), High (3)");
        assertThatThrownBy(() -> connector(accounts.connectorKey)
                        .outgoingStatus(TicketStatus.RESOLVED, 42)
                        .build()
                        .verify())
                .isInstanceOf(DeskException.class)
                .hasMessage("redmine: outgoingStatus for RESOLVED is status id 42, which this Redmine does not have"
                        + " (known: New (1), In Progress (2), Resolved (3), Feedback (4), Closed (5), Rejected (6))");
    }

    @Test
    @DisplayName("an issue an agent moves to another project the account sees is still followed")
    void movedIssueIsFollowed() throws Exception {
        String start = desk.changesSince(null).nextCursor();
        long ticket = newTicketId();
        DeskIssue issue = desk.open(request(ticket).build(), key());

        put(issue.externalId(), Map.of("project_id", RedmineAccounts.MOVED_PROJECT));
        String reply = addPublicComment(issue.externalId(), "Moved to the right team; we are on it.", null);
        letTimePass();

        IssueChanges changed = find(desk.changesSince(start), issue.externalId());
        assertThat(changed.ticketId()).isEqualTo(ticket);
        assertThat(changed.comment(reply)).isPresent();
        assertThat(desk.goneIssues(List.of(issue.externalId()))).isEmpty();
        assertThat(desk.open(request(ticket).build(), key()).externalId())
                .as("a retried hand-over finds the moved issue")
                .isEqualTo(issue.externalId());
        String echo = desk.forwardComment(
                issue.externalId(), ForwardedComment.of(77, "Alice", "Thanks", Instant.now()), key());
        assertThat(desk.changesOf(issue.externalId())
                        .comment(echo)
                        .orElseThrow()
                        .isEcho())
                .isTrue();
    }

    @Test
    @DisplayName("an answer written with Redmine's Quote button is imported, not taken for our echo")
    void redmineQuoteButtonReplyIsAReply() throws Exception {
        DeskIssue issue = desk.open(request(newTicketId()).build(), key());
        String echoId = desk.forwardComment(
                issue.externalId(), ForwardedComment.of(55, "Alice Élève", "Still blank.", Instant.now()), key());
        JsonNode journals = call("GET", "/issues/" + issue.externalId() + ".json?include=journals", null, null)
                .path("issue")
                .path("journals");
        String ours = journals.get(journals.size() - 1).path("notes").asText();
        // exactly what Redmine 5.0's Quote button puts in the editor (JournalsController#new), then the answer
        String quote = "ENT Connector wrote in #note-" + journals.size() + ":\n> "
                + ours.strip().replaceAll("(\r?\n|\r\n?)", "\n> ") + "\n\n" + "Clear the cache, then retry.";

        String reply = addPublicComment(issue.externalId(), quote, null);

        IssueChanges read = desk.changesOf(issue.externalId());
        assertThat(read.comment(echoId).orElseThrow().localCommentId()).isEqualTo(55L);
        DeskComment answer = read.comment(reply).orElseThrow();
        assertThat(answer.isEcho()).isFalse();
        assertThat(answer.body()).contains("[ENT-comment-55]").endsWith("Clear the cache, then retry.");
        assertThat(answer.authorName()).isEqualTo("Redmine Admin");
    }

    @Test
    @DisplayName("a subject cut by the desk's limit lands on a whole character and Redmine takes it")
    void longSubjectWithEmojiIsAccepted() throws Exception {
        long ticket = newTicketId();
        String marker = "[ENT-" + ticket + "] ";
        String subject = "a".repeat(253 - marker.length()) + "😀".repeat(30);

        DeskIssue issue = desk.open(request(ticket).subject(subject).build(), key());

        String stored = call("GET", "/issues/" + issue.externalId() + ".json", null, null)
                .path("issue")
                .path("subject")
                .asText();
        assertThat(stored.codePointCount(0, stored.length())).isEqualTo(255);
        assertThat(stored).startsWith(marker + "aaa").endsWith("a😀…");
        assertThat(desk.changesOf(issue.externalId()).ticketId()).isEqualTo(ticket);
    }

    @Test
    @DisplayName("a status the account's workflow may not set: the note still tells the agents")
    void workflowRefusalStillAddsTheNote() throws Exception {
        RedmineDesk reporter = connector(accounts.reporterKey).build();
        DeskIssue issue = desk.open(request(newTicketId()).build(), key());
        StatusChange resolved = new StatusChange(
                newTicketId(), TicketStatus.OPENED, TicketStatus.RESOLVED, "Alice", true, Instant.now());

        StatusForwarded forwarded =
                reporter.forwardStatus(issue.externalId(), resolved, key()).orElseThrow();

        assertThat(forwarded.statusApplied())
                .as("Reporter may not resolve (stock workflow)")
                .isFalse();
        assertThat(forwarded.deskStatus()).isEqualTo("1");
        JsonNode journal = call("GET", "/issues/" + issue.externalId() + ".json?include=journals", null, null)
                .path("issue")
                .path("journals");
        assertThat(journal.get(journal.size() - 1).path("notes").asText())
                .startsWith("Alice (requester) marked the request as resolved in Aide & Support");
        assertThat(reporter.forwardStatus(issue.externalId(), resolved, key())
                        .orElseThrow()
                        .noteId())
                .as("a retry finds the note")
                .isEqualTo(forwarded.noteId());
    }

    @Test
    @DisplayName("markers of earlier versions stay readable; another installation's issue never is ours")
    void legacyAndForeignMarkers() throws Exception {
        InstallationId lyon = InstallationId.of("lyon" + Long.toString(newTicketId() % 100_000, 36));
        RedmineDesk bound = desk.forInstallation(lyon);
        long ticket = newTicketId();
        DeskIssue legacy = desk.open(request(ticket).build(), key()); // written without an installation
        DeskIssue current = bound.open(request(ticket).build(), key());

        assertThat(current.externalId())
                .as("a new hand-over writes the new marker")
                .isNotEqualTo(legacy.externalId());
        assertThat(call("GET", "/issues/" + current.externalId() + ".json", null, null)
                        .path("issue")
                        .path("subject")
                        .asText())
                .startsWith("[ENT-" + lyon + "-" + ticket + "] ");
        assertThat(bound.changesOf(legacy.externalId()).ticketId()).isEqualTo(ticket);
        assertThat(connector(accounts.connectorKey)
                        .readLegacyMarkers(false)
                        .build()
                        .forInstallation(lyon)
                        .changesOf(legacy.externalId())
                        .ticketId())
                .isNull();
        IssueChanges foreign =
                desk.forInstallation(InstallationId.of("nantes01")).changesOf(current.externalId());
        assertThat(foreign.ticketId()).isNull();
        assertThat(foreign.belongsToAnotherInstallation(InstallationId.of("nantes01")))
                .isTrue();
    }

    private void put(String externalId, Map<String, Object> issue) throws Exception {
        call(
                "PUT",
                "/issues/" + externalId + ".json",
                JSON.writeValueAsBytes(Map.of("issue", issue)),
                "application/json");
    }

    private String lastJournal(String externalId) throws Exception {
        JsonNode journals = call("GET", "/issues/" + externalId + ".json?include=journals", null, null)
                .path("issue")
                .path("journals");
        return journals.get(journals.size() - 1).path("id").asText();
    }

    private static JsonNode call(String method, String path, byte @Nullable [] body, @Nullable String type)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path))
                .header("X-Redmine-API-Key", key)
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (type != null) {
            b.header("Content-Type", type);
        }
        HttpResponse<byte[]> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode())
                .as("%s %s: %s", method, path, new String(r.body(), StandardCharsets.UTF_8))
                .isBetween(200, 299);
        return r.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(r.body());
    }
}

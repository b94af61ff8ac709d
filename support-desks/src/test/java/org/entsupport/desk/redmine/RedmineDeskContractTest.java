package org.entsupport.desk.redmine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.entsupport.core.desk.DeskChanges;
import org.entsupport.core.desk.DeskException;
import org.entsupport.core.desk.DeskIssue;
import org.entsupport.core.desk.ForwardedComment;
import org.entsupport.core.desk.IssueChanges;
import org.entsupport.core.desk.IssueGone;
import org.entsupport.core.desk.StatusChange;
import org.entsupport.core.desk.StatusForwarded;
import org.entsupport.core.desk.SupportDesk;
import org.entsupport.core.model.TicketStatus;
import org.entsupport.desk.testing.LoopbackServer.Request;
import org.entsupport.desk.testing.MutableClock;
import org.entsupport.tck.SupportDeskContract;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link RedmineDesk} against {@link FakeRedmine}, a local server that answers as a stock Redmine 5 does. */
class RedmineDeskContractTest extends SupportDeskContract {

    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private static final java.util.concurrent.atomic.AtomicLong CHANGE_IDS =
            new java.util.concurrent.atomic.AtomicLong();
    private FakeRedmine redmine;
    private RedmineDesk desk;

    @BeforeEach
    void start() throws Exception {
        redmine = new FakeRedmine(clock);
        desk = connector().build();
    }

    @AfterEach
    void stop() {
        redmine.close();
    }

    private RedmineDesk.Builder connector() {
        return RedmineDesk.builder()
                .baseUrl(redmine.url())
                .apiKey(FakeRedmine.KEY)
                .project("p")
                .trackerId(3)
                .clock(clock)
                .maxRetryWait(Duration.ZERO);
    }

    @Override
    protected SupportDesk desk() {
        return desk;
    }

    @Override
    protected String addPublicComment(String externalId, String body, @Nullable DeskFile file) {
        FakeRedmine.Attachment[] files = file == null
                ? new FakeRedmine.Attachment[0]
                : new FakeRedmine.Attachment[] {
                    new FakeRedmine.Attachment(0, file.fileName(), file.mediaType(), file.content())
                };
        return redmine.addNote(Long.parseLong(externalId), FakeRedmine.AGENT, body, false, files);
    }

    @Override
    protected String addPrivateNote(String externalId, String body) {
        return redmine.addNote(Long.parseLong(externalId), FakeRedmine.AGENT, body, true);
    }

    @Override
    protected void changeStatus(String externalId, TicketStatus target) {
        redmine.setStatus(
                Long.parseLong(externalId),
                switch (target) {
                    case NEW -> 1;
                    case OPENED -> 2;
                    case WAITING -> 4;
                    case RESOLVED -> 3;
                    case CLOSED -> 5;
                });
    }

    @Override
    protected int issueCount(long ticketId) {
        return (int) redmine.issues().stream()
                .filter(i -> i.subject.startsWith("[ENT-" + ticketId + "] "))
                .count();
    }

    @Override
    protected Map<String, byte[]> filesOnDesk(String externalId) {
        Map<String, byte[]> files = new HashMap<>();
        redmine.issue(Long.parseLong(externalId)).attachments.forEach(a -> files.put(a.fileName(), a.content()));
        return files;
    }

    @Override
    protected void deleteIssue(String externalId) {
        redmine.issue(Long.parseLong(externalId)).deleted = true;
    }

    @Override
    protected void hideIssue(String externalId) {
        redmine.issue(Long.parseLong(externalId)).hidden = true;
    }

    @Override
    protected void letTimePass() {
        clock.advance(Duration.ofMinutes(5));
    }

    // ---------------------------------------------------------------- Redmine-specific

    private List<Request> sent(String method, String pathStart) {
        return redmine.requests().stream()
                .filter(r -> r.method().equals(method) && r.path().startsWith(pathStart))
                .toList();
    }

    private static JsonNode body(Request r) throws Exception {
        return new ObjectMapper().readTree(r.body());
    }

    @Test
    @DisplayName(
            "open() posts project, tracker, priority, the marked subject, a description with the exchange and the uploads")
    void openSendsTheIssueFields() throws Exception {
        long ticket = newTicketId();
        RedmineDesk withPriority = connector().priorityId(2).build();

        DeskIssue issue = withPriority.open(
                request(ticket)
                        .attachment(attachment("a.txt", "text/plain", new byte[] {1, 2}))
                        .comment(ForwardedComment.of(11, "Bob Référent", "Here is more", Instant.EPOCH))
                        .build(),
                key());

        assertThat(issue.url()).isEqualTo(redmine.url() + "/issues/" + issue.externalId());
        assertThat(issue.status()).isEqualTo("1");
        JsonNode sent = body(sent("POST", "/issues.json").get(0)).path("issue");
        assertThat(sent.path("project_id").asText()).isEqualTo("p");
        assertThat(sent.path("tracker_id").asInt()).isEqualTo(3);
        assertThat(sent.path("priority_id").asInt()).isEqualTo(2);
        assertThat(sent.path("subject").asText()).isEqualTo("[ENT-" + ticket + "] Contract ticket " + ticket);
        assertThat(sent.path("description").asText())
                .startsWith("Request [ENT-" + ticket + "] escalated from Aide & Support\n\n"
                        + "* Category: Emploi du temps (timetable)\n"
                        + "* Requester: Alice Élève (u-17)\n"
                        + "* School: Lycée Victor Hugo (0750001A)\n"
                        + "* Escalated by: Bob Référent (u-3)\n")
                .endsWith("The timetable stays blank since Monday.\nSecond line.\n\nExchange so far:\n\n"
                        + "Bob Référent, 1970-01-01T00:00:00Z:\nHere is more\n");
        assertThat(sent.path("uploads")).singleElement().satisfies(u -> {
            assertThat(u.path("filename").asText()).isEqualTo("a.txt");
            assertThat(u.path("content_type").asText()).isEqualTo("text/plain");
            assertThat(u.path("token").asText()).startsWith("t");
        });
        assertThat(sent("POST", "/uploads.json"))
                .singleElement()
                .satisfies(r -> assertThat(r.path()).isEqualTo("/uploads.json?filename=a.txt"));
    }

    @Test
    @DisplayName("open() without priority, files or comments sends none of them")
    void openWithoutOptionalFields() throws Exception {
        long ticket = newTicketId();

        desk.open(request(ticket).build(), key());

        JsonNode sent = body(sent("POST", "/issues.json").get(0)).path("issue");
        assertThat(sent.has("priority_id")).isFalse();
        assertThat(sent.has("uploads")).isFalse();
        assertThat(sent.path("description").asText()).doesNotContain("Exchange so far");
    }

    @Test
    @DisplayName(
            "open() finds only an issue of this ticket and this installation, not one whose marker merely contains it")
    void openFindsOnlyItsOwnIssue() throws Exception {
        long ticket = newTicketId();
        redmine.create("[ENT-" + ticket + "0] another ticket", "");
        redmine.create("[ENT-lyon-" + ticket + "] another platform", "");
        redmine.create("no marker [ENT-" + ticket + "", "");

        DeskIssue issue = desk.open(request(ticket).build(), key());

        assertThat(sent("POST", "/issues.json")).hasSize(1);
        assertThat(redmine.issue(Long.parseLong(issue.externalId())).subject).startsWith("[ENT-" + ticket + "] ");
    }

    @Test
    @DisplayName("open() refuses an answer without issue id")
    void openWithoutIdInTheAnswer() throws Exception {
        try (var broken = new org.entsupport.desk.testing.LoopbackServer(r -> {
            if (r.path().startsWith("/issues.json") && r.method().equals("POST")) {
                return org.entsupport.desk.testing.LoopbackServer.Answer.json(201, "{\"issue\":{\"subject\":\"x\"}}");
            }
            return org.entsupport.desk.testing.LoopbackServer.Answer.json(200, "{\"issues\":[]}");
        })) {
            RedmineDesk d = connector().baseUrl(broken.url()).build();
            long ticket = newTicketId();
            assertThatThrownBy(() -> d.open(request(ticket).build(), key()))
                    .isInstanceOf(DeskException.class)
                    .hasMessage("redmine answered the creation of the issue for ticket " + ticket
                            + " without an issue id: {\"subject\":\"x\"}");
        }
    }

    @Test
    @DisplayName("verify() checks the key, the tracker, the priority and the outgoing statuses")
    void verifyChecksTheConfiguration() throws Exception {
        connector().priorityId(2).build().verify();
        assertThat(sent("GET", "/projects/p.json"))
                .singleElement()
                .satisfies(r -> assertThat(r.path()).isEqualTo("/projects/p.json?include=trackers"));
        assertThat(sent("GET", "/enumerations/issue_priorities.json")).hasSize(1);
        assertThat(sent("GET", "/issue_statuses.json")).hasSize(1);

        assertThatThrownBy(() -> connector().trackerId(2).build().verify())
                .isInstanceOf(DeskException.class)
                .hasMessage("redmine: trackerId 2 is not a tracker of project p (its trackers: Bug (1), Support (3))")
                .satisfies(e -> assertThat(((DeskException) e).retryable()).isFalse());
        assertThatThrownBy(() -> connector().priorityId(7).build().verify())
                .hasMessage("redmine: priorityId 7 is not an active issue priority (known: Normal (2), Old (7))");
        assertThatThrownBy(() -> connector().priorityId(9).build().verify())
                .hasMessage("redmine: priorityId 9 is not an active issue priority (known: Normal (2), Old (7))");
        assertThatThrownBy(() -> connector()
                        .outgoingStatus(TicketStatus.WAITING, 9)
                        .build()
                        .verify())
                .hasMessage("redmine: outgoingStatus for WAITING is status id 9, which this Redmine does not have"
                        + " (known: " + statusNames() + ")");
        redmine.trackers = Map.of();
        assertThatThrownBy(() -> desk.verify())
                .hasMessage("redmine: trackerId 3 is not a tracker of project p (its trackers: none)");
    }

    private String statusNames() throws Exception {
        List<String> names = new ArrayList<>();
        var conn = java.net.http.HttpClient.newHttpClient();
        var answer = conn.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(redmine.url() + "/issue_statuses.json"))
                        .header("X-Redmine-API-Key", FakeRedmine.KEY)
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        new ObjectMapper()
                .readTree(answer.body())
                .path("issue_statuses")
                .forEach(s ->
                        names.add(s.path("name").asText() + " (" + s.path("id").asText() + ")"));
        return String.join(", ", names);
    }

    @Test
    @DisplayName("verify() without outgoing statuses nor priority does not ask for them")
    void verifyAsksOnlyWhatIsConfigured() throws Exception {
        RedmineDesk plain = connector()
                .noOutgoingStatus(TicketStatus.RESOLVED)
                .noOutgoingStatus(TicketStatus.CLOSED)
                .noOutgoingStatus(TicketStatus.OPENED)
                .build();

        plain.verify();

        assertThat(sent("GET", "/enumerations/")).isEmpty();
        assertThat(sent("GET", "/issue_statuses.json")).isEmpty();
    }

    @Test
    @DisplayName("changesSince() reads every page, newest first, and returns the issues oldest first")
    void changesSinceReadsAllPages() throws Exception {
        RedmineDesk paged = connector().pageSize(2).build();
        String cursor = paged.changesSince(null).nextCursor();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(paged.open(request(newTicketId()).build(), key()).externalId());
            clock.advance(Duration.ofSeconds(10));
        }
        clock.advance(Duration.ofMinutes(5));

        DeskChanges changes = paged.changesSince(cursor);

        assertThat(changes.issues()).extracting(IssueChanges::externalId).containsExactlyElementsOf(ids);
        assertThat(sent("GET", "/issues.json?status_id=*&updated_on="))
                .extracting(r -> r.path().replaceAll(".*&limit=", "limit="))
                .containsExactly("limit=2&offset=0", "limit=2&offset=0", "limit=2&offset=2", "limit=2&offset=4");
        assertThat(changes.nextCursor())
                .isEqualTo("redmine:1:" + clock.instant().getEpochSecond());
    }

    @Test
    @DisplayName("changesSince() stops on an empty page even when the total says more")
    void changesSinceStopsOnAnEmptyPage() throws Exception {
        try (var lying = new org.entsupport.desk.testing.LoopbackServer(r -> r.path()
                        .startsWith("/users/")
                ? org.entsupport.desk.testing.LoopbackServer.Answer.json(200, "{\"user\":{\"id\":10}}")
                : org.entsupport.desk.testing.LoopbackServer.Answer.json(200, "{\"issues\":[],\"total_count\":50}"))) {
            DeskChanges changes = connector().baseUrl(lying.url()).build().changesSince(null);

            assertThat(changes.issues()).isEmpty();
            assertThat(lying.requests()).hasSize(2);
        }
    }

    @Test
    @DisplayName("changesSince() leaves out issues without our marker and those updated before the overlap")
    void changesSinceKeepsOurRecentIssues() throws Exception {
        String cursor = desk.changesSince(null).nextCursor();
        FakeRedmine.Issue foreign = redmine.create("Printer on fire", "");
        FakeRedmine.Issue described = redmine.create("Moved by an agent", "Request [ENT-77] escalated\n");
        clock.advance(Duration.ofMinutes(5));

        DeskChanges changes = desk.changesSince(cursor);

        assertThat(changes.issues()).extracting(IssueChanges::externalId).containsExactly(Long.toString(described.id));
        assertThat(changes.issues().get(0).ticketId()).isEqualTo(77L);
        assertThat(changes.issues()).extracting(IssueChanges::externalId).doesNotContain(Long.toString(foreign.id));
        // the list answered the issue as updated long ago: Redmine's rounding is dropped
        described.updatedOn = clock.instant().minus(Duration.ofHours(2));
        assertThat(desk.changesSince(cursor).issues()).isEmpty();
    }

    @Test
    @DisplayName("changesSince() with a cursor ahead of the clock keeps the cursor")
    void aCursorAheadOfTheClockIsKept() throws Exception {
        Instant ahead = clock.instant().plus(Duration.ofMinutes(30));

        DeskChanges changes = desk.changesSince(desk.cursorAt(ahead));

        assertThat(changes.nextCursor()).isEqualTo("redmine:1:" + ahead.getEpochSecond());
        assertThat(sent("GET", "/issues.json?status_id=*&updated_on="))
                .singleElement()
                .satisfies(r -> assertThat(r.path())
                        .contains("updated_on=%3E%3D"
                                + ahead.minus(Duration.ofMinutes(2)).toString().replace(":", "%3A")));
    }

    @Test
    @DisplayName("changesSince() refuses a cursor of another prefix")
    void aCursorOfAnotherDeskIsRefused() {
        assertThatThrownBy(() -> desk.changesSince("zendesk:1:12"))
                .isInstanceOf(DeskException.class)
                .hasMessage("redmine: not a cursor of this desk: 'zendesk:1:12'");
        assertThatThrownBy(() -> desk.changesSince("redmine:1:soon"))
                .hasMessage("redmine: not a cursor of this desk: 'redmine:1:soon'");
    }

    @Test
    @DisplayName("forwardComment() finds its note written by the connector's account only, the newest first")
    void forwardCommentRecognisesOnlyItsOwnNotes() throws Exception {
        DeskIssue issue = desk.open(request(newTicketId()).build(), key());
        ForwardedComment comment = ForwardedComment.of(42, "Alice", "Hello", Instant.EPOCH);
        String echo = desk.forwardComment(issue.externalId(), comment, key());
        String body = redmine.issue(Long.parseLong(issue.externalId()))
                .journals
                .get(0)
                .notes();
        // an agent pastes our note: it is not ours
        long id = Long.parseLong(issue.externalId());
        redmine.addNote(id, FakeRedmine.AGENT, body, false);

        assertThat(desk.forwardComment(issue.externalId(), comment, key())).isEqualTo(echo);
        JsonNode put = body(sent("PUT", "/issues/" + id + ".json").get(0)).path("issue");
        assertThat(put.path("private_notes").asBoolean(true)).isFalse();
        assertThat(put.has("uploads")).isFalse();
        assertThat(put.path("notes").asText()).isEqualTo(body);

        // two notes of ours for the same comment: the newest is the one
        redmine.addNote(id, FakeRedmine.CONNECTOR, body, false);
        String newest = Long.toString(redmine.issue(id).journals.get(2).id());
        assertThat(desk.forwardComment(issue.externalId(), comment, key())).isEqualTo(newest);
    }

    @Test
    @DisplayName("forwardComment() whose note Redmine does not show is retryable")
    void forwardCommentWhoseNoteIsMissing() throws Exception {
        DeskIssue issue = desk.open(request(newTicketId()).build(), key());
        redmine.issue(Long.parseLong(issue.externalId())).hidden = false;
        ForwardedComment empty = ForwardedComment.of(43, "Alice", "   ", Instant.EPOCH);

        // the fake keeps no journal for a note without text: Redmine would not either
        try {
            String id = desk.forwardComment(issue.externalId(), empty, key());
            assertThat(id).isNotBlank();
        } catch (DeskException e) {
            assertThat(e.retryable()).isTrue();
            assertThat(e)
                    .hasMessage("redmine accepted comment 43 on issue " + issue.externalId()
                            + " but its journal was not found; retrying will look again");
        }
    }

    @Test
    @DisplayName("an issue id that is not positive is refused before any request")
    void issueIdsArePositive() {
        assertThatThrownBy(() -> desk.changesOf("0"))
                .isInstanceOf(DeskException.class)
                .isNotInstanceOf(org.entsupport.core.desk.IssueGoneException.class)
                .hasMessage("redmine: '0' is not a Redmine issue id");
        assertThatThrownBy(() -> desk.changesOf("x1")).hasMessage("redmine: 'x1' is not a Redmine issue id");
        assertThat(sent("GET", "/issues/")).isEmpty();
    }

    @Test
    @DisplayName("forwardStatus() sets the configured status, or leaves it when the issue has it")
    void forwardStatusSetsTheConfiguredStatus() throws Exception {
        DeskIssue issue = desk.open(request(newTicketId()).build(), key());
        long id = Long.parseLong(issue.externalId());

        StatusForwarded closed = desk.forwardStatus(issue.externalId(), change(TicketStatus.CLOSED), key())
                .orElseThrow();
        assertThat(closed.deskStatus()).isEqualTo("5");
        assertThat(closed.statusApplied()).isTrue();
        assertThat(body(sent("PUT", "/issues/" + id).get(0))
                        .path("issue")
                        .path("status_id")
                        .asInt())
                .isEqualTo(5);

        StatusForwarded again = desk.forwardStatus(issue.externalId(), change(TicketStatus.CLOSED), key())
                .orElseThrow();
        assertThat(again.statusApplied()).isTrue();
        assertThat(body(sent("PUT", "/issues/" + id).get(1)).path("issue").has("status_id"))
                .as("the issue has the status already")
                .isFalse();
        assertThat(again.noteId()).isNotEqualTo(closed.noteId());
    }

    @Test
    @DisplayName("forwardStatus() to a status without Redmine status adds a note only")
    void forwardStatusWithoutTarget() throws Exception {
        DeskIssue issue = desk.open(request(newTicketId()).build(), key());

        StatusForwarded waiting = desk.forwardStatus(issue.externalId(), change(TicketStatus.WAITING), key())
                .orElseThrow();

        assertThat(waiting.statusApplied()).isFalse();
        assertThat(waiting.deskStatus()).isEqualTo("1");
        JsonNode put = body(sent("PUT", "/issues/").get(0)).path("issue");
        assertThat(put.has("status_id")).isFalse();
        assertThat(put.path("private_notes").asBoolean(true)).isFalse();
        assertThat(put.path("notes").asText()).contains("Alice Élève");
    }

    @Test
    @DisplayName("forwardStatus(): a move the workflow forbids keeps the old status, and says so")
    void workflowRefusalKeepsTheStatus() throws Exception {
        DeskIssue issue = desk.open(request(newTicketId()).build(), key());
        redmine.workflowKeeps.add(3);

        StatusForwarded resolved = desk.forwardStatus(issue.externalId(), change(TicketStatus.RESOLVED), key())
                .orElseThrow();

        assertThat(resolved.statusApplied()).isFalse();
        assertThat(resolved.deskStatus()).isEqualTo("1");
        assertThat(desk.changesOf(issue.externalId()).comment(resolved.noteId()))
                .hasValueSatisfying(c -> assertThat(c.isEcho()).isTrue());
    }

    @Test
    @DisplayName("forwardStatus(): a status refused outright (422) still adds the note alone")
    void refusedStatusStillAddsTheNote() throws Exception {
        DeskIssue issue = desk.open(request(newTicketId()).build(), key());
        long id = Long.parseLong(issue.externalId());
        redmine.refused.add(3);

        StatusForwarded resolved = desk.forwardStatus(issue.externalId(), change(TicketStatus.RESOLVED), key())
                .orElseThrow();

        assertThat(resolved.statusApplied()).isFalse();
        assertThat(resolved.deskStatus()).isEqualTo("1");
        List<Request> puts = sent("PUT", "/issues/" + id);
        assertThat(puts).hasSize(2);
        assertThat(body(puts.get(0)).path("issue").path("status_id").asInt()).isEqualTo(3);
        assertThat(body(puts.get(1)).path("issue").has("status_id")).isFalse();
        assertThat(redmine.issue(id).journals).hasSize(1);
    }

    @Test
    @DisplayName("forwardStatus(): a 422 without a status to set is not retried without it")
    void refusedNoteIsNotRetried() throws Exception {
        try (var refusing = new org.entsupport.desk.testing.LoopbackServer(r -> {
            if (r.path().startsWith("/users/")) {
                return org.entsupport.desk.testing.LoopbackServer.Answer.json(200, "{\"user\":{\"id\":10}}");
            }
            if (r.method().equals("PUT")) {
                return org.entsupport.desk.testing.LoopbackServer.Answer.json(422, "{\"errors\":[\"Notes invalid\"]}");
            }
            return org.entsupport.desk.testing.LoopbackServer.Answer.json(
                    200, "{\"issue\":{\"id\":5,\"status\":{\"id\":1},\"journals\":[]}}");
        })) {
            RedmineDesk d = connector().baseUrl(refusing.url()).build();

            assertThatThrownBy(() -> d.forwardStatus("5", change(TicketStatus.WAITING), key()))
                    .isInstanceOf(DeskException.class)
                    .hasMessageEndingWith("HTTP 422: {\"errors\":[\"Notes invalid\"]}");
            assertThat(refusing.requests())
                    .filteredOn(r -> r.method().equals("PUT"))
                    .hasSize(1);
            assertThatThrownBy(() -> d.forwardStatus("5", change(TicketStatus.RESOLVED), key()))
                    .hasMessageEndingWith("HTTP 422: {\"errors\":[\"Notes invalid\"]}");
            assertThat(refusing.requests())
                    .filteredOn(r -> r.method().equals("PUT"))
                    .hasSize(3);
        }
    }

    @Test
    @DisplayName("an update refused with 403 on an issue the account still sees names the role")
    void updateRefusedOnAVisibleIssue() throws Exception {
        try (var refusing = new org.entsupport.desk.testing.LoopbackServer(r -> {
            if (r.path().startsWith("/users/")) {
                return org.entsupport.desk.testing.LoopbackServer.Answer.json(200, "{\"user\":{\"id\":10}}");
            }
            if (r.method().equals("PUT")) {
                return org.entsupport.desk.testing.LoopbackServer.Answer.json(403, "{}");
            }
            return org.entsupport.desk.testing.LoopbackServer.Answer.json(
                    200, "{\"issue\":{\"id\":5,\"status\":{\"id\":1},\"journals\":[]}}");
        })) {
            RedmineDesk d = connector().baseUrl(refusing.url()).build();

            assertThatThrownBy(() -> d.forwardComment("5", ForwardedComment.of(1, "A", "b", Instant.EPOCH), key()))
                    .isInstanceOf(DeskException.class)
                    .isNotInstanceOf(org.entsupport.core.desk.IssueGoneException.class)
                    .hasMessageEndingWith(" (the account sees the issue but may not add notes to it: check its role)")
                    .satisfies(e -> assertThat(((DeskException) e).retryable()).isFalse());
        }
    }

    @Test
    @DisplayName("an update of a hidden issue is gone, not visible")
    void updateOfAHiddenIssue() throws Exception {
        DeskIssue issue = desk.open(request(newTicketId()).build(), key());
        ForwardedComment comment = ForwardedComment.of(1, "A", "b", Instant.EPOCH);
        // readable for the first read, hidden for the update
        long id = Long.parseLong(issue.externalId());
        redmine.refused.clear();

        redmine.issue(id).hidden = true;

        assertThatThrownBy(() -> desk.forwardComment(issue.externalId(), comment, key()))
                .isInstanceOfSatisfying(
                        org.entsupport.core.desk.IssueGoneException.class,
                        e -> assertThat(e.gone().reason()).isEqualTo(IssueGone.Reason.NOT_VISIBLE));
    }

    @Test
    @DisplayName("goneIssues() checks a hundred issues per request and reads only the missing ones")
    void goneIssuesInBatches() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            ids.add(Long.toString(redmine.create("[ENT-" + i + "] s", "").id));
        }
        redmine.issue(Long.parseLong(ids.get(3))).deleted = true;
        redmine.issue(Long.parseLong(ids.get(120))).hidden = true;
        List<String> asked = new ArrayList<>(ids);
        asked.add(ids.get(0));

        List<IssueGone> gone = desk.goneIssues(asked);

        assertThat(gone).extracting(IssueGone::externalId).containsExactly(ids.get(3), ids.get(120));
        assertThat(gone)
                .extracting(IssueGone::reason)
                .containsExactly(IssueGone.Reason.DELETED, IssueGone.Reason.NOT_VISIBLE);
        List<Request> lists = sent("GET", "/issues.json?issue_id=");
        assertThat(lists).hasSize(2);
        assertThat(lists.get(0).path()).contains("issue_id=" + String.join(",", ids.subList(0, 100)) + "&");
        assertThat(lists.get(1).path()).contains("issue_id=" + String.join(",", ids.subList(100, 150)) + "&");
        assertThat(sent("GET", "/issues/")).hasSize(2);
        assertThat(desk.goneIssues(List.of())).isEmpty();
    }

    @Test
    @DisplayName("comments: only notes or files count; the connector's own notes are echoes with their comment id")
    void commentsOfAnIssue() throws Exception {
        DeskIssue issue = desk.open(request(newTicketId()).build(), key());
        long id = Long.parseLong(issue.externalId());
        String echoId = desk.forwardComment(issue.externalId(), ForwardedComment.of(5, "A", "b", Instant.EPOCH), key());
        String byConnector = redmine.addNote(id, FakeRedmine.CONNECTOR, "A note typed by hand", false);
        String byAgent = redmine.addNote(id, FakeRedmine.AGENT, "Hi", true);
        redmine.setStatus(id, 2);

        IssueChanges read = desk.changesOf(issue.externalId());

        assertThat(read.comments()).extracting(c -> c.id()).containsExactly(echoId, byConnector, byAgent);
        assertThat(read.comment(echoId).orElseThrow().localCommentId()).isEqualTo(5L);
        assertThat(read.comment(byConnector).orElseThrow().isEcho()).isFalse();
        assertThat(read.comment(byConnector).orElseThrow().localCommentId()).isNull();
        assertThat(read.comment(byAgent).orElseThrow().isPublic()).isFalse();
        assertThat(read.comment(byAgent).orElseThrow().authorName()).isEqualTo("Agent");
        assertThat(read.status()).isEqualTo("2");
        assertThat(read.statusLabel()).isEqualTo("In Progress");
        assertThat(read.installation()).isNull();
    }

    @Test
    @DisplayName("a desk file is downloaded through the base URL when Redmine names another host")
    void attachmentsAreFetchedThroughTheBaseUrl() throws Exception {
        DeskIssue issue = desk.open(request(newTicketId()).build(), key());
        long id = Long.parseLong(issue.externalId());
        String note =
                addPublicComment(issue.externalId(), "file", new DeskFile("r é.txt", "text/plain", new byte[] {7}));
        RedmineDesk viaLocalhost = connector()
                .baseUrl(redmine.url().replace("127.0.0.1", "localhost"))
                .build();

        var file = viaLocalhost
                .changesOf(issue.externalId())
                .comment(note)
                .orElseThrow()
                .attachments()
                .get(0);
        try (var in = file.open()) {
            assertThat(in.readAllBytes()).containsExactly(7);
        }
        assertThat(file.mediaType()).isEqualTo("text/plain");
        assertThat(file.size()).isEqualTo(1);
        assertThat(id).isPositive();
    }

    @Test
    @DisplayName("the configuration is validated: positive priority and outgoing status ids")
    void positiveIds() {
        assertThatThrownBy(() -> connector().priorityId(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("priorityId must be positive, but was 0");
        assertThatThrownBy(() ->
                        connector().outgoingStatus(TicketStatus.WAITING, 0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("outgoingStatus for WAITING must be a positive Redmine status id, but was 0");
        assertThat(connector()
                        .priorityId(1)
                        .outgoingStatus(TicketStatus.WAITING, 1)
                        .build()
                        .name())
                .isEqualTo("redmine");
        assertThat(RedmineDesk.builder().baseUrl("http://h").project("q").toString())
                .isEqualTo("RedmineDesk.Builder[http://h, project q]");
        assertThat(desk.forInstallation(org.entsupport.core.desk.InstallationId.of("lyon"))
                        .toString())
                .isEqualTo("RedmineDesk[" + redmine.url() + ", project p, installation lyon]");
    }

    private static StatusChange change(TicketStatus to) {
        return new StatusChange(
                CHANGE_IDS.incrementAndGet(), TicketStatus.OPENED, to, "Alice Élève", true, Instant.EPOCH);
    }
}

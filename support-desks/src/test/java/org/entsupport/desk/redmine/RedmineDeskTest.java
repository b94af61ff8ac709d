package org.entsupport.desk.redmine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.entsupport.core.desk.DeskAttachment;
import org.entsupport.core.desk.DeskException;
import org.entsupport.core.desk.DeskFileUnavailableException;
import org.entsupport.core.desk.IssueChanges;
import org.entsupport.core.model.TicketStatus;
import org.entsupport.desk.testing.LoopbackServer;
import org.entsupport.desk.testing.LoopbackServer.Answer;
import org.junit.jupiter.api.Test;

/** {@link RedmineDesk} against local servers: redirects, credentials, error mapping, configuration. */
class RedmineDeskTest {

    /** The URL of the server that serves the issue, which its own answer points back to. */
    private final String[] redmineUrl = {""};

    private static final String KEY = "k3y-0123456789";

    private static RedmineDesk desk(String url) {
        return RedmineDesk.builder()
                .baseUrl(url)
                .apiKey(KEY)
                .project("p")
                .trackerId(3)
                .connectTimeout(Duration.ofSeconds(2))
                .requestTimeout(Duration.ofSeconds(5))
                .build();
    }

    @Test
    void apiRedirectToAnotherOriginIsNotFollowed() throws Exception {
        try (LoopbackServer other = new LoopbackServer(r -> Answer.json(200, "{}"));
                LoopbackServer redmine = new LoopbackServer(
                        r -> new Answer(301, Map.of("Location", other.url() + r.path() + "?x=1"), new byte[0]))) {

            assertThatThrownBy(() -> desk(redmine.url()).verify())
                    .isInstanceOf(DeskException.class)
                    .hasMessage("redmine answered 301 to GET /users/current.json (check the API key), redirecting to "
                            + other.url()
                            + "/users/current.json; redirects are not followed, check the desk's base URL")
                    .satisfies(e -> assertThat(((DeskException) e).retryable()).isFalse());
            assertThat(other.requests()).isEmpty();
            assertThat(redmine.requests().get(0).header("X-Redmine-API-Key")).isEqualTo(KEY);
        }
    }

    /** A Redmine stub that knows the API key's account (user 1) and answers everything else with {@code rest}. */
    private static LoopbackServer.Handler redmine(LoopbackServer.Handler rest) {
        return r -> r.path().startsWith("/users/current.json")
                ? Answer.json(200, "{\"user\":{\"id\":1,\"login\":\"connector\"}}")
                : rest.handle(r);
    }

    private static final String ISSUE = """
            {"issue":{"id":7,"subject":"[ENT-42] s","description":"","status":{"id":3,"name":"Resolved"},
             "updated_on":"2026-01-02T10:00:00Z",
             "attachments":[{"id":5,"filename":"log.txt","filesize":3,"content_type":"text/plain",
               "content_url":"%s/attachments/download/5/log.txt"}],
             "journals":[{"id":70,"user":{"id":2,"name":"Agent"},"notes":"see log","created_on":"2026-01-02T10:00:00Z",
               "private_notes":false,"details":[{"property":"attachment","name":"5","old_value":null,"new_value":"log.txt"}]},
              {"id":71,"user":{"id":2,"name":"Agent"},"notes":"","created_on":"2026-01-02T10:00:00Z",
               "private_notes":false,"details":[{"property":"attr","name":"status_id","old_value":"1","new_value":"3"}]}]}}
            """;

    @Test
    void downloadRedirectedWithinTheDeskCarriesTheKeyAndElsewhereIsRefused() throws Exception {
        byte[] content = "log".getBytes(StandardCharsets.UTF_8);
        String[] redirectTo = {""};
        try (LoopbackServer other = new LoopbackServer("127.0.0.2", r -> new Answer(200, Map.of(), content));
                LoopbackServer redmine2 = new LoopbackServer(redmine(r -> {
                    if (r.path().startsWith("/attachments/download/")) {
                        return new Answer(302, Map.of("Location", redirectTo[0]), new byte[0]);
                    }
                    if (r.path().startsWith("/files/")) {
                        return new Answer(200, Map.of(), content);
                    }
                    return Answer.json(200, ISSUE.formatted(redmineUrl[0]));
                }))) {
            redmineUrl[0] = redmine2.url();
            IssueChanges changes = desk(redmine2.url()).changesOf("7");

            assertThat(changes.ticketId()).isEqualTo(42L);
            assertThat(RedmineDesk.DEFAULT_STATUS_MAPPING.map(changes.status())).contains(TicketStatus.RESOLVED);
            assertThat(changes.comments())
                    .as("field-only journals are not comments")
                    .hasSize(1);
            DeskAttachment file = changes.comments().get(0).attachments().get(0);

            redirectTo[0] = redmine2.url() + "/files/log.txt";
            try (InputStream in = file.open()) {
                assertThat(in.readAllBytes()).isEqualTo(content);
            }
            assertThat(redmine2.requests())
                    .filteredOn(r -> r.path().startsWith("/files/"))
                    .singleElement()
                    .satisfies(r -> assertThat(r.header("X-Redmine-API-Key")).isEqualTo(KEY));

            redirectTo[0] = other.url() + "/files/log.txt?sig=secret";
            assertThatThrownBy(file::open)
                    .isInstanceOf(DeskFileUnavailableException.class)
                    .hasMessage("redmine could not download attachment 5 (log.txt): it was redirected to "
                            + other.url() + "/files/log.txt, which is neither the desk's origin (" + redmine2.url()
                            + ") nor one of its attachment hosts []; not fetched");
            assertThat(other.requests()).as("nothing sent to another host").isEmpty();
        }
    }

    @Test
    void downloadsLargerThanTheLimitAreRefused() throws Exception {
        byte[] big = new byte[4096];
        try (LoopbackServer declared = new LoopbackServer(redmine(r -> r.path().startsWith("/attachments/")
                ? new Answer(200, Map.of(), big)
                : Answer.json(200, ISSUE.formatted(redmineUrl[0]))))) {
            redmineUrl[0] = declared.url();
            RedmineDesk small = RedmineDesk.builder()
                    .baseUrl(declared.url())
                    .apiKey(KEY)
                    .project("p")
                    .trackerId(3)
                    .maxDownloadSize(1000)
                    .build();
            DeskAttachment file =
                    small.changesOf("7").comments().get(0).attachments().get(0);

            assertThatThrownBy(file::open)
                    .isInstanceOf(DeskFileUnavailableException.class)
                    .hasMessage("redmine could not download attachment 5 (log.txt): the file has 4096 bytes,"
                            + " more than the limit of 1000");
        }
    }

    @Test
    void aFileTheDeskLostIsUnavailableButADeskThatIsDownIsNot() throws Exception {
        int[] status = {404};
        try (LoopbackServer server = new LoopbackServer(redmine(r -> r.path().startsWith("/attachments/")
                ? Answer.json(status[0], "{}")
                : Answer.json(200, ISSUE.formatted(redmineUrl[0]))))) {
            redmineUrl[0] = server.url();
            DeskAttachment file = desk(server.url())
                    .changesOf("7")
                    .comments()
                    .get(0)
                    .attachments()
                    .get(0);

            assertThatThrownBy(file::open)
                    .isInstanceOf(DeskFileUnavailableException.class)
                    .hasMessageContaining("HTTP 404");
            status[0] = 503;
            assertThatThrownBy(file::open)
                    .isInstanceOf(java.io.IOException.class)
                    .isNotInstanceOf(DeskFileUnavailableException.class)
                    .hasMessageContaining("HTTP 503");
        }
    }

    @Test
    void serverErrorsAreRetryableAndRefusalsPermanent() throws Exception {
        try (LoopbackServer down = new LoopbackServer(redmine(r -> Answer.json(503, "{\"error\":\"maintenance\"}")));
                LoopbackServer refusing = new LoopbackServer(
                        redmine(r -> Answer.json(422, "{\"errors\":[\"Subject cannot be blank\"]}")))) {
            assertThatThrownBy(() -> desk(down.url()).changesOf("7"))
                    .isInstanceOf(DeskException.class)
                    .hasMessage("redmine could not read issue 7 (GET /issues/7.json?include=journals,attachments): "
                            + "HTTP 503: {\"error\":\"maintenance\"}")
                    .satisfies(e -> assertThat(((DeskException) e).retryable()).isTrue());
            assertThatThrownBy(() -> desk(refusing.url()).changesOf("7"))
                    .hasMessageEndingWith("HTTP 422: {\"errors\":[\"Subject cannot be blank\"]}")
                    .satisfies(e -> assertThat(((DeskException) e).retryable()).isFalse());
        }
    }

    @Test
    void unreachableDeskNamesTheDeskTheHostAndWhatFailed() throws IOException {
        int port;
        try (LoopbackServer closed = new LoopbackServer(r -> null)) {
            port = Integer.parseInt(closed.url().substring(closed.url().lastIndexOf(':') + 1));
        }
        assertThatThrownBy(() -> desk("http://127.0.0.1:" + port).verify())
                .isInstanceOf(DeskException.class)
                .hasMessage("redmine at 127.0.0.1:" + port
                        + " could not check the API key (GET /users/current.json): connection refused")
                .satisfies(e -> assertThat(((DeskException) e).retryable()).isTrue());
        assertThatThrownBy(() -> desk("http://desk.invalid").verify())
                .isInstanceOf(DeskException.class)
                .hasMessage("redmine at desk.invalid:80 could not check the API key (GET /users/current.json):"
                        + " host desk.invalid not found")
                .satisfies(e -> assertThat(((DeskException) e).retryable()).isTrue());
    }

    @Test
    void aDeskThatDoesNotAnswerInTimeIsNamed() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        try (LoopbackServer slow = new LoopbackServer(r -> {
            release.await(10, java.util.concurrent.TimeUnit.SECONDS);
            return Answer.json(200, "{}");
        })) {
            RedmineDesk impatient = RedmineDesk.builder()
                    .baseUrl(slow.url())
                    .apiKey(KEY)
                    .project("p")
                    .trackerId(3)
                    .requestTimeout(Duration.ofMillis(200))
                    .build();
            assertThatThrownBy(impatient::verify)
                    .isInstanceOf(DeskException.class)
                    .hasMessage("redmine at " + slow.url().substring("http://".length())
                            + " could not check the API key (GET /users/current.json): no answer within 200 ms")
                    .satisfies(e -> assertThat(((DeskException) e).retryable()).isTrue());
        } finally {
            release.countDown();
        }
    }

    @Test
    void subjectsAreCutOnCodePointsToRedminesLimit() throws Exception {
        List<String> subjects = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (LoopbackServer server = new LoopbackServer(redmine(r -> {
            if (r.method().equals("POST") && r.path().equals("/issues.json")) {
                subjects.add(new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(r.body())
                        .path("issue")
                        .path("subject")
                        .asText());
                return Answer.json(201, "{\"issue\":{\"id\":9,\"status\":{\"id\":1}}}");
            }
            return Answer.json(200, "{\"issues\":[],\"total_count\":0}");
        }))) {
            // "[ENT-42] " is 9 chars; 244 "a" put the 254th UTF-16 unit on the high half of an emoji
            String subject = "a".repeat(244) + "😀".repeat(20);
            desk(server.url())
                    .open(
                            org.entsupport.core.desk.EscalationRequest.builder(42)
                                    .subject(subject)
                                    .description("d")
                                    .category("c", "C")
                                    .requester("u", "U")
                                    .school("s", "S")
                                    .escalatedBy("a", "A")
                                    .created(java.time.Instant.EPOCH)
                                    .build(),
                            "k");
        }
        String sent = subjects.get(0);
        assertThat(sent.codePointCount(0, sent.length())).isEqualTo(255);
        assertThat(sent).startsWith("[ENT-42] aaa").endsWith("😀…");
        assertThat(sent.chars().filter(c -> Character.isSurrogate((char) c)).count() % 2)
                .as("no half surrogate pair")
                .isZero();
    }

    @Test
    void configurationIsValidatedAndKeyHidden() {
        assertThatThrownBy(() -> RedmineDesk.builder()
                        .baseUrl("http://h")
                        .apiKey("k")
                        .project("p")
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("trackerId must be positive, but was 0");
        assertThatThrownBy(() -> RedmineDesk.builder()
                        .baseUrl("ftp://h")
                        .apiKey("k")
                        .project("p")
                        .trackerId(1)
                        .build())
                .hasMessage("baseUrl must be an http or https URL without user, query or fragment, but was 'ftp://h'");
        assertThatThrownBy(() -> RedmineDesk.builder()
                        .baseUrl("http://h")
                        .apiKey("k")
                        .project("p")
                        .trackerId(1)
                        .overlap(Duration.ofHours(2))
                        .build())
                .hasMessage("overlap must be between PT0S and PT1H, but was PT2H");
        assertThatThrownBy(() -> RedmineDesk.builder()
                        .baseUrl("http://h")
                        .apiKey("k")
                        .project("p")
                        .trackerId(1)
                        .pageSize(500)
                        .build())
                .hasMessage("pageSize must be between 1 and 100, but was 500");
        RedmineDesk desk = RedmineDesk.builder()
                .baseUrl("http://h/redmine/")
                .apiKey(KEY)
                .project("p")
                .trackerId(1)
                .build();
        assertThat(desk.toString())
                .isEqualTo("RedmineDesk[http://h/redmine, project p]")
                .doesNotContain(KEY);
        assertThat(RedmineDesk.DEFAULT_STATUS_MAPPING.map("4")).contains(TicketStatus.WAITING);
        assertThat(RedmineDesk.DEFAULT_STATUS_MAPPING.map("6")).contains(TicketStatus.CLOSED);
    }
}

package org.entsupport.desk.redmine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.entsupport.core.desk.DeskAttachment;
import org.entsupport.core.desk.DeskException;
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

    @Test
    void downloadRedirectedToAnotherOriginCarriesNoKey() throws Exception {
        byte[] content = "log".getBytes(StandardCharsets.UTF_8);
        try (LoopbackServer other = new LoopbackServer(r -> new Answer(200, Map.of(), content))) {
            String issue = """
                    {"issue":{"id":7,"subject":"[ENT-42] s","description":"","status":{"id":3,"name":"Resolved"},
                     "updated_on":"2026-01-02T10:00:00Z",
                     "attachments":[{"id":5,"filename":"log.txt","filesize":3,"content_type":"text/plain",
                       "content_url":"%s/attachments/download/5/log.txt"}],
                     "journals":[{"id":70,"user":{"id":1,"name":"Agent"},"notes":"see log","created_on":"2026-01-02T10:00:00Z",
                       "private_notes":false,"details":[{"property":"attachment","name":"5","old_value":null,"new_value":"log.txt"}]},
                      {"id":71,"user":{"id":1,"name":"Agent"},"notes":"","created_on":"2026-01-02T10:00:00Z",
                       "private_notes":false,"details":[{"property":"attr","name":"status_id","old_value":"1","new_value":"3"}]}]}}
                    """;
            try (LoopbackServer redmine2 = new LoopbackServer(r -> r.path().startsWith("/attachments/")
                    ? new Answer(302, Map.of("Location", other.url() + "/files/log.txt"), new byte[0])
                    : Answer.json(200, issue.formatted(redmineUrl[0])))) {
                redmineUrl[0] = redmine2.url();
                IssueChanges changes = desk(redmine2.url()).changesOf("7");

                assertThat(changes.ticketId()).isEqualTo(42L);
                assertThat(RedmineDesk.DEFAULT_STATUS_MAPPING.map(changes.status()))
                        .contains(TicketStatus.RESOLVED);
                assertThat(changes.comments())
                        .as("field-only journals are not comments")
                        .hasSize(1);
                DeskAttachment file = changes.comments().get(0).attachments().get(0);
                try (InputStream in = file.open()) {
                    assertThat(in.readAllBytes()).isEqualTo(content);
                }
                assertThat(redmine2.requests().get(1).header("X-Redmine-API-Key"))
                        .isEqualTo(KEY);
                assertThat(other.requests()).hasSize(1);
                assertThat(other.requests().get(0).header("X-Redmine-API-Key")).isNull();
            }
        }
    }

    @Test
    void serverErrorsAreRetryableAndRefusalsPermanent() throws Exception {
        try (LoopbackServer down = new LoopbackServer(r -> Answer.json(503, "{\"error\":\"maintenance\"}"));
                LoopbackServer refusing =
                        new LoopbackServer(r -> Answer.json(422, "{\"errors\":[\"Subject cannot be blank\"]}"))) {
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
    void unreachableDeskIsRetryable() throws IOException {
        int port;
        try (LoopbackServer closed = new LoopbackServer(r -> null)) {
            port = Integer.parseInt(closed.url().substring(closed.url().lastIndexOf(':') + 1));
        }
        assertThatThrownBy(() -> desk("http://127.0.0.1:" + port).verify())
                .isInstanceOf(DeskException.class)
                .hasMessageStartingWith("redmine could not check the API key (GET /users/current.json): ")
                .hasMessageContaining("ConnectException")
                .satisfies(e -> assertThat(((DeskException) e).retryable()).isTrue());
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

package org.entsupport.desk.redmine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The Redmine of {@code redmine-up.sh} set up the way a support team runs it: the connector writes
 * with an account of its own (a member of the project, role Manager), agents work as the
 * administrator. Also a second project the connector is a member of (issues moved there are still
 * followed), a third one it is not (issues moved there are no longer visible), and a Reporter account
 * whose workflow may close but not resolve. Idempotent: what exists is reused, so runs and parallel
 * builds share one Redmine.
 */
final class RedmineAccounts {

    static final String MOVED_PROJECT = "ent-support-moved";
    static final String HIDDEN_PROJECT = "ent-support-hidden";
    private static final int MANAGER = 3;
    private static final int REPORTER = 5;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    final String url;
    final String adminKey;
    final String project;
    final String connectorKey;
    final String reporterKey;

    private RedmineAccounts(String url, String adminKey, String project) throws Exception {
        this.url = url;
        this.adminKey = adminKey;
        this.project = project;
        ensureProject(MOVED_PROJECT, "ENT support (moved)");
        ensureProject(HIDDEN_PROJECT, "ENT support (other team)");
        long connector = ensureUser("ent-connector", "ENT", "Connector");
        long reporter = ensureUser("ent-reporter", "ENT", "Reporter");
        ensureMember(project, connector, MANAGER);
        ensureMember(MOVED_PROJECT, connector, MANAGER);
        ensureMember(project, reporter, REPORTER);
        this.connectorKey = apiKey(connector);
        this.reporterKey = apiKey(reporter);
    }

    private static @Nullable RedmineAccounts instance;

    /** The accounts, set up once per JVM (call after {@link RedmineEnv#require}). */
    static synchronized RedmineAccounts get() throws Exception {
        if (instance == null) {
            instance = new RedmineAccounts(
                    RedmineEnv.get("REDMINE_URL"),
                    RedmineEnv.get("REDMINE_API_KEY"),
                    RedmineEnv.get("REDMINE_PROJECT"));
        }
        return instance;
    }

    private void ensureProject(String identifier, String name) throws Exception {
        if (status("GET", "/projects/" + identifier + ".json", null) == 200) {
            return;
        }
        int created = status(
                "POST",
                "/projects.json",
                Map.of(
                        "project",
                        Map.of(
                                "name",
                                name,
                                "identifier",
                                identifier,
                                "is_public",
                                false,
                                "enabled_module_names",
                                List.of("issue_tracking"),
                                "tracker_ids",
                                List.of(1, 2, 3))));
        assertThat(status("GET", "/projects/" + identifier + ".json", null))
                .as("project %s (creation answered %s)", identifier, created)
                .isEqualTo(200);
    }

    private long ensureUser(String login, String first, String last) throws Exception {
        for (int attempt = 0; attempt < 2; attempt++) {
            for (JsonNode u : call(
                            "GET", "/users.json?status=&name=" + URLEncoder.encode(login, StandardCharsets.UTF_8), null)
                    .path("users")) {
                if (login.equals(u.path("login").asText())) {
                    return u.path("id").asLong();
                }
            }
            status(
                    "POST",
                    "/users.json",
                    Map.of(
                            "user",
                            Map.of(
                                    "login",
                                    login,
                                    "firstname",
                                    first,
                                    "lastname",
                                    last,
                                    "mail",
                                    login + "@example.org",
                                    "password",
                                    "not-used-" + login)));
        }
        throw new AssertionError("could not create Redmine user " + login);
    }

    private void ensureMember(String projectId, long user, int role) throws Exception {
        for (JsonNode m : call("GET", "/projects/" + projectId + "/memberships.json?limit=100", null)
                .path("memberships")) {
            if (m.path("user").path("id").asLong() == user) {
                return;
            }
        }
        status(
                "POST",
                "/projects/" + projectId + "/memberships.json",
                Map.of("membership", Map.of("user_id", user, "role_ids", List.of(role))));
    }

    private String apiKey(long user) throws Exception {
        String key = call("GET", "/users/" + user + ".json", null)
                .path("user")
                .path("api_key")
                .asText("");
        assertThat(key).as("api key of user %s", user).isNotBlank();
        return key;
    }

    /** A call as the administrator (an agent), which must succeed. */
    JsonNode call(String method, String path, @Nullable Object body) throws Exception {
        HttpResponse<byte[]> r = send(method, path, body);
        assertThat(r.statusCode())
                .as("%s %s: %s", method, path, new String(r.body(), StandardCharsets.UTF_8))
                .isBetween(200, 299);
        return r.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(r.body());
    }

    private int status(String method, String path, @Nullable Object body) throws Exception {
        return send(method, path, body).statusCode();
    }

    private HttpResponse<byte[]> send(String method, String path, @Nullable Object body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path))
                .header("X-Redmine-API-Key", adminKey)
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(
                                        body instanceof byte[] bytes ? bytes : JSON.writeValueAsBytes(body)));
        if (body != null) {
            b.header("Content-Type", body instanceof byte[] ? "application/octet-stream" : "application/json");
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Changes fields of an issue as an agent. */
    void update(String issueId, Map<String, Object> fields) throws Exception {
        call("PUT", "/issues/" + issueId + ".json", Map.of("issue", fields));
    }

    /** Uploads a file as an agent and returns its token. */
    String upload(String fileName, byte[] content) throws Exception {
        return call("POST", "/uploads.json?filename=" + URLEncoder.encode(fileName, StandardCharsets.UTF_8), content)
                .path("upload")
                .path("token")
                .asText();
    }

    /** The id of the issue's last journal. */
    String lastJournal(String issueId) throws Exception {
        JsonNode journals = call("GET", "/issues/" + issueId + ".json?include=journals", null)
                .path("issue")
                .path("journals");
        return journals.get(journals.size() - 1).path("id").asText();
    }
}

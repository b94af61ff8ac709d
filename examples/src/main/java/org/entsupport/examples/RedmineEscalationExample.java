package org.entsupport.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.entsupport.desk.redmine.RedmineDesk;
import org.entsupport.jdbc.SupportJdbc;

/**
 * The quick start's flow against a real Redmine: requests are escalated to a Redmine project and the
 * agents' answers come back. Configure it with the variables that {@code ../shared/tools/redmine-up.sh}
 * prints: {@code REDMINE_URL}, {@code REDMINE_API_KEY} and {@code REDMINE_PROJECT}.
 *
 * <pre>
 * eval "$(../shared/tools/redmine-up.sh)"
 * mvn -q -pl examples -am compile exec:java -Dexec.mainClass=org.entsupport.examples.RedmineEscalationExample
 * </pre>
 */
public final class RedmineEscalationExample {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RedmineEscalationExample() {}

    /** Runs the example; exits with status 2 when Redmine is not configured. */
    public static void main(String[] args) throws Exception {
        Locale locale = args.length > 0 && args[0].startsWith("en") ? Locale.ENGLISH : Locale.FRENCH;
        String url = System.getenv("REDMINE_URL");
        String key = System.getenv("REDMINE_API_KEY");
        String project = System.getenv("REDMINE_PROJECT");
        if (url == null || key == null || project == null) {
            System.err.println("Set REDMINE_URL, REDMINE_API_KEY and REDMINE_PROJECT, for instance with "
                    + "eval \"$(../shared/tools/redmine-up.sh)\"");
            System.exit(2);
        }
        run(System.out, locale, url, key, project);
    }

    static void run(PrintStream out, Locale locale, String url, String apiKey, String project) throws Exception {
        RedmineDesk redmine = RedmineDesk.builder()
                .baseUrl(url)
                .apiKey(apiKey)
                .project(project)
                .trackerId(3)
                // each run starts a new embedded database whose ticket numbers start at 1 again:
                // a marker of its own keeps its issues apart from earlier runs'
                .markerPrefix(
                        "EX" + Long.toString(System.currentTimeMillis(), 36).toUpperCase(Locale.ROOT))
                .build();
        redmine.verify();
        HttpClient http = HttpClient.newHttpClient();
        try (SupportJdbc jdbc = SupportJdbc.builder().build()) {
            new SupportTour(out, locale)
                    .run(jdbc.store(), jdbc.newsFeed(), jdbc.attachmentStore(), redmine, (issue, text) -> {
                        // an agent answers in Redmine: a public note on the issue
                        String body = JSON.writeValueAsString(Map.of("issue", Map.of("notes", text)));
                        HttpResponse<String> r = http.send(
                                HttpRequest.newBuilder(URI.create(url + "/issues/" + issue + ".json"))
                                        .header("X-Redmine-API-Key", apiKey)
                                        .header("Content-Type", "application/json")
                                        .PUT(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() / 100 != 2) {
                            throw new IllegalStateException("Redmine refused the answer: HTTP " + r.statusCode());
                        }
                    });
        }
    }
}

package org.entsupport.desk.redmine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.entsupport.core.Actor;
import org.entsupport.core.NewComment;
import org.entsupport.core.NewTicket;
import org.entsupport.core.Support;
import org.entsupport.core.memory.InMemoryTicketStore;
import org.entsupport.core.model.Comment;
import org.entsupport.core.model.EscalationStatus;
import org.entsupport.core.model.Origin;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketStatus;
import org.entsupport.core.model.TimelineEntry;
import org.entsupport.notify.Notification;
import org.entsupport.notify.NotificationType;
import org.entsupport.notify.Notifier;
import org.entsupport.notify.Recipient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole escalation against a real Redmine, through the facade: a request with two comments is
 * escalated, the desk answers with a public journal and a private note and resolves the issue; one
 * sync brings exactly the public journal and the status, with notifications; a second sync changes
 * nothing.
 */
class RedmineEscalationIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A real one-pixel PNG screenshot. */
    private static final byte[] PNG = java.util.Base64.getDecoder()
            .decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static String url = "";
    private static String key = "";
    private static String project = "";

    @BeforeAll
    static void redmine() {
        RedmineEnv.require("Redmine escalation IT");
        url = RedmineEnv.get("REDMINE_URL");
        key = RedmineEnv.get("REDMINE_API_KEY");
        project = RedmineEnv.get("REDMINE_PROJECT");
    }

    @Test
    void escalateAnswerPrivatelyResolveAndSyncTwice() throws Exception {
        List<Notification> sent = new CopyOnWriteArrayList<>();
        Notifier recorder = new Notifier() {
            @Override
            public String name() {
                return "recorder";
            }

            @Override
            public void deliver(Notification n) {
                sent.add(n);
            }
        };
        RedmineDesk desk = RedmineDesk.builder()
                .baseUrl(url)
                .apiKey(key)
                .project(project)
                .trackerId(3)
                .overlap(Duration.ofSeconds(1))
                // this Redmine outlives the in-memory store: a marker of its own keeps ticket numbers apart
                .markerPrefix("IT" + Long.toString(System.nanoTime(), 36).toUpperCase(java.util.Locale.ROOT))
                .build();
        Support support = Support.builder()
                .store(new InMemoryTicketStore())
                .directory(school -> Set.of("u-admin", "u-admin2"))
                .escalationEnabled(school -> true)
                .desk(desk)
                .attachmentStore(new org.entsupport.core.attachment.InMemoryAttachmentStore())
                .notifier(recorder)
                .linkTemplate("https://ent.example/support#/ticket/{id}")
                .build();
        Actor owner = Actor.user("u-owner", "Olivia Owner").memberOf("s1").build();
        Actor admin = Actor.user("u-admin", "Adam Admin")
                .adminOf("s1")
                .mayEscalateIn("s1")
                .build();

        Ticket t = support.create(
                owner,
                NewTicket.builder()
                        .school("s1")
                        .category("/homeworks")
                        .subject("Emploi du temps vide " + System.nanoTime())
                        .description("Depuis lundi la page reste blanche.")
                        .file(org.entsupport.core.attachment.NewFile.of("capture-ecran.png", PNG))
                        .build());
        support.comment(admin, t.id(), NewComment.of("Quel navigateur ?"));
        support.comment(owner, t.id(), NewComment.of("Firefox 128."));
        support.escalate(admin, t.id());
        support.relay().deliverAllDue();

        Ticket escalated = support.get(admin, t.id());
        assertThat(escalated.escalationStatus()).isEqualTo(EscalationStatus.SUCCESSFUL);
        String issueId = escalated.escalation().externalId();
        JsonNode issue = call("GET", "/issues/" + issueId + ".json?include=attachments", null)
                .path("issue");
        assertThat(issue.path("description").asText())
                .contains("Depuis lundi la page reste blanche.", "Quel navigateur ?", "Firefox 128.");
        assertThat(issue.path("attachments")).singleElement().satisfies(a -> {
            assertThat(a.path("filename").asText()).isEqualTo("capture-ecran.png");
            assertThat(a.path("filesize").asLong()).isEqualTo(PNG.length);
        });

        put(issueId, Map.of("notes", "Corrigé : videz le cache puis rechargez."));
        put(issueId, Map.of("notes", "Note interne : bug connu #4711", "private_notes", true));
        put(issueId, Map.of("status_id", 3));
        sent.clear();

        assertThat(support.syncDesks()).isEqualTo(1);
        support.relay().deliverAllDue();

        List<Comment> deskComments = deskComments(support, admin, t.id());
        assertThat(deskComments).singleElement().satisfies(c -> {
            assertThat(c.body()).isEqualTo("Corrigé : videz le cache puis rechargez.");
            assertThat(c.externalId()).isNotBlank();
        });
        assertThat(support.get(owner, t.id()).status()).isEqualTo(TicketStatus.RESOLVED);
        assertThat(sent)
                .extracting(Notification::type)
                .containsExactlyInAnyOrder(NotificationType.DESK_REPLIED, NotificationType.DESK_STATUS_CHANGED);
        assertThat(sent)
                .allSatisfy(n -> assertThat(n.recipients())
                        .extracting(Recipient::userId)
                        .containsExactlyInAnyOrder("u-owner", "u-admin", "u-admin2"));

        sent.clear();
        Thread.sleep(1_200);
        assertThat(support.syncDesks()).isZero();
        support.relay().deliverAllDue();
        assertThat(deskComments(support, admin, t.id())).hasSize(1);
        assertThat(sent).isEmpty();
    }

    private static List<Comment> deskComments(Support support, Actor actor, long ticketId) {
        return support.timeline(actor, ticketId).stream()
                .filter(e -> e instanceof TimelineEntry.CommentEntry)
                .map(e -> ((TimelineEntry.CommentEntry) e).comment())
                .filter(c -> c.origin() == Origin.DESK)
                .toList();
    }

    private static void put(String issueId, Map<String, Object> fields) throws Exception {
        call("PUT", "/issues/" + issueId + ".json", JSON.writeValueAsBytes(Map.of("issue", fields)));
    }

    private static JsonNode call(String method, String path, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path))
                .header("X-Redmine-API-Key", key)
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<byte[]> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode())
                .as("%s %s: %s", method, path, new String(r.body(), StandardCharsets.UTF_8))
                .isBetween(200, 299);
        return r.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(r.body());
    }
}

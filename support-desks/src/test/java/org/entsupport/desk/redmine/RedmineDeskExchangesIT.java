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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The library's side of the desk exchanges against a real Redmine, through the facade: an agent's note that
 * quotes ours is imported once, a comment with marker-like text is posted once, our resolution reaches the
 * issue's status, and an issue deleted on Redmine fails the escalation, tells the référents and allows a new
 * hand-over.
 */
class RedmineDeskExchangesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static String url = "";
    private static String key = "";
    private static String project = "";

    private final List<Notification> sent = new CopyOnWriteArrayList<>();
    private Support support;
    private final Actor owner =
            Actor.user("u-owner", "Olivia Owner").memberOf("s1").build();
    private final Actor admin = Actor.user("u-admin", "Adam Admin")
            .adminOf("s1")
            .mayEscalateIn("s1")
            .build();

    @BeforeAll
    static void redmine() {
        RedmineEnv.require("Redmine desk exchanges IT");
        url = RedmineEnv.get("REDMINE_URL");
        key = RedmineEnv.get("REDMINE_API_KEY");
        project = RedmineEnv.get("REDMINE_PROJECT");
    }

    private Support support() {
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
                .build();
        return Support.builder()
                .store(new InMemoryTicketStore())
                .directory(school -> Set.of("u-admin"))
                .escalationEnabled(school -> true)
                .desk(desk)
                .notifier(recorder)
                .linkTemplate("https://ent.example/support#/ticket/{id}")
                .build();
    }

    private Ticket escalated(String subject) {
        Ticket t = support.create(
                owner,
                NewTicket.builder()
                        .school("s1")
                        .category("/homeworks")
                        .subject(subject + " " + System.nanoTime())
                        .description("Description")
                        .build());
        support.escalate(admin, t.id());
        support.relay().deliverAllDue();
        Ticket e = support.get(admin, t.id());
        assertThat(e.escalationStatus()).isEqualTo(EscalationStatus.SUCCESSFUL);
        return e;
    }

    @Test
    void aQuotingNoteIsImportedOnceAndAMarkerLikeCommentIsPostedOnce() throws Exception {
        support = support();
        Ticket t = escalated("Citation");
        String issue = t.escalation().externalId();
        support.comment(owner, t.id(), NewComment.of("Voir [ENT-comment-3] plus haut"));
        support.relay().deliverAllDue();
        support.relay().deliverAllDue();
        List<JsonNode> notes = notes(issue);
        assertThat(notes)
                .filteredOn(n -> n.asText().contains("[ENT-comment-3]"))
                .hasSize(1);

        // the same account, as an agent working from it: a quote is not in the form the connector posts
        put(issue, Map.of("notes", "> " + notes.get(0).asText().replace("\n", "\n> ") + "\n\nC'est corrigé."));
        support.syncDesks();
        Thread.sleep(1_200);
        support.syncDesks();
        assertThat(deskComments(t.id()))
                .singleElement()
                .satisfies(c -> assertThat(c.body()).contains("C'est corrigé."));
        assertThat(support.relay().deadMessages(10)).isEmpty();
    }

    @Test
    void ourResolutionReachesTheIssueStatus() throws Exception {
        support = support();
        Ticket t = escalated("Résolue chez nous");
        support.changeStatus(owner, t.id(), TicketStatus.RESOLVED, t.version());
        support.relay().deliverAllDue();
        JsonNode issue = call("GET", "/issues/" + t.escalation().externalId() + ".json", null)
                .path("issue");
        assertThat(issue.path("status").path("id").asInt()).isEqualTo(3);
    }

    @Test
    void anIssueDeletedOnRedmineFailsTheEscalationAndAllowsANewHandOver() throws Exception {
        support = support();
        Ticket t = escalated("Supprimée");
        String issue = t.escalation().externalId();
        call("DELETE", "/issues/" + issue + ".json", null);
        sent.clear();

        support.syncDesks(); // the first poll checks the followed issues
        support.relay().deliverAllDue();
        Ticket failed = support.get(admin, t.id());
        assertThat(failed.escalationStatus()).isEqualTo(EscalationStatus.FAILED);
        assertThat(failed.status()).isEqualTo(TicketStatus.NEW);
        assertThat(sent).extracting(Notification::type).contains(NotificationType.DESK_ISSUE_GONE);

        support.escalate(admin, t.id());
        support.relay().deliverAllDue();
        Ticket again = support.get(admin, t.id());
        assertThat(again.escalationStatus()).isEqualTo(EscalationStatus.SUCCESSFUL);
        // a new issue (Redmine on SQLite may give it the deleted one's number again)
        JsonNode reopened = call("GET", "/issues/" + again.escalation().externalId() + ".json", null)
                .path("issue");
        assertThat(reopened.path("subject").asText()).contains(t.subject());
        assertThat(reopened.path("status").path("id").asInt()).isEqualTo(1);
    }

    private List<Comment> deskComments(long ticketId) {
        return support.timeline(admin, ticketId).stream()
                .filter(e -> e instanceof TimelineEntry.CommentEntry)
                .map(e -> ((TimelineEntry.CommentEntry) e).comment())
                .filter(c -> c.origin() == Origin.DESK)
                .toList();
    }

    private static List<JsonNode> notes(String issue) throws Exception {
        JsonNode journals = call("GET", "/issues/" + issue + ".json?include=journals", null)
                .path("issue")
                .path("journals");
        java.util.ArrayList<JsonNode> notes = new java.util.ArrayList<>();
        journals.forEach(j -> {
            if (!j.path("notes").asText().isEmpty()) {
                notes.add(j.path("notes"));
            }
        });
        return notes;
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

package org.entsupport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entsupport.http.Fixture.ALICE;
import static org.entsupport.http.Fixture.BRUNO;
import static org.entsupport.http.Fixture.CHLOE;
import static org.entsupport.http.Fixture.ROOT;
import static org.entsupport.http.Fixture.ZOE;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.entsupport.core.model.EscalationStatus;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketStatus;
import org.junit.jupiter.api.Test;

/** Timeline, comments, files, escalation, bulk operations, capabilities, categories and the caller. */
class ConversationRoutesTest {

    private final Fixture f = new Fixture();

    @Test
    void createWithAScreenshotKeepsTheSniffedTypeAndServesItAsADownload() throws IOException {
        Fixture.Req req = f.req("POST", "/tickets", ALICE);
        new Fixture.Form()
                .field("school", "school-1")
                .field("category", "/blog")
                .field("subject", "Écran blanc")
                .field("description", "Voir la capture\r\nci-jointe.")
                .file("files", "capture écran.html", "text/html", Fixture.png())
                .applyTo(req);
        Fixture.Res r = req.send();
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        long id = r.json().path("id").asLong();
        assertThat(r.json().path("description").asText()).isEqualTo("Voir la capture\nci-jointe.");
        assertThat(r.json().path("attachmentCount").asInt()).isEqualTo(1);

        JsonNode timeline =
                f.req("GET", "/tickets/" + id + "/timeline", ALICE).send().json();
        JsonNode attachment = timeline.path("attachments").get(0);
        assertThat(attachment.path("mediaType").asText()).isEqualTo("image/png");
        assertThat(attachment.has("storageKey")).isFalse();

        Fixture.Res download = f.req(
                        "GET",
                        "/tickets/" + id + "/attachments/"
                                + attachment.path("id").asLong(),
                        BRUNO)
                .send();
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.header("Content-Type")).isEqualTo("image/png");
        assertThat(download.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(download.header("Content-Disposition"))
                .startsWith("attachment; filename=\"capture _cran.html.png\"")
                .contains("filename*=UTF-8''capture%20%C3%A9cran.html.png");
        assertThat(download.body()).isEqualTo(Fixture.png());
        assertThat(attachment.path("href").asText())
                .isEqualTo("/api/v1/tickets/" + id + "/attachments/"
                        + attachment.path("id").asLong());
    }

    @Test
    void downloadsAreStreamedInChunksNotBuffered() throws IOException {
        Ticket t = f.file(ALICE, "school-1", "Log");
        byte[] log = "ligne de journal\n".repeat(300_000).getBytes(StandardCharsets.UTF_8); // ~5 MB text
        f.support.attach(ALICE, t.id(), List.of(org.entsupport.core.attachment.NewFile.of("app.log", log)));
        long attachmentId = f.support.attachments(ALICE, t.id()).get(0).id();
        List<Integer> writes = new ArrayList<>();
        long[] total = {0};
        try (ApiResponse r =
                f.api.handle(ApiRequest.builder("GET", "/api/v1/tickets/" + t.id() + "/attachments/" + attachmentId)
                        .header("X-Test-User", "u-alice")
                        .build())) {
            assertThat(r.header("Content-Type")).contains("text/plain; charset=UTF-8");
            assertThat(r.header("Content-Length")).contains(Integer.toString(log.length));
            r.writeBody(new OutputStream() {
                @Override
                public void write(int b) {
                    writes.add(1);
                    total[0]++;
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    writes.add(len);
                    total[0] += len;
                }
            });
        }
        assertThat(total[0]).isEqualTo(log.length);
        assertThat(writes.size()).isGreaterThan(10);
        assertThat(writes.stream().mapToInt(Integer::intValue).max().orElseThrow())
                .isLessThanOrEqualTo(256 * 1024);
    }

    @Test
    void aCommentOnAForeignTicketIs404AndItsFilesAreNeverRead() {
        Ticket t = f.file(ALICE, "school-1", "Private");
        AtomicBoolean opened = new AtomicBoolean();
        Fixture.Res r = f.req("POST", "/tickets/" + t.id() + "/comments", CHLOE)
                .header("Content-Type", "multipart/form-data; boundary=x")
                .body(() -> {
                    opened.set(true);
                    return InputStreamOf.empty();
                })
                .send();
        assertThat(r.status()).isEqualTo(404);
        assertThat(opened).isFalse();
    }

    /** Empty streams. */
    static final class InputStreamOf {
        static java.io.InputStream empty() {
            return java.io.InputStream.nullInputStream();
        }
    }

    @Test
    void commentsWithFilesAndTheTimelineInTheReadersLanguage() {
        Ticket t = f.file(ALICE, "school-1", "Question");
        Fixture.Res json = f.req("POST", "/tickets/" + t.id() + "/comments", BRUNO)
                .json("{\"body\":\"Quel navigateur utilisez-vous ?\"}")
                .send();
        assertThat(json.status()).isEqualTo(201);
        assertThat(json.json().path("comment").path("authorName").asText()).isEqualTo("Bruno Durand");
        assertThat(json.json().path("ticket").path("status").asText()).isEqualTo("OPENED");
        assertThat(json.header("ETag"))
                .isEqualTo("\"" + json.json().path("ticket").path("version").asLong() + "\"");

        Fixture.Req req = f.req("POST", "/tickets/" + t.id() + "/comments", ALICE);
        new Fixture.Form()
                .field("body", "Firefox, voici la capture")
                .file("files", "capture.png", "image/png", Fixture.png())
                .applyTo(req);
        Fixture.Res multipart = req.send();
        assertThat(multipart.status()).as(multipart.text()).isEqualTo(201);

        Fixture.Res en = f.req("GET", "/tickets/" + t.id() + "/timeline", ALICE)
                .header("Accept-Language", "en-GB,en;q=0.8")
                .send();
        Fixture.Res fr = f.req("GET", "/tickets/" + t.id() + "/timeline", ALICE)
                .header("Accept-Language", "fr")
                .send();
        assertThat(en.header("Content-Language")).isEqualTo("en");
        assertThat(fr.header("Content-Language")).isEqualTo("fr");
        List<String> enTexts = texts(en.json());
        List<String> frTexts = texts(fr.json());
        assertThat(enTexts).contains("Request filed").contains("Bruno Durand: Quel navigateur utilisez-vous ?");
        assertThat(frTexts).doesNotContain("Request filed");
        assertThat(frTexts).hasSameSizeAs(enTexts);
        JsonNode last = en.json().path("entries").get(en.json().path("entries").size() - 1);
        assertThat(last.path("kind").asText()).isIn("comment", "event");
        long withFiles = 0;
        for (JsonNode e : en.json().path("entries")) {
            withFiles += e.path("attachments").size();
        }
        assertThat(withFiles).isEqualTo(1);
    }

    private static List<String> texts(JsonNode timeline) {
        List<String> out = new ArrayList<>();
        timeline.path("entries").forEach(e -> out.add(e.path("text").asText()));
        return out;
    }

    @Test
    void aRefusedFileTypeIs415AndTooLargeA413AndNothingIsKept() {
        Ticket t = f.file(ALICE, "school-1", "Files");
        Fixture.Req html = f.req("POST", "/tickets/" + t.id() + "/comments", ALICE);
        new Fixture.Form()
                .field("body", "voici")
                .file("files", "page.png", "image/png", "<html><script>alert(1)</script></html>".getBytes())
                .applyTo(html);
        Fixture.Res r = html.send();
        assertThat(r.status()).isEqualTo(415);
        assertThat(r.json().path("errors").get(0).path("field").asText()).isEqualTo("attachments");

        Fixture big = new Fixture(b -> b.maxUploadBytes(2048));
        Ticket t2 = big.file(ALICE, "school-1", "Big");
        Fixture.Req req = big.req("POST", "/tickets/" + t2.id() + "/comments", ALICE);
        new Fixture.Form()
                .field("body", "voici")
                .file("files", "big.txt", "text/plain", new byte[4096])
                .applyTo(req);
        Fixture.Res tooLarge = req.send();
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(big.support.get(ALICE, t2.id()).commentCount()).isZero();
        assertThat(f.support.get(ALICE, t.id()).commentCount()).isZero();
    }

    @Test
    void aFailedEscalationShowsTheDesksWordsToAdminsAndASentenceToTheRequester() {
        Ticket t = f.file(ALICE, "school-1", "Escalate me");
        f.desk.refuse("quota exceeded for project ent-42");
        assertThat(f.req("POST", "/tickets/" + t.id() + "/escalation", BRUNO)
                        .send()
                        .status())
                .isEqualTo(202);
        f.support.relay().deliverDue();
        assertThat(f.support.get(ROOT, t.id()).escalationStatus()).isEqualTo(EscalationStatus.FAILED);

        JsonNode admin = f.req("GET", "/tickets/" + t.id(), BRUNO).send().json();
        assertThat(admin.path("escalation").path("failure").asText()).contains("quota exceeded");
        JsonNode requester = f.req("GET", "/tickets/" + t.id(), ALICE)
                .header("Accept-Language", "fr")
                .send()
                .json();
        assertThat(requester.path("escalation").path("failure").asText())
                .doesNotContain("quota")
                .startsWith("Le support n'a pas pu prendre la demande en charge");
        JsonNode listed = f.req("GET", "/tickets", ALICE)
                .header("Accept-Language", "en")
                .send()
                .json();
        assertThat(listed.path("items")
                        .get(0)
                        .path("escalation")
                        .path("failure")
                        .asText())
                .doesNotContain("quota")
                .startsWith("The support desk could not take the request");
    }

    @Test
    void escalationIsAcceptedFor202AndRefusedWith403Or409() {
        Ticket t = f.file(ALICE, "school-1", "Escalate me");
        Fixture.Res owner =
                f.req("POST", "/tickets/" + t.id() + "/escalation", ALICE).send();
        assertThat(owner.status()).isEqualTo(403);
        Fixture.Res ok =
                f.req("POST", "/tickets/" + t.id() + "/escalation", BRUNO).send();
        assertThat(ok.status()).isEqualTo(202);
        assertThat(ok.json().path("escalationStatus").asText()).isEqualTo("IN_PROGRESS");
        Fixture.Res again =
                f.req("POST", "/tickets/" + t.id() + "/escalation", BRUNO).send();
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("type").asText()).isEqualTo("urn:entsupport:problem:escalation-not-allowed");
    }

    @Test
    void capabilitiesFollowTheWorkflowAndTheRights() {
        Ticket t = f.file(ALICE, "school-1", "Caps");
        JsonNode owner = f.req("GET", "/tickets/" + t.id() + "/capabilities", ALICE)
                .send()
                .json();
        assertThat(owner.path("escalate").asBoolean()).isFalse();
        assertThat(owner.path("statuses").toString()).isEqualTo("[\"RESOLVED\"]");
        JsonNode admin = f.req("GET", "/tickets/" + t.id() + "/capabilities", BRUNO)
                .send()
                .json();
        assertThat(admin.path("escalate").asBoolean()).isTrue();
        assertThat(admin.path("statuses").toString()).isEqualTo("[\"OPENED\",\"RESOLVED\",\"CLOSED\",\"WAITING\"]");
        Ticket other = f.file(CHLOE, "school-2", "No desk there");
        JsonNode zoe = f.req("GET", "/tickets/" + other.id() + "/capabilities", ZOE)
                .send()
                .json();
        assertThat(zoe.path("escalate").asBoolean())
                .as("no right, escalation disabled")
                .isFalse();
        f.support.escalate(BRUNO, t.id());
        assertThat(f.support.get(ROOT, t.id()).escalationStatus()).isEqualTo(EscalationStatus.IN_PROGRESS);
        assertThat(f.req("GET", "/tickets/" + t.id() + "/capabilities", BRUNO)
                        .send()
                        .json()
                        .path("escalate")
                        .asBoolean())
                .isFalse();
        assertThat(f.req("GET", "/tickets/" + t.id() + "/capabilities", ALICE)
                        .send()
                        .json()
                        .path("editDescription")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void bulkStatusAndBulkEscalationReportEachTicket() {
        Ticket a = f.file(ALICE, "school-1", "A");
        Ticket b = f.file(ALICE, "school-1", "B");
        Ticket foreign = f.file(CHLOE, "school-2", "C");
        Fixture.Res r = f.req("POST", "/tickets/bulk/status", BRUNO)
                .header("Accept-Language", "en")
                .json("{\"ids\":[" + a.id() + "," + b.id() + "," + foreign.id() + "],\"status\":\"WAITING\"}")
                .send();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("changed").asLong()).isEqualTo(2);
        assertThat(r.json().path("results").get(2).path("outcome").asText()).isEqualTo("NOT_FOUND");
        assertThat(r.json().path("results").get(2).path("detail").asText()).contains("does not exist");
        assertThat(f.support.get(ROOT, a.id()).status()).isEqualTo(TicketStatus.WAITING);

        Fixture.Res esc = f.req("POST", "/tickets/bulk/escalation", BRUNO)
                .json("{\"ids\":[" + a.id() + "]}")
                .send();
        assertThat(esc.json().path("results").get(0).path("outcome").asText()).isEqualTo("CHANGED");

        Fixture.Res missing = f.req("POST", "/tickets/bulk/status", BRUNO)
                .json("{\"ids\":[" + a.id() + "]}")
                .send();
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.fields()).containsExactly("status");
        Fixture.Res wrong = f.req("POST", "/tickets/bulk/status", BRUNO)
                .json("{\"ids\":[\"one\"],\"status\":\"WAITING\"}")
                .send();
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.fields()).containsExactly("ids[0]");
    }

    @Test
    void categoriesAndTheCallerInTheirLanguage() {
        JsonNode fr = f.req("GET", "/categories", ALICE).send().json();
        assertThat(fr.path("items").toString())
                .isEqualTo("[{\"id\":\"/blog\",\"label\":\"Blog\"},{\"id\":\"/mail\",\"label\":\"Messagerie\"}]");
        JsonNode en = f.req("GET", "/categories", ALICE)
                .header("Accept-Language", "en")
                .send()
                .json();
        assertThat(en.path("items").get(1).path("label").asText()).isEqualTo("Mail");
        JsonNode me = f.req("GET", "/me", BRUNO).send().json();
        assertThat(me.path("userId").asText()).isEqualTo("u-bruno");
        assertThat(me.path("schools").get(0).path("name").asText()).isEqualTo("Collège Jean Moulin");
        assertThat(me.path("schools").get(0).path("admin").asBoolean()).isTrue();
        assertThat(me.path("schools").get(0).path("mayEscalate").asBoolean()).isTrue();
    }

    @Test
    void theCsvExportIsStreamedToAdminsAndRefusedToOthersAsAProblem() throws IOException {
        for (int i = 0; i < 1200; i++) {
            f.file(ALICE, "school-1", "Demande " + i);
        }
        Fixture.Res refused = f.req("GET", "/tickets/export.csv", ALICE).send();
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.header("Content-Type")).isEqualTo("application/problem+json");

        List<Integer> writes = new ArrayList<>();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try (ApiResponse r = f.api.handle(ApiRequest.builder("GET", "/api/v1/tickets/export.csv")
                .header("X-Test-User", "u-bruno")
                .build())) {
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Content-Type")).contains("text/csv; charset=UTF-8");
            assertThat(r.header("Content-Disposition")).contains("attachment; filename=\"tickets.csv\"");
            assertThat(r.header("X-Content-Type-Options")).contains("nosniff");
            r.writeBody(new OutputStream() {
                @Override
                public void write(int b) {
                    all.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    writes.add(len);
                    all.write(b, off, len);
                }
            });
        }
        String csv = all.toString(StandardCharsets.UTF_8);
        assertThat(csv.split("\r\n")).hasSize(1201);
        assertThat(csv).startsWith("id,created,modified,status,school");
        assertThat(writes.size())
                .as("written as it is produced, in several writes")
                .isGreaterThan(1);

        Fixture.Res badFilter =
                f.req("GET", "/tickets/export.csv", BRUNO).query("status=DONE").send();
        assertThat(badFilter.status()).isEqualTo(400);
    }

    @Test
    void exportTakesTheFrenchExcelDialectAndASelectionOfIds() throws Exception {
        long first = f.file(ALICE, "school-1", "Première ; demande").id();
        long second = f.file(ALICE, "school-1", "Seconde").id();
        f.file(ALICE, "school-1", "Pas choisie");
        Fixture.Res r = f.req("GET", "/tickets/export.csv", BRUNO)
                .query("dialect=excel-fr&ids=" + second + "," + first)
                .send();
        assertThat(r.status()).isEqualTo(200);
        String[] lines = r.text().split("\r\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).startsWith("\uFEFFid;created;");
        assertThat(lines[1]).startsWith(second + ";");
        assertThat(lines[2]).startsWith(first + ";").contains(";\"Première ; demande\";");
        assertThat(f.req("GET", "/tickets/export.csv", BRUNO)
                        .query("dialect=excel")
                        .send()
                        .status())
                .isEqualTo(400);
        assertThat(f.req("GET", "/tickets/export.csv", BRUNO)
                        .query("ids=abc")
                        .send()
                        .status())
                .isEqualTo(400);
    }
}

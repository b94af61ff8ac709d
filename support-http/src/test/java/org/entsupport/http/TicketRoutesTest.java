package org.entsupport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entsupport.http.Fixture.ALICE;
import static org.entsupport.http.Fixture.BRUNO;
import static org.entsupport.http.Fixture.CHLOE;
import static org.entsupport.http.Fixture.ROOT;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.entsupport.core.TicketQuery;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketStatus;
import org.junit.jupiter.api.Test;

/** GET/POST /tickets, GET/PATCH /tickets/{id}, counts: the contract of each route. */
class TicketRoutesTest {

    private final Fixture f = new Fixture();

    private long total() {
        return f.support.count(ROOT, TicketQuery.all());
    }

    @Test
    void listPagesWithNextCursorUntilTheEnd() {
        for (int i = 0; i < 5; i++) {
            f.file(ALICE, "school-1", "Demande " + i);
        }
        List<String> subjects = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Fixture.Res r = f.req("GET", "/tickets", BRUNO)
                    .query("limit=2&sort=created&direction=asc" + (cursor == null ? "" : "&cursor=" + cursor))
                    .send();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Content-Type")).isEqualTo("application/json");
            r.json().path("items").forEach(t -> subjects.add(t.path("subject").asText()));
            cursor = r.json().path("next").isNull()
                    ? null
                    : r.json().path("next").asText();
            pages++;
        } while (cursor != null);
        assertThat(subjects).containsExactly("Demande 0", "Demande 1", "Demande 2", "Demande 3", "Demande 4");
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void listFiltersByStatusSchoolOwnershipAndText() {
        Ticket a = f.file(ALICE, "school-1", "Imprimante en panne");
        f.file(ALICE, "school-2", "Messagerie lente");
        f.file(CHLOE, "school-2", "Mot de passe");
        f.support.changeStatus(ROOT, a.id(), TicketStatus.OPENED, a.version());

        assertThat(ids(f.req("GET", "/tickets", ROOT).query("status=OPENED").send()))
                .containsExactly(a.id());
        assertThat(f.req("GET", "/tickets", ROOT)
                        .query("status=new,opened")
                        .send()
                        .json()
                        .path("items")
                        .size())
                .isEqualTo(3);
        assertThat(f.req("GET", "/tickets", ROOT)
                        .query("school=school-2")
                        .send()
                        .json()
                        .path("items")
                        .size())
                .isEqualTo(2);
        assertThat(f.req("GET", "/tickets", ALICE)
                        .query("ownership=mine")
                        .send()
                        .json()
                        .path("items")
                        .size())
                .isEqualTo(2);
        assertThat(ids(f.req("GET", "/tickets", ROOT).query("q=imprimante").send()))
                .containsExactly(a.id());
    }

    private static List<Long> ids(Fixture.Res r) {
        List<Long> out = new ArrayList<>();
        r.json().path("items").forEach(t -> out.add(t.path("id").asLong()));
        return out;
    }

    @Test
    void badQueryParametersAreProblemsNamingTheParameter() {
        Fixture.Res cursor =
                f.req("GET", "/tickets", ALICE).query("cursor=not-a-cursor").send();
        assertThat(cursor.status()).isEqualTo(400);
        assertThat(cursor.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(cursor.fields()).containsExactly("cursor");

        Fixture.Res status =
                f.req("GET", "/tickets", ALICE).query("status=DONE").send();
        assertThat(status.status()).isEqualTo(400);
        assertThat(status.fields()).containsExactly("status");
        assertThat(status.json().path("detail").asText()).contains("DONE").contains("new, opened");

        Fixture.Res unknown =
                f.req("GET", "/tickets", ALICE).query("owner=u-bruno").send();
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.fields()).containsExactly("owner");

        Fixture.Res limit = f.req("GET", "/tickets", ALICE)
                .query("limit=5000")
                .header("Accept-Language", "en")
                .send();
        assertThat(limit.status()).isEqualTo(400);
        assertThat(limit.fields()).containsExactly("limit");

        Fixture.Res twice =
                f.req("GET", "/tickets", ALICE).query("sort=id&sort=created").send();
        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.fields()).containsExactly("sort");
    }

    @Test
    void countsPerStatusWithTotal() {
        Ticket a = f.file(ALICE, "school-1", "A");
        f.file(ALICE, "school-1", "B");
        f.support.changeStatus(BRUNO, a.id(), TicketStatus.WAITING, a.version());
        JsonNode counts = f.req("GET", "/tickets/counts", BRUNO).send().json();
        assertThat(counts.path("counts").path("NEW").asLong()).isEqualTo(1);
        assertThat(counts.path("counts").path("WAITING").asLong()).isEqualTo(1);
        assertThat(counts.path("counts").path("CLOSED").asLong()).isZero();
        assertThat(counts.path("total").asLong()).isEqualTo(2);
    }

    @Test
    void getCarriesTheVersionAsETagAndIsoTimes() {
        Ticket t = f.file(ALICE, "school-1", "Cannot publish");
        Fixture.Res r = f.req("GET", "/tickets/" + t.id(), ALICE).send();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("ETag")).isEqualTo("\"" + t.version() + "\"");
        JsonNode json = r.json();
        assertThat(json.path("subject").asText()).isEqualTo("Cannot publish");
        assertThat(json.path("created").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
        assertThat(json.path("escalation").isNull()).isTrue();
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        assertThat(names)
                .as("stable field names, all present")
                .containsExactly(
                        "id",
                        "owner",
                        "ownerName",
                        "school",
                        "category",
                        "subject",
                        "description",
                        "status",
                        "escalationStatus",
                        "created",
                        "modified",
                        "statusChanged",
                        "version",
                        "locale",
                        "commentCount",
                        "attachmentCount",
                        "escalation");
    }

    @Test
    void aForeignTicketIsTheSame404AsAMissingOne() {
        Ticket foreign = f.file(ALICE, "school-1", "Private");
        long missing = foreign.id() + 1000;
        Fixture.Res a = f.req("GET", "/tickets/" + foreign.id(), CHLOE).send();
        Fixture.Res b = f.req("GET", "/tickets/" + missing, CHLOE).send();
        assertThat(a.status()).isEqualTo(404);
        assertThat(b.status()).isEqualTo(404);
        assertThat(a.headers()).isEqualTo(b.headers());
        assertThat(a.text().replace(Long.toString(foreign.id()), "#"))
                .isEqualTo(b.text().replace(Long.toString(missing), "#"));
        assertThat(a.json().path("type").asText()).isEqualTo("urn:entsupport:problem:ticket-not-found");
        // and the same for every route under the ticket
        for (String path : List.of("/timeline", "/capabilities", "/attachments/1")) {
            assertThat(f.req("GET", "/tickets/" + foreign.id() + path, CHLOE)
                            .send()
                            .status())
                    .as(path)
                    .isEqualTo(404);
        }
        assertThat(f.req("GET", "/tickets/abc", CHLOE).send().status()).isEqualTo(404);
    }

    @Test
    void createFromJsonWithLocationETagAndIdempotencyKey() {
        String body = "{\"school\":\"school-1\",\"category\":\"/blog\",\"subject\":\"Publication\","
                + "\"description\":\"Le bouton Publier ne fait rien.\"}";
        Fixture.Res r = f.req("POST", "/tickets", ALICE)
                .header("Idempotency-Key", "k-1")
                .json(body)
                .send();
        assertThat(r.status()).isEqualTo(201);
        long id = r.json().path("id").asLong();
        assertThat(r.header("Location")).isEqualTo("/api/v1/tickets/" + id);
        assertThat(r.header("ETag")).isEqualTo("\"" + r.json().path("version").asLong() + "\"");
        assertThat(r.json().path("status").asText()).isEqualTo("NEW");

        Fixture.Res again = f.req("POST", "/tickets", ALICE)
                .header("Idempotency-Key", "k-1")
                .json(body)
                .send();
        assertThat(again.json().path("id").asLong()).isEqualTo(id);
        assertThat(total()).isEqualTo(1);
    }

    @Test
    void refusedCreationsNameEveryFieldInTheReadersLanguageAndWriteNothing() {
        Fixture.Res fr = f.req("POST", "/tickets", ALICE)
                .header("Accept-Language", "fr-FR,fr;q=0.9")
                .json("{\"school\":\"school-9\",\"category\":\"/blog\",\"subject\":\"\",\"description\":\"x\"}")
                .send();
        assertThat(fr.status()).isEqualTo(400);
        assertThat(fr.fields()).contains("school", "subject");
        assertThat(fr.json().path("title").asText()).isEqualTo("Demande invalide");
        Fixture.Res en = f.req("POST", "/tickets", ALICE)
                .header("Accept-Language", "en")
                .json("{\"school\":\"school-9\",\"category\":\"/blog\",\"subject\":\"\",\"description\":\"x\"}")
                .send();
        assertThat(en.json().path("title").asText()).isEqualTo("Invalid request");
        assertThat(en.json().path("errors").get(0).path("detail").asText())
                .isNotEqualTo(fr.json().path("errors").get(0).path("detail").asText());
        assertThat(total()).isZero();
    }

    @Test
    void malformedJsonUnknownFieldsAndWrongTypesAreProblemsAndWriteNothing() {
        Fixture.Res malformed =
                f.req("POST", "/tickets", ALICE).json("{\"school\":").send();
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(malformed.fields()).containsExactly("body");

        Fixture.Res unknown = f.req("POST", "/tickets", ALICE)
                .json("{\"school\":\"school-1\",\"category\":\"/blog\",\"subject\":\"s\",\"description\":\"d\","
                        + "\"owner\":\"u-root\"}")
                .send();
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.fields()).containsExactly("owner");

        Fixture.Res wrongType = f.req("POST", "/tickets", ALICE)
                .json("{\"school\":\"school-1\",\"category\":\"/blog\",\"subject\":42,\"description\":\"d\"}")
                .send();
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.fields()).containsExactly("subject");

        Fixture.Res array = f.req("POST", "/tickets", ALICE).json("[1,2]").send();
        assertThat(array.status()).isEqualTo(400);

        Fixture.Res trailing = f.req("POST", "/tickets", ALICE)
                .json("{\"school\":\"school-1\",\"category\":\"/blog\",\"subject\":\"s\",\"description\":\"d\"} {}")
                .send();
        assertThat(trailing.status()).isEqualTo(400);

        Fixture.Res text = f.req("POST", "/tickets", ALICE)
                .header("Content-Type", "text/plain")
                .body(() -> new java.io.ByteArrayInputStream("hello".getBytes()))
                .send();
        assertThat(text.status()).isEqualTo(415);
        assertThat(total()).isZero();
    }

    @Test
    void patchNeedsIfMatchAndRefusesAStaleVersionWith412() {
        Ticket t = f.file(ALICE, "school-1", "Old subject");
        Fixture.Res none = f.req("PATCH", "/tickets/" + t.id(), BRUNO)
                .json("{\"subject\":\"New subject\"}")
                .send();
        assertThat(none.status()).isEqualTo(428);

        Fixture.Res ok = f.req("PATCH", "/tickets/" + t.id(), BRUNO)
                .header("If-Match", "\"" + t.version() + "\"")
                .json("{\"subject\":\"New subject\",\"status\":\"WAITING\"}")
                .send();
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().path("subject").asText()).isEqualTo("New subject");
        assertThat(ok.json().path("status").asText()).isEqualTo("WAITING");
        assertThat(ok.header("ETag")).isNotEqualTo("\"" + t.version() + "\"");

        Fixture.Res stale = f.req("PATCH", "/tickets/" + t.id(), BRUNO)
                .header("If-Match", "\"" + t.version() + "\"")
                .json("{\"subject\":\"Stale\"}")
                .send();
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.json().path("type").asText()).isEqualTo("urn:entsupport:problem:version-conflict");
        assertThat(f.support.get(ROOT, t.id()).subject()).isEqualTo("New subject");
    }

    @Test
    void aRefusedStatusChangeWritesNoFieldEither() {
        Ticket t = f.file(ALICE, "school-1", "Keep me");
        Fixture.Res r = f.req("PATCH", "/tickets/" + t.id(), ALICE)
                .header("If-Match", "\"" + t.version() + "\"")
                .header("Accept-Language", "en")
                .json("{\"subject\":\"Changed\",\"status\":\"WAITING\"}")
                .send();
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().path("type").asText()).isEqualTo("urn:entsupport:problem:illegal-transition");
        assertThat(r.json().path("detail").asText()).contains("New").contains("Waiting");
        Ticket after = f.support.get(ROOT, t.id());
        assertThat(after.subject()).isEqualTo("Keep me");
        assertThat(after.version()).isEqualTo(t.version());
    }

    @Test
    void patchWithAnUnknownStatusNamesTheField() {
        Ticket t = f.file(ALICE, "school-1", "S");
        Fixture.Res r = f.req("PATCH", "/tickets/" + t.id(), BRUNO)
                .header("If-Match", "\"" + t.version() + "\"")
                .json("{\"status\":\"DONE\"}")
                .send();
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.fields()).containsExactly("status");
    }
}

package org.entsupport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entsupport.http.Fixture.ALICE;
import static org.entsupport.http.Fixture.BRUNO;

import java.io.IOException;
import java.util.Optional;
import org.entsupport.core.StoreOutcomeUnknownException;
import org.entsupport.core.Support;
import org.entsupport.core.memory.InMemoryTicketStore;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketStatus;
import org.entsupport.core.spi.TicketStore;
import org.junit.jupiter.api.Test;

/**
 * The {@code Idempotency-Key} header on comments, status changes, uploads and escalations: the same request sent
 * again answers as the first and writes nothing; the key with other content is a 422 naming the field; a commit
 * whose outcome is unknown is a 503 that tells the client to retry with the same key.
 */
class IdempotencyRoutesTest {

    private final Fixture f = new Fixture();

    private Fixture.Res comment(long ticket, String key, String body) {
        return f.req("POST", "/tickets/" + ticket + "/comments", BRUNO)
                .header("Idempotency-Key", key)
                .json("{\"body\":\"" + body + "\"}")
                .send();
    }

    private int comments(long ticket) {
        return f.support.timeline(ALICE, ticket).stream()
                .filter(e -> e instanceof org.entsupport.core.model.TimelineEntry.CommentEntry)
                .toList()
                .size();
    }

    private static void assertReusedKeyProblem(Fixture.Res r) {
        assertThat(r.status()).as(r.text()).isEqualTo(422);
        assertThat(r.json().path("type").asText()).isEqualTo("urn:entsupport:problem:idempotency-key-reused");
        assertThat(r.fields()).containsExactly("idempotencyKey");
        assertThat(r.json().path("detail").asText()).contains("cette clé a déjà servi pour une autre demande");
    }

    @Test
    void aCommentSentAgainWithItsKeyIsWrittenOnce() {
        Ticket t = f.file(ALICE, "school-1", "Écran blanc");
        Fixture.Res first = comment(t.id(), "c-1", "Quel navigateur ?");
        assertThat(first.status()).as(first.text()).isEqualTo(201);

        Fixture.Res again = comment(t.id(), "c-1", "Quel navigateur ?");

        assertThat(again.status()).as(again.text()).isEqualTo(201);
        assertThat(again.json().path("comment").path("id").asLong())
                .isEqualTo(first.json().path("comment").path("id").asLong());
        assertThat(comments(t.id())).isEqualTo(1);

        assertReusedKeyProblem(comment(t.id(), "c-1", "Autre chose"));
        assertThat(comments(t.id())).isEqualTo(1);
        // without the header, each request is a new comment
        f.req("POST", "/tickets/" + t.id() + "/comments", BRUNO)
                .json("{\"body\":\"Quel navigateur ?\"}")
                .send();
        assertThat(comments(t.id())).isEqualTo(2);
    }

    @Test
    void aStatusChangeSentAgainWithItsKeyAnswersInsteadOfAConflict() {
        Ticket t = f.file(ALICE, "school-1", "Écran blanc");
        Fixture.Res first = f.req("PATCH", "/tickets/" + t.id(), BRUNO)
                .header("If-Match", "\"" + t.version() + "\"")
                .header("Idempotency-Key", "s-1")
                .json("{\"status\":\"WAITING\"}")
                .send();
        assertThat(first.status()).as(first.text()).isEqualTo(200);

        Fixture.Res again = f.req("PATCH", "/tickets/" + t.id(), BRUNO)
                .header("If-Match", "\"" + t.version() + "\"")
                .header("Idempotency-Key", "s-1")
                .json("{\"status\":\"WAITING\"}")
                .send();

        assertThat(again.status()).as(again.text()).isEqualTo(200);
        assertThat(again.header("ETag")).isEqualTo(first.header("ETag"));
        assertReusedKeyProblem(f.req("PATCH", "/tickets/" + t.id(), BRUNO)
                .header("If-Match", "\"" + t.version() + "\"")
                .header("Idempotency-Key", "s-1")
                .json("{\"status\":\"RESOLVED\"}")
                .send());
        assertThat(f.support.get(BRUNO, t.id()).status()).isEqualTo(TicketStatus.WAITING);
        // without the key, the old version is a conflict as before
        assertThat(f.req("PATCH", "/tickets/" + t.id(), BRUNO)
                        .header("If-Match", "\"" + t.version() + "\"")
                        .json("{\"status\":\"WAITING\"}")
                        .send()
                        .status())
                .isEqualTo(412);
    }

    @Test
    void filesSentAgainWithTheirKeyAreKeptOnce() {
        Ticket t = f.file(ALICE, "school-1", "Écran blanc");
        Fixture.Res first = upload(t.id(), "a-1", Fixture.png());
        assertThat(first.status()).as(first.text()).isEqualTo(201);
        long id = first.json().path("attachments").get(0).path("id").asLong();
        assertThat(first.json().path("attachments").get(0).path("href").asText())
                .isEqualTo("/api/v1/tickets/" + t.id() + "/attachments/" + id);

        Fixture.Res again = upload(t.id(), "a-1", Fixture.png());

        assertThat(again.status()).as(again.text()).isEqualTo(201);
        assertThat(again.json().path("attachments").get(0).path("id").asLong()).isEqualTo(id);
        assertThat(f.support.attachments(ALICE, t.id())).hasSize(1);
        byte[] other = Fixture.png().clone();
        other[other.length - 1] ^= 1;
        assertReusedKeyProblem(upload(t.id(), "a-1", other));
        assertThat(f.support.attachments(ALICE, t.id())).hasSize(1);

        Fixture.Res json = f.req("POST", "/tickets/" + t.id() + "/attachments", ALICE)
                .json("{}")
                .send();
        assertThat(json.status()).isEqualTo(415);
    }

    private Fixture.Res upload(long ticket, String key, byte[] png) {
        Fixture.Req req =
                f.req("POST", "/tickets/" + ticket + "/attachments", ALICE).header("Idempotency-Key", key);
        new Fixture.Form().file("files", "capture.png", "image/png", png).applyTo(req);
        return req.send();
    }

    @Test
    void anEscalationSentAgainWithItsKeyIsAcceptedAgain() {
        Ticket t = f.file(ALICE, "school-1", "Écran blanc");
        Fixture.Res first = f.req("POST", "/tickets/" + t.id() + "/escalation", BRUNO)
                .header("Idempotency-Key", "e-1")
                .send();
        assertThat(first.status()).as(first.text()).isEqualTo(202);

        Fixture.Res again = f.req("POST", "/tickets/" + t.id() + "/escalation", BRUNO)
                .header("Idempotency-Key", "e-1")
                .send();

        assertThat(again.status()).as(again.text()).isEqualTo(202);
        assertThat(f.req("POST", "/tickets/" + t.id() + "/escalation", BRUNO)
                        .send()
                        .status())
                .isEqualTo(409);
    }

    @Test
    void anInvalidKeyIsAProblemNamingTheField() {
        Ticket t = f.file(ALICE, "school-1", "Écran blanc");
        Fixture.Res r = comment(t.id(), "with space", "Bonjour");
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.fields()).containsExactly("idempotencyKey");
        assertThat(comments(t.id())).isZero();
    }

    @Test
    void aCommitWithUnknownOutcomeIs503TellingToRetryWithTheSameKey() throws IOException {
        InMemoryTicketStore real = new InMemoryTicketStore();
        TicketStore lost = (TicketStore) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {TicketStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("outbox")) {
                        return real.outbox();
                    }
                    throw new StoreOutcomeUnknownException(
                            "The support store lost the answer to a commit at db.internal:5432",
                            new IOException("reset"));
                });
        SupportHttp api = SupportHttp.builder(Support.builder().store(lost).build(), r -> Optional.of(BRUNO))
                .build();
        for (String language : new String[] {"en", "fr"}) {
            try (ApiResponse r = api.handle(ApiRequest.builder("POST", "/api/v1/tickets/1/comments")
                    .header("Content-Type", "application/json")
                    .header("Accept-Language", language)
                    .header("Idempotency-Key", "c-9")
                    .body(() -> new java.io.ByteArrayInputStream(
                            "{\"body\":\"Bonjour\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    .build())) {
                assertThat(r.status()).isEqualTo(503);
                assertThat(r.header("Retry-After")).isPresent();
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                r.writeBody(out);
                String body = out.toString(java.nio.charset.StandardCharsets.UTF_8);
                assertThat(body)
                        .contains("urn:entsupport:problem:store-outcome-unknown")
                        .contains("store.outcome-unknown")
                        .contains("Idempotency-Key")
                        .doesNotContain("db.internal");
                assertThat(body).contains(language.equals("en") ? "same request key" : "même clé de demande");
            }
        }
    }
}

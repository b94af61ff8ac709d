package org.entsupport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entsupport.http.Fixture.ALICE;
import static org.entsupport.http.Fixture.BRUNO;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.entsupport.core.NewTicket;
import org.entsupport.core.Support;
import org.entsupport.core.spi.Directory;
import org.entsupport.http.jdbc.NewsFeedSource;
import org.entsupport.jdbc.SupportJdbc;
import org.junit.jupiter.api.Test;

/** GET /feed and POST /feed/read over support-jdbc's news feed (H2 in memory). */
class NewsFeedSourceTest {

    @Test
    void theFeedShowsUnreadEntriesInTheReadersLanguageAndMarksThemRead() {
        try (SupportJdbc jdbc = SupportJdbc.builder().build()) {
            Support support = Support.builder()
                    .store(jdbc.store())
                    .directory(new Directory() {
                        @Override
                        public Set<String> localAdmins(String school) {
                            return Set.of("u-bruno");
                        }
                    })
                    .notifier(jdbc.newsFeed())
                    .linkTemplate("https://ent.example/support#/ticket/{id}")
                    .build();
            Map<String, org.entsupport.core.Actor> actors = Map.of("u-alice", ALICE, "u-bruno", BRUNO);
            SupportHttp api = SupportHttp.builder(
                            support, r -> r.header("X-Test-User").map(actors::get))
                    .feed(NewsFeedSource.of(jdbc.newsFeed()))
                    .build();
            for (int i = 0; i < 3; i++) {
                support.create(
                        ALICE,
                        NewTicket.builder()
                                .school("school-1")
                                .category("/blog")
                                .subject("Demande " + i)
                                .description("d")
                                .build());
            }
            support.relay().deliverDue();

            JsonNode page = get(api, "/api/v1/feed?limit=2", "en").json();
            assertThat(page.path("unread").asLong()).isEqualTo(3);
            assertThat(page.path("items").size()).isEqualTo(2);
            JsonNode first = page.path("items").get(0);
            assertThat(first.path("type").asText()).isEqualTo("ticket-created");
            assertThat(first.path("title").asText()).contains("Demande 2");
            assertThat(first.path("link").asText()).startsWith("https://ent.example/support#/ticket/");
            String fr = get(api, "/api/v1/feed?limit=2", "fr")
                    .json()
                    .path("items")
                    .get(0)
                    .path("title")
                    .asText();
            assertThat(fr).isNotEqualTo(first.path("title").asText());

            JsonNode older = get(
                            api,
                            "/api/v1/feed?limit=2&cursor=" + page.path("next").asText(),
                            "en")
                    .json();
            assertThat(older.path("items").size()).isEqualTo(1);
            assertThat(older.path("next").isNull()).isTrue();

            Fixture.Res bad = get(api, "/api/v1/feed?cursor=forged", "en");
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.fields()).containsExactly("cursor");

            Fixture.Res read = post(api, "{\"ids\":[" + first.path("id").asLong() + "]}");
            assertThat(read.json().path("unread").asLong()).isEqualTo(2);
            assertThat(post(api, "{\"all\":true}").json().path("unread").asLong())
                    .isZero();
            assertThat(post(api, "{}").status()).isEqualTo(400);
            assertThat(get(api, "/api/v1/feed", "en")
                            .json()
                            .path("items")
                            .get(0)
                            .path("read")
                            .asBoolean())
                    .isTrue();
            // Alice's feed is hers: empty
            assertThat(send(api, ApiRequest.builder("GET", "/api/v1/feed").header("X-Test-User", "u-alice"))
                            .json()
                            .path("unread")
                            .asLong())
                    .isZero();
            assertThat(Optional.of(api.routes())).get().asList().contains("GET /feed", "POST /feed/read");
        }
    }

    private static Fixture.Res get(SupportHttp api, String pathAndQuery, String language) {
        int q = pathAndQuery.indexOf('?');
        ApiRequest.Builder b = ApiRequest.builder("GET", q < 0 ? pathAndQuery : pathAndQuery.substring(0, q))
                .rawQuery(q < 0 ? null : pathAndQuery.substring(q + 1))
                .header("Accept-Language", language)
                .header("X-Test-User", "u-bruno");
        return send(api, b);
    }

    private static Fixture.Res post(SupportHttp api, String json) {
        byte[] bytes = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return send(
                api,
                ApiRequest.builder("POST", "/api/v1/feed/read")
                        .header("X-Test-User", "u-bruno")
                        .header("Content-Type", "application/json")
                        .body(() -> new java.io.ByteArrayInputStream(bytes)));
    }

    private static Fixture.Res send(SupportHttp api, ApiRequest.Builder b) {
        try (ApiResponse r = api.handle(b.build())) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            r.writeBody(out);
            return new Fixture.Res(r.status(), r.headers(), out.toByteArray());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

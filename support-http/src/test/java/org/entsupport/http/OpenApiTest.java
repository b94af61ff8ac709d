package org.entsupport.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.entsupport.http.jdbc.NewsFeedSource;
import org.entsupport.jdbc.SupportJdbc;
import org.junit.jupiter.api.Test;

/** The OpenAPI document served is valid OpenAPI 3.1 and describes exactly the routes served. */
class OpenApiTest {

    @Test
    void theDocumentIsValidAndListsExactlyTheRoutesServed() {
        try (SupportJdbc jdbc = SupportJdbc.builder().build()) {
            Fixture f =
                    new Fixture(b -> b.feed(NewsFeedSource.of(jdbc.newsFeed())).basePath("/support/api"));
            Fixture.Res r;
            try (ApiResponse response = f.api.handle(
                    ApiRequest.builder("GET", "/support/api/openapi.json").build())) {
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                response.writeBody(out);
                r = new Fixture.Res(response.status(), response.headers(), out.toByteArray());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            assertThat(r.status()).as("served without an actor").isEqualTo(200);
            JsonNode doc = r.json();
            assertThat(doc.path("openapi").asText()).isEqualTo("3.1.0");
            assertThat(doc.path("servers").get(0).path("url").asText()).isEqualTo("/support/api");

            ParseOptions options = new ParseOptions();
            options.setResolve(true);
            SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(r.text(), null, options);
            assertThat(parsed.getMessages()).as("swagger-parser messages").isEmpty();
            OpenAPI api = parsed.getOpenAPI();
            assertThat(api.getSpecVersion()).isEqualTo(io.swagger.v3.oas.models.SpecVersion.V31);

            Set<String> documented = new TreeSet<>();
            for (Map.Entry<String, PathItem> e : api.getPaths().entrySet()) {
                e.getValue().readOperationsMap().keySet().forEach(m -> documented.add(m.name() + " " + e.getKey()));
            }
            Set<String> served = new TreeSet<>(f.api.routes());
            assertThat(documented).isEqualTo(served);
            // every documented query parameter is one the route takes (no "unknown-parameter" refusal)
            long ticket = f.file(Fixture.ALICE, "school-1", "Documented").id();
            for (Map.Entry<String, PathItem> e : api.getPaths().entrySet()) {
                io.swagger.v3.oas.models.Operation get = e.getValue().getGet();
                if (get == null || get.getParameters() == null) {
                    continue;
                }
                String path = e.getKey().replace("{id}", Long.toString(ticket)).replace("{attachmentId}", "1");
                for (io.swagger.v3.oas.models.parameters.Parameter param : get.getParameters()) {
                    if (!"query".equals(param.getIn())) {
                        continue;
                    }
                    String value = sample(param.getSchema());
                    ApiRequest request = ApiRequest.builder("GET", "/support/api" + path)
                            .query(param.getName(), value)
                            .header("X-Test-User", Fixture.ROOT.userId())
                            .build();
                    try (ApiResponse response = f.api.handle(request)) {
                        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                        response.writeBody(out);
                        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8))
                                .as("GET " + e.getKey() + "?" + param.getName() + "=" + value)
                                .doesNotContain("unknown-parameter");
                    } catch (java.io.IOException io) {
                        throw new java.io.UncheckedIOException(io);
                    }
                }
            }
            for (String route : served) {
                String method = route.substring(0, route.indexOf(' ')).toLowerCase(Locale.ROOT);
                JsonNode op = doc.path("paths")
                        .path(route.substring(route.indexOf(' ') + 1))
                        .path(method);
                assertThat(op.path("responses").size()).as(route).isPositive();
                assertThat(op.path("summary").asText()).as(route).isNotBlank();
            }
        }
    }

    /** A value the schema accepts: its first enum value, its default, or a plain one. */
    private static String sample(io.swagger.v3.oas.models.media.Schema<?> schema) {
        io.swagger.v3.oas.models.media.Schema<?> s = schema.getItems() != null ? schema.getItems() : schema;
        if (s.get$ref() != null) {
            return "NEW"; // the only referenced parameter schema is TicketStatus
        }
        if (s.getEnum() != null && !s.getEnum().isEmpty()) {
            return String.valueOf(s.getEnum().get(0));
        }
        if (s.getDefault() != null) {
            return String.valueOf(s.getDefault());
        }
        return s.getTypes() != null && s.getTypes().contains("integer") ? "1" : "x";
    }
}

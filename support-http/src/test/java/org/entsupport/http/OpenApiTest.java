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
}

package org.entsupport.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.entsupport.core.Actor;
import org.entsupport.core.NewTicket;
import org.entsupport.core.Support;
import org.entsupport.core.attachment.InMemoryAttachmentStore;
import org.entsupport.core.memory.InMemorySupportDesk;
import org.entsupport.core.memory.InMemoryTicketStore;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.spi.Category;
import org.entsupport.core.spi.CategoryCatalog;
import org.entsupport.core.spi.Directory;

/**
 * An API over an in-memory facade with five people: Alice (member of school-1 and school-2), Bruno (local
 * admin of school-1, may escalate there), Chloé (member of school-2 only), Root (platform admin) and Zoé
 * (local admin of school-2). The test actor resolver reads the header {@code X-Test-User}.
 */
final class Fixture {

    static final Actor ALICE = Actor.user("u-alice", "Alice Martin")
            .memberOf("school-1", "school-2")
            .build();
    static final Actor BRUNO = Actor.user("u-bruno", "Bruno Durand")
            .adminOf("school-1")
            .mayEscalateIn("school-1")
            .build();
    static final Actor CHLOE =
            Actor.user("u-chloe", "Chloé Petit").memberOf("school-2").build();
    static final Actor ZOE =
            Actor.user("u-zoe", "Zoé Leroy").adminOf("school-2").build();
    static final Actor ROOT = Actor.user("u-root", "Support").platformAdmin().build();
    static final Map<String, Actor> ACTORS = Map.of(
            ALICE.userId(),
            ALICE,
            BRUNO.userId(),
            BRUNO,
            CHLOE.userId(),
            CHLOE,
            ROOT.userId(),
            ROOT,
            ZOE.userId(),
            ZOE);

    static final CategoryCatalog CATALOG = CategoryCatalog.of(
            List.of(new Category("/blog", "Blog", "Blog"), new Category("/mail", "Messagerie", "Mail")));

    final InMemoryTicketStore store = new InMemoryTicketStore();
    final InMemorySupportDesk desk = new InMemorySupportDesk();
    final Support support;
    final SupportHttp api;

    Fixture() {
        this(b -> b);
    }

    Fixture(java.util.function.UnaryOperator<SupportHttp.Builder> tuning) {
        Directory directory = new Directory() {
            @Override
            public Set<String> localAdmins(String school) {
                return school.equals("school-1") ? Set.of("u-bruno") : Set.of("u-zoe");
            }

            @Override
            public Optional<String> schoolName(String school) {
                return Optional.of(school.equals("school-1") ? "Collège Jean Moulin" : "Lycée Victor Hugo");
            }
        };
        support = Support.builder()
                .store(store)
                .directory(directory)
                .categories(CATALOG)
                .attachmentStore(new InMemoryAttachmentStore())
                .desk(desk)
                .escalationEnabled(school -> school.equals("school-1"))
                .build();
        api = tuning.apply(SupportHttp.builder(
                                support,
                                request -> request.header("X-Test-User").map(ACTORS::get))
                        .directory(directory))
                .build();
    }

    Ticket file(Actor actor, String school, String subject) {
        return support.create(
                actor,
                NewTicket.builder()
                        .school(school)
                        .category("/blog")
                        .subject(subject)
                        .description("Le bouton ne fait rien.")
                        .build());
    }

    /** A request being built. */
    final class Req {
        final ApiRequest.Builder b;
        private ApiRequest.BodySource body = ApiRequest.BodySource.empty();

        Req(String method, String path, Actor actor) {
            b = ApiRequest.builder(method, "/api/v1" + path);
            if (actor != null) {
                b.header("X-Test-User", actor.userId());
            }
        }

        Req header(String name, String value) {
            b.header(name, value);
            return this;
        }

        Req query(String raw) {
            b.rawQuery(raw);
            return this;
        }

        Req json(String json) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            b.header("Content-Type", "application/json");
            b.header("Content-Length", Integer.toString(bytes.length));
            body = () -> new ByteArrayInputStream(bytes);
            return this;
        }

        Req body(ApiRequest.BodySource source) {
            body = source;
            return this;
        }

        Res send() {
            try (ApiResponse r = api.handle(b.body(body).build())) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                r.writeBody(out);
                return new Res(r.status(), r.headers(), out.toByteArray());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    Req req(String method, String path, Actor actor) {
        return new Req(method, path, actor);
    }

    /** A response as the client saw it. */
    record Res(int status, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            try {
                return SupportHttp.objectMapper().readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(text(), e);
            }
        }

        /** The problem's error fields, in order. */
        List<String> fields() {
            List<String> out = new ArrayList<>();
            json().path("errors").forEach(e -> out.add(e.path("field").asText()));
            return out;
        }
    }

    /** A multipart/form-data body. */
    static final class Form {
        static final String BOUNDARY = "----form-boundary-7MA4YWxkTrZu0gW";
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Form field(String name, String value) {
            write("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value
                    + "\r\n");
            return this;
        }

        Form file(String name, String fileName, String contentType, byte[] content) {
            write("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName
                    + "\"\r\nContent-Type: " + contentType + "\r\n\r\n");
            out.writeBytes(content);
            write("\r\n");
            return this;
        }

        byte[] bytes() {
            ByteArrayOutputStream copy = new ByteArrayOutputStream();
            copy.writeBytes(out.toByteArray());
            copy.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return copy.toByteArray();
        }

        void applyTo(Req req) {
            byte[] bytes = bytes();
            req.header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                    .header("Content-Length", Integer.toString(bytes.length))
                    .body(() -> new ByteArrayInputStream(bytes));
        }

        private void write(String s) {
            out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A small valid PNG (1x1). */
    static byte[] png() {
        return java.util.Base64.getDecoder()
                .decode(
                        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
    }
}

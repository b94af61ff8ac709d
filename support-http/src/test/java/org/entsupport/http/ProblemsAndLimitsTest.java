package org.entsupport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entsupport.http.Fixture.ALICE;
import static org.entsupport.http.Fixture.BRUNO;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.jar.JarFile;
import org.entsupport.core.StoreException;
import org.entsupport.core.SupportException;
import org.entsupport.http.internal.Problems;
import org.junit.jupiter.api.Test;

/** The exception table, HTTP-level refusals and the body limits. */
class ProblemsAndLimitsTest {

    private final Fixture f = new Fixture(b -> b.maxJsonBytes(1024).maxUploadBytes(4096));

    @Test
    void everyLibraryExceptionHasARowAndNoneIsA500() throws Exception {
        List<Class<?>> found = supportExceptions();
        assertThat(found).hasSizeGreaterThan(10);
        for (Class<?> c : found) {
            Problems.Mapping m = null;
            for (Class<?> k = c; k != null && m == null; k = k.getSuperclass()) {
                m = Problems.TABLE.get(k);
            }
            assertThat(m).as(c.getName()).isNotNull();
            assertThat(Problems.TABLE)
                    .as("listed by name: " + c.getName())
                    .containsKey(c.asSubclass(SupportException.class));
            assertThat(m.status()).as(c.getName()).isBetween(400, 503).isNotEqualTo(500);
        }
    }

    /** Every concrete subclass of SupportException in support-core, found on the class path. */
    private static List<Class<?>> supportExceptions() throws Exception {
        List<Class<?>> out = new ArrayList<>();
        URL root = SupportException.class.getProtectionDomain().getCodeSource().getLocation();
        List<String> names = new ArrayList<>();
        if (root.getProtocol().equals("file") && Files.isDirectory(Path.of(root.toURI()))) {
            Path dir = Path.of(root.toURI());
            try (var walk = Files.walk(dir)) {
                walk.filter(p -> p.toString().endsWith(".class"))
                        .forEach(p -> names.add(dir.relativize(p).toString()));
            }
        } else {
            try (JarFile jar = new JarFile(Path.of(URI.create(root.toString())).toFile())) {
                jar.stream().forEach(e -> names.add(e.getName()));
            }
        }
        for (String n : names) {
            if (!n.endsWith(".class") || n.contains("module-info")) {
                continue;
            }
            Class<?> c = Class.forName(
                    n.replace('/', '.').replace('\\', '.').replaceAll("\\.class$", ""),
                    false,
                    ProblemsAndLimitsTest.class.getClassLoader());
            if (SupportException.class.isAssignableFrom(c) && !Modifier.isAbstract(c.getModifiers())) {
                out.add(c);
            }
        }
        return out;
    }

    @Test
    void aStoreFailureIs503WithRetryAfterAndNoStackTrace() {
        org.entsupport.core.memory.InMemoryTicketStore real = new org.entsupport.core.memory.InMemoryTicketStore();
        org.entsupport.core.spi.TicketStore down =
                (org.entsupport.core.spi.TicketStore) java.lang.reflect.Proxy.newProxyInstance(
                        getClass().getClassLoader(),
                        new Class<?>[] {org.entsupport.core.spi.TicketStore.class},
                        (proxy, method, args) -> {
                            if (method.getName().equals("outbox")) {
                                return real.outbox();
                            }
                            throw new StoreException("connection refused to db.internal:5432", new IOException("boom"));
                        });
        org.entsupport.core.Support failing =
                org.entsupport.core.Support.builder().store(down).build();
        SupportHttp api =
                SupportHttp.builder(failing, r -> java.util.Optional.of(ALICE)).build();
        try (ApiResponse r = api.handle(
                ApiRequest.builder("GET", "/api/v1/tickets/1/capabilities").build())) {
            assertThat(r.status()).isEqualTo(503);
            assertThat(r.header("Retry-After")).contains("30");
            String body = body(r);
            assertThat(body)
                    .contains("urn:entsupport:problem:store-unavailable")
                    .doesNotContain("db.internal")
                    .doesNotContain("Exception")
                    .doesNotContain("at org.");
        }
    }

    @Test
    void aHostFailureIsA500WithoutDetail() {
        SupportHttp api = SupportHttp.builder(f.support, r -> {
                    throw new IllegalStateException("session store down at 10.0.0.7");
                })
                .build();
        try (ApiResponse r =
                api.handle(ApiRequest.builder("GET", "/api/v1/tickets").build())) {
            assertThat(r.status()).isEqualTo(500);
            assertThat(body(r)).doesNotContain("10.0.0.7").doesNotContain("IllegalStateException");
        }
    }

    private static String body(ApiResponse r) {
        try {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            r.writeBody(out);
            return out.toString(java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void unauthenticatedUnknownRoutesAndWrongMethods() {
        Fixture.Res anonymous = f.req("GET", "/tickets", null).send();
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().path("type").asText()).isEqualTo("urn:entsupport:problem:not-authenticated");
        assertThat(f.req("GET", "/nothing", ALICE).send().status()).isEqualTo(404);
        Fixture.Res method = f.req("DELETE", "/tickets", ALICE).send();
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.header("Allow")).isEqualTo("GET, POST");
        assertThat(f.req("GET", "/feed", ALICE).send().status())
                .as("no feed configured")
                .isEqualTo(404);
        assertThat(ApiRequest.builder("GET", "/other/api").build()).isNotNull();
        try (ApiResponse r = f.api.handle(ApiRequest.builder("GET", "/other").build())) {
            assertThat(r.status()).isEqualTo(404);
        }
    }

    @Test
    void anAnnouncedBodyOverTheLimitIs413BeforeAByteIsRead() {
        AtomicBoolean opened = new AtomicBoolean();
        Fixture.Res json = f.req("POST", "/tickets", ALICE)
                .header("Content-Type", "application/json")
                .header("Content-Length", "1025")
                .body(() -> {
                    opened.set(true);
                    return InputStream.nullInputStream();
                })
                .send();
        assertThat(json.status()).isEqualTo(413);
        assertThat(json.json().path("type").asText()).isEqualTo("urn:entsupport:problem:too-large");
        assertThat(opened).isFalse();

        Fixture.Res upload = f.req("POST", "/tickets", ALICE)
                .header("Content-Type", "multipart/form-data; boundary=abc")
                .header("Content-Length", "5000000")
                .header("Accept-Language", "en")
                .body(() -> {
                    opened.set(true);
                    return InputStream.nullInputStream();
                })
                .send();
        assertThat(upload.status()).isEqualTo(413);
        assertThat(upload.json().path("detail").asText()).contains("4,096 bytes at most");
        assertThat(opened).isFalse();
    }

    @Test
    void anUnannouncedBodyStopsBeingReadAtTheLimit() {
        AtomicLong read = new AtomicLong();
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                read.incrementAndGet();
                return ' ';
            }
        };
        Fixture.Res r = f.req("POST", "/tickets", ALICE)
                .header("Content-Type", "application/json")
                .body(() -> endless)
                .send();
        assertThat(r.status()).isEqualTo(413);
        assertThat(read.get()).isLessThanOrEqualTo(1024 + 8192);
        assertThat(f.support.count(Fixture.ROOT, org.entsupport.core.TicketQuery.all()))
                .isZero();
    }

    @Test
    void malformedMultipartIsA400AndWritesNothing() {
        Fixture.Res r = f.req("POST", "/tickets", ALICE)
                .header("Content-Type", "multipart/form-data; boundary=abc")
                .body(() -> new java.io.ByteArrayInputStream("--abc\r\nno headers here".getBytes()))
                .send();
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.fields()).containsExactly("body");
        Fixture.Res noBoundary = f.req("POST", "/tickets", ALICE)
                .header("Content-Type", "multipart/form-data")
                .send();
        assertThat(noBoundary.status()).isEqualTo(400);
        assertThat(noBoundary.fields()).containsExactly("Content-Type");
        Fixture.Req unknownField = f.req("POST", "/tickets", BRUNO);
        new Fixture.Form().field("school", "school-1").field("owner", "u-root").applyTo(unknownField);
        assertThat(unknownField.send().fields()).containsExactly("owner");
        assertThat(f.support.count(Fixture.ROOT, org.entsupport.core.TicketQuery.all()))
                .isZero();
    }

    @Test
    void problemDetailsFollowAcceptLanguageThenTheActor() {
        Fixture.Res fr = f.req("GET", "/tickets/999", ALICE).send();
        assertThat(fr.json().path("detail").asText())
                .contains("999")
                .isNotEqualTo(f.req("GET", "/tickets/999", ALICE)
                        .header("Accept-Language", "en-US")
                        .send()
                        .json()
                        .path("detail")
                        .asText());
        assertThat(f.req("GET", "/tickets/999", ALICE)
                        .header("Accept-Language", "en-US")
                        .send()
                        .json()
                        .path("title")
                        .asText())
                .isEqualTo("Request not found");
        assertThat(fr.json().path("title").asText()).isEqualTo("Demande introuvable");
        assertThat(f.req("GET", "/tickets/999", BRUNO)
                        .header("Accept-Language", "de")
                        .send()
                        .json()
                        .path("title")
                        .asText())
                .as("neither language: the actor's")
                .isEqualTo("Demande introuvable");
    }
}

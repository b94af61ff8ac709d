package org.entsupport.desk.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.entsupport.core.desk.DeskException;
import org.entsupport.core.desk.DeskFileUnavailableException;
import org.entsupport.core.desk.OutgoingAttachment;
import org.entsupport.desk.testing.LoopbackServer;
import org.entsupport.desk.testing.LoopbackServer.Answer;
import org.junit.jupiter.api.Test;

/** {@link DeskHttp}: limits, redirects, Retry-After, downloads and how failures on the wire are described. */
class DeskHttpTest {

    private static final Instant NOW = Instant.parse("2026-01-02T10:00:00Z");

    private static DeskHttp http(String base, Duration requestTimeout, Duration maxRetryWait, long maxDownload) {
        return new DeskHttp(
                "desk",
                URI.create(base),
                Map.of("X-Key", "secret"),
                Duration.ofSeconds(2),
                requestTimeout,
                maxRetryWait,
                Clock.fixed(NOW, ZoneOffset.UTC),
                List.of(),
                maxDownload);
    }

    private static DeskHttp http(String base) {
        return http(base, Duration.ofSeconds(5), Duration.ZERO, 1_000);
    }

    @Test
    void acceptsTheLimitsOfTheDownloadSize() {
        assertThat(http("http://h", Duration.ofSeconds(1), Duration.ZERO, 1)).hasToString("DeskHttp[desk at http://h]");
        assertThat(http("http://h", Duration.ofSeconds(1), Duration.ZERO, 1L << 40))
                .isNotNull();
        assertThatThrownBy(() -> http("http://h", Duration.ofSeconds(1), Duration.ZERO, 0))
                .hasMessage("maxDownloadSize must be between 1 and 1099511627776 bytes, but was 0");
        assertThatThrownBy(() -> http("http://h", Duration.ofSeconds(1), Duration.ZERO, (1L << 40) + 1))
                .hasMessage("maxDownloadSize must be between 1 and 1099511627776 bytes, but was 1099511627777");
    }

    @Test
    void abbreviatesAfterThreeHundredCharacters() {
        assertThat(DeskHttp.abbreviate("a".repeat(300))).isEqualTo("a".repeat(300));
        assertThat(DeskHttp.abbreviate("a".repeat(301))).isEqualTo("a".repeat(300) + "…");
        assertThat(DeskHttp.abbreviate(" a \n b ")).isEqualTo("a b");
    }

    @Test
    void loopbackHostsAreRecognisedWithoutDns() {
        assertThat(DeskHttp.isLoopback("[::1]")).isTrue();
        assertThat(DeskHttp.isLoopback("[0:0:0:0:0:0:0:1]")).isTrue();
        assertThat(DeskHttp.isLoopback("127.0.0.9")).isTrue();
        assertThat(DeskHttp.isLoopback("[::1")).isFalse();
        assertThat(DeskHttp.isLoopback("::2]")).isFalse();
        assertThat(DeskHttp.isLoopback("example.org")).isFalse();
    }

    @Test
    void pathsRelativeToABaseWithAPrefix() {
        DeskHttp prefixed = http("http://h/redmine");
        assertThat(prefixed.relativeToBase("http://h/redmine/issues/1.json?x=1"))
                .contains("/issues/1.json?x=1");
        assertThat(prefixed.relativeToBase("http://h/other/1")).contains("/other/1");
        assertThat(prefixed.relativeToBase("http://elsewhere/redmine/1")).isEmpty();
        assertThat(http("http://h").relativeToBase("http://h:80/a")).contains("/a");
    }

    @Test
    void aStatus300IsARedirectThatIsNotFollowed() throws Exception {
        try (LoopbackServer server =
                new LoopbackServer(r -> new Answer(300, Map.of("Location", "?page=2"), new byte[0]))) {
            assertThatThrownBy(() -> http(server.url()).getJson("/x", "read x"))
                    .isInstanceOf(DeskException.class)
                    .hasMessage("desk answered 300 to GET /x (read x), redirecting to ; redirects are not followed,"
                            + " check the desk's base URL");
        }
    }

    @Test
    void anAnswerThatIsNotJsonIsPermanent() throws Exception {
        try (LoopbackServer server = new LoopbackServer(r -> new Answer(200, Map.of(), "<html>".getBytes()))) {
            assertThatThrownBy(() -> http(server.url()).getJson("/x", "read x"))
                    .isInstanceOf(DeskException.class)
                    .hasMessage("desk answered read x with something that is not JSON: <html>");
        }
    }

    @Test
    void waitsOnceWhenRetryAfterIsWithinTheLimit() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (LoopbackServer server = new LoopbackServer(r -> calls.incrementAndGet() == 1
                ? new Answer(503, Map.of("Retry-After", "0"), new byte[0])
                : Answer.json(200, "{\"ok\":true}"))) {
            assertThat(http(server.url()).getJson("/x", "read x").path("ok").asBoolean())
                    .isTrue();
            assertThat(calls).hasValue(2);
        }
    }

    @Test
    void retryAfterDatesAndNegativeSecondsBecomeDelays() throws Exception {
        String[] retryAfter = {""};
        try (LoopbackServer server =
                new LoopbackServer(r -> new Answer(429, Map.of("Retry-After", retryAfter[0]), new byte[0]))) {
            DeskHttp http = http(server.url());
            retryAfter[0] = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                    NOW.plusSeconds(120).atZone(ZoneOffset.UTC));
            assertThatThrownBy(() -> http.getJson("/x", "read x"))
                    .isInstanceOfSatisfying(DeskException.class, e -> {
                        assertThat(e.retryable()).isTrue();
                        assertThat(e.retryAfter()).contains(Duration.ofSeconds(120));
                    })
                    .hasMessage("desk could not read x (GET /x): HTTP 429 (retry after 120 s)");
            retryAfter[0] = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                    NOW.minusSeconds(120).atZone(ZoneOffset.UTC));
            assertThatThrownBy(() -> http(server.url(), Duration.ofSeconds(5), Duration.ofSeconds(1), 10)
                            .getJson("/x", "read x"))
                    .hasMessageEndingWith("HTTP 429 (retry after 0 s)");
            retryAfter[0] = "soon";
            assertThatThrownBy(() -> http.getJson("/x", "read x"))
                    .isInstanceOfSatisfying(
                            DeskException.class, e -> assertThat(e.retryAfter()).isEmpty())
                    .hasMessage("desk could not read x (GET /x): HTTP 429");
        }
    }

    @Test
    void anEmptyFileIsUploadedWithAnEmptyBody() throws Exception {
        try (LoopbackServer server = new LoopbackServer(r -> Answer.json(201, "{}"))) {
            OutgoingAttachment empty =
                    OutgoingAttachment.of("empty.txt", "text/plain", 0, () -> new ByteArrayInputStream(new byte[0]));

            assertThat(http(server.url())
                            .sendFile("/up", empty, "application/octet-stream", "upload")
                            .status())
                    .isEqualTo(201);
            assertThat(server.requests())
                    .singleElement()
                    .satisfies(r -> assertThat(r.body()).isEmpty());
        }
    }

    @Test
    void aConnectionClosedWithoutAnswerIsDescribed() throws Exception {
        try (ServerSocket closing = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (!closing.isClosed()) {
                    try (Socket s = closing.accept()) {
                        s.getInputStream().read();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();

            assertThatThrownBy(() ->
                            http("http://127.0.0.1:" + closing.getLocalPort()).getJson("/x", "read x"))
                    .isInstanceOfSatisfying(
                            DeskException.class, e -> assertThat(e.retryable()).isTrue())
                    .hasMessageMatching("desk at 127\\.0\\.0\\.1:\\d+ could not read x \\(GET /x\\): the connection"
                            + " failed \\(IOException: .+\\)");
        }
    }

    @Test
    void aTlsHandshakeThatNeverEndsIsAConnectTimeout() throws Exception {
        try (LoopbackServer plain = new LoopbackServer(r -> Answer.json(200, "{}"))) {
            DeskHttp https = new DeskHttp(
                    "desk",
                    URI.create(plain.url().replace("http://", "https://")),
                    Map.of(),
                    Duration.ofMillis(300),
                    Duration.ofSeconds(5),
                    Duration.ZERO,
                    Clock.fixed(NOW, ZoneOffset.UTC),
                    List.of(),
                    10);

            assertThatThrownBy(() -> https.getJson("/x", "read x"))
                    .isInstanceOfSatisfying(
                            DeskException.class, e -> assertThat(e.retryable()).isTrue())
                    .hasMessageMatching(
                            "desk at 127\\.0\\.0\\.1:\\d+ could not read x \\(GET /x\\): no connection within 300 ms");
        }
    }

    @Test
    void aWholeSecondTimeoutIsShownInSeconds() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        try (LoopbackServer slow = new LoopbackServer(r -> {
            release.await(10, java.util.concurrent.TimeUnit.SECONDS);
            return Answer.json(200, "{}");
        })) {
            assertThatThrownBy(() -> http(slow.url(), Duration.ofSeconds(1), Duration.ZERO, 10)
                            .getJson("/x", "read x"))
                    .hasMessageEndingWith("could not read x (GET /x): no answer within 1 s");
        } finally {
            release.countDown();
        }
    }

    @Test
    void anInterruptedCallIsRetryableAndKeepsTheInterrupt() throws Exception {
        try (LoopbackServer server = new LoopbackServer(r -> Answer.json(200, "{}"))) {
            DeskHttp http = http(server.url());
            Thread.currentThread().interrupt();
            try {
                assertThatThrownBy(() -> http.getJson("/x", "read x"))
                        .isInstanceOfSatisfying(
                                DeskException.class,
                                e -> assertThat(e.retryable()).isTrue())
                        .hasMessage("desk: interrupted while trying to read x");
                assertThat(Thread.currentThread().isInterrupted()).isTrue();
            } finally {
                Thread.interrupted();
            }
            Thread.currentThread().interrupt();
            try {
                assertThatThrownBy(() -> http.download(URI.create(server.url() + "/f"), "download f"))
                        .isInstanceOf(IOException.class)
                        .hasMessage("desk: interrupted while trying to download f");
                assertThat(Thread.currentThread().isInterrupted()).isTrue();
            } finally {
                Thread.interrupted();
            }
        }
    }

    // ---------------------------------------------------------------- downloads

    @Test
    void followsFiveRedirectsButNotSix() throws Exception {
        try (LoopbackServer server = new LoopbackServer(r -> {
            int hop = Integer.parseInt(r.path().substring("/hop/".length()));
            return hop == 0
                    ? new Answer(200, Map.of(), "file".getBytes())
                    : new Answer(hop == 3 ? 300 : 302, Map.of("Location", "/hop/" + (hop - 1)), new byte[0]);
        })) {
            DeskHttp http = http(server.url());
            try (InputStream in = http.download(URI.create(server.url() + "/hop/5"), "download f")) {
                assertThat(in.readAllBytes()).isEqualTo("file".getBytes());
            }
            assertThatThrownBy(() -> http.download(URI.create(server.url() + "/hop/6"), "download f"))
                    .isInstanceOf(DeskFileUnavailableException.class)
                    .hasMessage("desk could not download f: more than 5 redirects");
        }
    }

    @Test
    void aClientErrorWithALocationIsNotFollowed() throws Exception {
        try (LoopbackServer server =
                new LoopbackServer(r -> new Answer(400, Map.of("Location", "/elsewhere"), "bad".getBytes()))) {
            assertThatThrownBy(() -> http(server.url()).download(URI.create(server.url() + "/f?sig=1"), "download f"))
                    .isInstanceOf(DeskFileUnavailableException.class)
                    .hasMessage("desk could not download f (GET " + server.url() + "/f): HTTP 400: bad");
            assertThat(server.requests()).hasSize(1);
        }
    }

    @Test
    void aFileOfExactlyTheLimitIsDownloaded() throws Exception {
        try (LoopbackServer server = new LoopbackServer(r -> new Answer(200, Map.of(), new byte[10]))) {
            try (InputStream in = http(server.url(), Duration.ofSeconds(5), Duration.ZERO, 10)
                    .download(URI.create(server.url() + "/f"), "download f")) {
                assertThat(in.readAllBytes()).hasSize(10);
            }
        }
    }

    @Test
    void aUrlWithoutHostIsRefused() {
        assertThatThrownBy(() -> http("http://h").download(URI.create("mailto:a@b.example"), "download f"))
                .isInstanceOf(DeskFileUnavailableException.class)
                .hasMessage("desk could not download f: its URL mailto:a@b.example, which is not an absolute URL;"
                        + " not fetched");
    }

    @Test
    void aStreamedFileWithoutLengthIsCutAtTheLimit() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            int size = Integer.parseInt(exchange.getRequestURI().getPath().substring(1));
            exchange.sendResponseHeaders(200, 0); // chunked: no Content-Length
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(new byte[size]);
            }
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            DeskHttp http = http(base, Duration.ofSeconds(5), Duration.ZERO, 4);
            try (InputStream in = http.download(URI.create(base + "/4"), "download f")) {
                assertThat(in.readAllBytes()).hasSize(4);
            }
            try (InputStream in = http.download(URI.create(base + "/4"), "download f")) {
                for (int i = 0; i < 4; i++) {
                    assertThat(in.read()).isZero();
                }
                assertThat(in.read()).isEqualTo(-1);
            }
            try (InputStream in = http.download(URI.create(base + "/5"), "download f")) {
                assertThatThrownBy(in::readAllBytes)
                        .isInstanceOf(DeskFileUnavailableException.class)
                        .hasMessage("desk could not download f: the file has more than 4 bytes, the limit");
            }
            try (InputStream in = http.download(URI.create(base + "/5"), "download f")) {
                for (int i = 0; i < 4; i++) {
                    assertThat(in.read()).isZero();
                }
                assertThatThrownBy(in::read).isInstanceOf(DeskFileUnavailableException.class);
            }
        } finally {
            server.stop(0);
        }
    }
}

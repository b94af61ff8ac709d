package org.entsupport.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.entsupport.core.Actor;
import org.entsupport.core.NewTicket;
import org.entsupport.core.Support;
import org.entsupport.core.attachment.AttachmentPolicy;
import org.entsupport.core.attachment.InMemoryAttachmentStore;
import org.entsupport.http.SupportHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The API on a real Vert.x 5 server, called over HTTP. */
class SupportRouterTest {

    static final Actor ALICE =
            Actor.user("u-alice", "Alice Martin").memberOf("school-1").build();
    static final Actor BRUNO =
            Actor.user("u-bruno", "Bruno Durand").adminOf("school-1").build();

    private Vertx vertx;
    private HttpServer server;
    private SupportRouter binding;
    private Support support;
    private final List<String> resolverThreads = new CopyOnWriteArrayList<>();
    private final List<JsonObject> published = new CopyOnWriteArrayList<>();
    private final HttpClient client = HttpClient.newHttpClient();
    private int port;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        vertx.eventBus().<JsonObject>consumer("support.test", m -> published.add(m.body()));
        support = Support.builder()
                .directory(school -> Set.of("u-bruno"))
                .attachmentStore(new InMemoryAttachmentStore())
                .attachmentPolicy(AttachmentPolicy.builder()
                        .maxFileSize(30L * 1024 * 1024)
                        .maxTotalPerTicket(60L * 1024 * 1024)
                        .build())
                .notifier(new EventBusNotifier(vertx, "support.test"))
                .linkTemplate("https://ent.example/support#/ticket/{id}")
                .build();
        Map<String, Actor> actors = Map.of("u-alice", ALICE, "u-bruno", BRUNO);
        SupportHttp api = SupportHttp.builder(support, request -> {
                    resolverThreads.add(Thread.currentThread().getName());
                    assertThat(request.hostContext()).get().isInstanceOf(io.vertx.ext.web.RoutingContext.class);
                    return request.header("X-User").map(actors::get);
                })
                .maxUploadBytes(32L * 1024 * 1024)
                .build();
        Router router = Router.router(vertx);
        binding =
                SupportRouter.builder(vertx, api).workerPool("support-test", 4).build();
        binding.mount(router);
        server = vertx.createHttpServer()
                .requestHandler(router)
                .listen(0)
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        port = server.actualPort();
    }

    @AfterEach
    void stop() throws Exception {
        binding.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private HttpRequest.Builder request(String path, String user) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1" + path))
                .header("X-User", user)
                .timeout(java.time.Duration.ofSeconds(30));
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return SupportHttp.objectMapper().readTree(r.body());
    }

    @Test
    void servesTheApiOffTheEventLoop() throws Exception {
        HttpResponse<String> created = client.send(
                request("/tickets", "u-alice")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"school\":\"school-1\",\"category\":\"/blog\","
                                + "\"subject\":\"Publication\",\"description\":\"Rien ne se passe.\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("ETag")).isPresent();
        HttpResponse<String> list =
                client.send(request("/tickets", "u-bruno").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(json(list).path("items").get(0).path("subject").asText()).isEqualTo("Publication");
        HttpResponse<String> problem =
                client.send(request("/tickets/999", "u-bruno").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(problem.statusCode()).isEqualTo(404);
        assertThat(problem.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(resolverThreads).isNotEmpty().allSatisfy(t -> assertThat(t).doesNotContain("eventloop"));
    }

    @Test
    void aBigUploadStreamsThroughAndComesBackWhole() throws Exception {
        byte[] file = new byte[20 * 1024 * 1024];
        new Random(1).nextBytes(file);
        // a PDF header so that the content is an accepted type
        byte[] pdf = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(pdf, 0, file, 0, pdf.length);
        String boundary = "b0undary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"school\"\r\n\r\nschool-1\r\n"
                        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"category\"\r\n\r\n/blog\r\n"
                        + "--" + boundary
                        + "\r\nContent-Disposition: form-data; name=\"subject\"\r\n\r\nGros fichier\r\n"
                        + "--" + boundary
                        + "\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\nVoir PDF\r\n"
                        + "--" + boundary
                        + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"doc.pdf\"\r\n"
                        + "Content-Type: application/pdf\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> created = client.send(
                request("/tickets", "u-alice")
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = json(created).path("id").asLong();
        long attachment = support.attachments(ALICE, id).get(0).id();
        HttpResponse<byte[]> download = client.send(
                request("/tickets/" + id + "/attachments/" + attachment, "u-bruno")
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type")).contains("application/pdf");
        assertThat(download.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(download.headers().firstValue("Content-Disposition"))
                .get()
                .asString()
                .startsWith("attachment;");
        assertThat(download.body()).isEqualTo(file);
    }

    @Test
    void aBodyAnnouncedOverTheLimitIsRefusedBeforeItIsSent() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/tickets HTTP/1.1\r\nHost: localhost\r\nX-User: u-alice\r\n"
                            + "Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 100000000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // not one byte of the body is sent: the answer comes anyway
            InputStream in = socket.getInputStream();
            byte[] head = new byte[12];
            int n = in.readNBytes(head, 0, head.length);
            assertThat(new String(head, 0, n, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 413");
            String rest = new String(in.readAllBytes(), StandardCharsets.UTF_8); // until the server closes
            assertThat(rest.toLowerCase(java.util.Locale.ROOT)).contains("connection: close");
        }
    }

    @Test
    void theCsvExportStreamsToTheClient() throws Exception {
        for (int i = 0; i < 2000; i++) {
            support.create(
                    ALICE,
                    NewTicket.builder()
                            .school("school-1")
                            .category("/blog")
                            .subject("Demande " + i)
                            .description("d")
                            .build());
        }
        HttpResponse<InputStream> r = client.send(
                request("/tickets/export.csv", "u-bruno").build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Length"))
                .as("streamed, length unknown")
                .isEmpty();
        assertThat(r.headers().firstValue("Content-Disposition"))
                .get()
                .asString()
                .startsWith("attachment;");
        String csv;
        try (InputStream in = r.body()) {
            csv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(csv.split("\r\n")).hasSize(2001);
    }

    @Test
    void notificationsArePublishedOnTheEventBus() throws Exception {
        support.create(
                ALICE,
                NewTicket.builder()
                        .school("school-1")
                        .category("/blog")
                        .subject("Bus")
                        .description("d")
                        .build());
        support.relay().deliverDue();
        CompletableFuture<Void> arrived = CompletableFuture.runAsync(() -> {
            while (published.isEmpty()) {
                Thread.onSpinWait();
            }
        });
        arrived.get(10, TimeUnit.SECONDS);
        JsonObject m = published.get(0);
        assertThat(m.getString("type")).isEqualTo("ticket-created");
        assertThat(m.getString("link")).startsWith("https://ent.example/support#/ticket/");
        JsonObject recipient = m.getJsonArray("recipients").getJsonObject(0);
        assertThat(recipient.getString("userId")).isEqualTo("u-bruno");
        assertThat(recipient.getString("subject")).contains("Bus");
        assertThat(Optional.ofNullable(m.getString("occurredAt")))
                .get()
                .asString()
                .endsWith("Z");
    }
}

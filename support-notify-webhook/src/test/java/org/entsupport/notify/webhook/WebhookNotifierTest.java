package org.entsupport.notify.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.entsupport.notify.DeliveryException;
import org.entsupport.notify.Notification;
import org.entsupport.notify.NotificationParameters;
import org.entsupport.notify.NotificationType;
import org.entsupport.notify.Recipient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookNotifierTest {

    private static final String SECRET = "0123456789abcdef-shared-secret";
    private static final Instant NOW = Instant.parse("2025-03-14T09:27:00Z");
    private static final UUID ID = UUID.fromString("6f1c2b4e-8d3a-4c5b-9e7f-0a1b2c3d4e5f");

    private Receiver receiver;

    @BeforeEach
    void start() throws Exception {
        receiver = new Receiver();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private WebhookNotifier.Builder webhook() {
        return WebhookNotifier.builder()
                .url(receiver.url("/hooks/support?token=abc"))
                .secret(SECRET)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static Notification notification() {
        return Notification.builder()
                .id(ID)
                .type(NotificationType.TICKET_COMMENTED)
                .ticket(42, "42")
                .school("0750001A", "Collège Jean Moulin")
                .actor("u-owner", "Camille Martin")
                .recipient(Recipient.of("u-admin", "Dominique Pétit", Locale.FRANCE, "secret.address@example.org"))
                .occurredAt(Instant.parse("2025-03-14T09:26:53Z"))
                .parameter(NotificationParameters.SUBJECT, "Impossible de publier « devoirs »")
                .parameter(NotificationParameters.COMMENT, "Merci d’avance")
                .link("https://ent.example/support#/ticket/42")
                .build();
    }

    private DeliveryException failure(WebhookNotifier webhook) {
        try {
            webhook.deliver(notification());
        } catch (DeliveryException e) {
            return e;
        }
        throw new AssertionError("the delivery succeeded");
    }

    @Test
    void postsSignedJsonWithTheDeliveryHeaders() throws Exception {
        webhook().header("Authorization", "Bearer receiver-token").build().deliver(notification());

        assertThat(receiver.requests).hasSize(1);
        Receiver.Request r = receiver.requests.get(0);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/hooks/support?token=abc");
        assertThat(r.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(r.header(WebhookNotifier.DELIVERY_HEADER)).isEqualTo(ID.toString());
        assertThat(r.header(WebhookNotifier.EVENT_HEADER)).isEqualTo("ticket-commented");
        assertThat(r.header(WebhookNotifier.TIMESTAMP_HEADER)).isEqualTo(Long.toString(NOW.getEpochSecond()));
        assertThat(r.header("Authorization")).isEqualTo("Bearer receiver-token");

        // The signature, recomputed independently of the notifier's code.
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((NOW.getEpochSecond() + ".").getBytes(StandardCharsets.UTF_8));
        assertThat(r.header(WebhookNotifier.SIGNATURE_HEADER))
                .isEqualTo(HexFormat.of().formatHex(mac.doFinal(r.body())));
        assertThat(WebhookNotifier.verify(
                        SECRET,
                        r.header(WebhookNotifier.TIMESTAMP_HEADER),
                        r.body(),
                        r.header(WebhookNotifier.SIGNATURE_HEADER),
                        NOW.plusSeconds(30),
                        Duration.ofMinutes(5)))
                .isTrue();

        JsonNode json = new ObjectMapper().readTree(r.body());
        assertThat(json.get("id").asText()).isEqualTo(ID.toString());
        assertThat(json.get("type").asText()).isEqualTo("ticket-commented");
        assertThat(json.get("occurredAt").asText()).isEqualTo("2025-03-14T09:26:53Z");
        assertThat(json.at("/ticket/id").asLong()).isEqualTo(42);
        assertThat(json.at("/ticket/number").asText()).isEqualTo("42");
        assertThat(json.at("/ticket/link").asText()).isEqualTo("https://ent.example/support#/ticket/42");
        assertThat(json.at("/school/name").asText()).isEqualTo("Collège Jean Moulin");
        assertThat(json.at("/actor/name").asText()).isEqualTo("Camille Martin");
        assertThat(json.at("/recipients/0/userId").asText()).isEqualTo("u-admin");
        assertThat(json.at("/recipients/0/locale").asText()).isEqualTo("fr-FR");
        assertThat(json.at("/parameters/subject").asText()).isEqualTo("Impossible de publier « devoirs »");
        assertThat(r.bodyText()).doesNotContain("secret.address@example.org");
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 201, 202, 204})
    void twoHundredsAreSuccesses(int status) throws Exception {
        receiver.status = status;

        webhook().build().deliver(notification());

        assertThat(receiver.requests).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504, 408})
    void serverErrorsAndRequestTimeoutsAreRetryable(int status) {
        receiver.status = status;
        receiver.responseBody = "try later";

        DeliveryException e = failure(webhook().build());

        assertThat(e.retryable()).isTrue();
        assertThat(e.retryAfter()).isEmpty();
        assertThat(e)
                .hasMessage("Webhook POST of notification " + ID + " (ticket-commented, ticket 42) to "
                        + "http://127.0.0.1:" + receiver.url("").getPort() + "/hooks/support?… answered HTTP " + status
                        + ": try later");
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 410, 422})
    void otherClientErrorsArePermanent(int status) {
        receiver.status = status;
        receiver.responseBody = "{\"error\":\"nope\"}";

        DeliveryException e = failure(webhook().build());

        assertThat(e.retryable()).isFalse();
        assertThat(e).hasMessageEndingWith("answered HTTP " + status + ": {\"error\":\"nope\"}");
    }

    @Test
    void tooManyRequestsHonoursRetryAfterSeconds() {
        receiver.status = 429;
        receiver.responseHeaders = Map.of("Retry-After", "120");

        DeliveryException e = failure(webhook().build());

        assertThat(e.retryable()).isTrue();
        assertThat(e.retryAfter()).contains(Duration.ofMinutes(2));
        assertThat(e).hasMessageEndingWith("answered HTTP 429 (retry after PT2M)");
    }

    @Test
    void tooManyRequestsHonoursRetryAfterDates() {
        receiver.status = 429;
        receiver.responseHeaders = Map.of("Retry-After", "Fri, 14 Mar 2025 09:30:30 GMT");

        assertThat(failure(webhook().build()).retryAfter()).contains(Duration.ofSeconds(210));
    }

    @Test
    void tooManyRequestsWithoutRetryAfterIsStillRetryable() {
        receiver.status = 429;

        DeliveryException e = failure(webhook().build());

        assertThat(e.retryable()).isTrue();
        assertThat(e.retryAfter()).isEmpty();
    }

    @Test
    void redirectsAreNeverFollowed() throws Exception {
        try (Receiver elsewhere = new Receiver()) {
            receiver.status = 307;
            receiver.responseHeaders =
                    Map.of("Location", elsewhere.url("/moved?token=xyz").toString());

            DeliveryException e = failure(webhook().build());

            assertThat(e.retryable()).isFalse();
            assertThat(e)
                    .hasMessageContaining("answered HTTP 307; redirects are never followed")
                    .hasMessageContaining("(Location: " + elsewhere.url("/moved") + "?…)")
                    .hasMessageNotContaining("xyz");
            assertThat(elsewhere.requests).isEmpty();
        }
    }

    @Test
    void aSlowReceiverTimesOutAndIsRetryable() {
        receiver.delayMillis = 3_000;

        DeliveryException e =
                failure(webhook().requestTimeout(Duration.ofMillis(300)).build());

        assertThat(e.retryable()).isTrue();
        assertThat(e).hasMessageEndingWith("failed: no answer within PT0.3S (request timed out)");
    }

    @Test
    void aClosedPortIsRetryable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }

        DeliveryException e = failure(
                webhook().url(URI.create("http://127.0.0.1:" + port + "/x")).build());

        assertThat(e.retryable()).isTrue();
        assertThat(e).hasMessageContaining("to http://127.0.0.1:" + port + "/x failed: ");
    }

    @Test
    void anOversizedBodyIsPermanentAndNotSent() {
        Notification big = notification().toBuilder()
                .parameter(NotificationParameters.COMMENT, "x".repeat(5_000))
                .build();

        assertThatThrownBy(() -> webhook().maxBodySize(4_096).build().deliver(big))
                .isInstanceOfSatisfying(
                        DeliveryException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageMatching(".* not sent: its body of \\d+ bytes exceeds maxBodySize 4096");
        assertThat(receiver.requests).isEmpty();
    }

    @Test
    void aBodyOfExactlyMaxBodySizeIsSent() throws Exception {
        Notification big = notification().toBuilder()
                .parameter(NotificationParameters.COMMENT, "x".repeat(2_000))
                .build();
        String refusal = "";
        try {
            webhook().maxBodySize(1_024).build().deliver(big);
        } catch (DeliveryException e) {
            refusal = e.getMessage();
        }
        int size = Integer.parseInt(refusal.replaceAll(".* its body of (\\d+) bytes.*", "$1"));

        webhook().maxBodySize(size).build().deliver(big);

        assertThat(receiver.requests)
                .singleElement()
                .satisfies(r -> assertThat(r.body()).hasSize(size));
    }

    @Test
    void status300IsARedirectAndIsPermanent() {
        receiver.status = 300;

        DeliveryException e = failure(webhook().build());

        assertThat(e.retryable()).isFalse();
        assertThat(e).hasMessageEndingWith("answered HTTP 300; redirects are never followed: configure the final URL");
    }

    @Test
    void aRelativeOrUnreadableLocationIsShownWithoutItsQuery() {
        receiver.status = 302;
        receiver.responseHeaders = Map.of("Location", "/moved/here?token=xyz");

        assertThat(failure(webhook().build()))
                .hasMessageEndingWith("answered HTTP 302; redirects are never followed: configure the final URL"
                        + " (Location: /moved/here)");

        receiver.responseHeaders = Map.of("Location", "http://[broken");
        assertThat(failure(webhook().build())).hasMessageEndingWith(" (Location: (unreadable))");
    }

    @Test
    void aClosedNotifierRefusesToDeliver() {
        WebhookNotifier webhook = webhook().build();
        webhook.close();

        assertThatThrownBy(() -> webhook.deliver(notification()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageEndingWith(" is closed");
        assertThat(receiver.requests).isEmpty();
    }

    @Test
    void neverShowsTheSecretTheQueryOrHeaderValues() {
        WebhookNotifier webhook =
                webhook().header("Authorization", "Bearer receiver-token").build();

        assertThat(webhook.toString())
                .isEqualTo("WebhookNotifier[name=webhook, url=http://127.0.0.1:"
                        + receiver.url("").getPort()
                        + "/hooks/support?…, secret=****, headers=[Authorization], connectTimeout=PT5S,"
                        + " requestTimeout=PT10S, maxBodySize=1048576]")
                .doesNotContain(SECRET, "token=abc", "receiver-token");
        receiver.status = 401;
        assertThat(failure(webhook).getMessage()).doesNotContain(SECRET, "token=abc", "receiver-token");
    }
}

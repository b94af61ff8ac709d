package org.entsupport.notify.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SignatureTest {

    private static final String SECRET = "0123456789abcdef";
    private static final byte[] BODY = "{\"id\":\"x\",\"subject\":\"élève\"}".getBytes(StandardCharsets.UTF_8);
    private static final Instant SIGNED = Instant.ofEpochSecond(1_741_944_420L);
    private static final String TS = Long.toString(SIGNED.getEpochSecond());

    @Test
    void signatureIsLowercaseHexOf32Bytes() {
        assertThat(WebhookNotifier.sign(SECRET, TS, BODY)).matches("[0-9a-f]{64}");
        assertThat(WebhookNotifier.sign(SECRET, TS, BODY)).isEqualTo(WebhookNotifier.sign(SECRET, TS, BODY));
    }

    @Test
    void verifiesOnlyTheExactBodyTimestampAndSecret() {
        String sig = WebhookNotifier.sign(SECRET, TS, BODY);

        assertThat(WebhookNotifier.verify(SECRET, TS, BODY, sig)).isTrue();
        assertThat(WebhookNotifier.verify(SECRET, TS, BODY, sig.toUpperCase())).isTrue();
        assertThat(WebhookNotifier.verify(SECRET, TS, "{\"id\":\"y\"}".getBytes(StandardCharsets.UTF_8), sig))
                .isFalse();
        assertThat(WebhookNotifier.verify(SECRET, Long.toString(SIGNED.getEpochSecond() + 1), BODY, sig))
                .isFalse();
        assertThat(WebhookNotifier.verify("another-secret-of-16", TS, BODY, sig))
                .isFalse();
        assertThat(WebhookNotifier.verify(SECRET, TS, BODY, "not-hex")).isFalse();
        assertThat(WebhookNotifier.verify(SECRET, TS, BODY, null)).isFalse();
    }

    @Test
    void rejectsStaleOrFutureTimestamps() {
        String sig = WebhookNotifier.sign(SECRET, TS, BODY);
        Duration fiveMinutes = Duration.ofMinutes(5);

        assertThat(WebhookNotifier.verify(SECRET, TS, BODY, sig, SIGNED.plusSeconds(299), fiveMinutes))
                .isTrue();
        assertThat(WebhookNotifier.verify(SECRET, TS, BODY, sig, SIGNED.plusSeconds(301), fiveMinutes))
                .isFalse();
        assertThat(WebhookNotifier.verify(SECRET, TS, BODY, sig, SIGNED.minusSeconds(301), fiveMinutes))
                .isFalse();
        assertThat(WebhookNotifier.verify(SECRET, TS, BODY, sig, SIGNED.plusSeconds(300), fiveMinutes))
                .as("exactly at the tolerance")
                .isTrue();
        assertThat(WebhookNotifier.verify(
                        SECRET, TS, BODY, (sig.charAt(0) == '0' ? "1" : "0") + sig.substring(1), SIGNED, fiveMinutes))
                .as("one digit changed")
                .isFalse();
        assertThat(WebhookNotifier.verify(SECRET, TS, BODY, "bad", SIGNED, fiveMinutes))
                .isFalse();
        assertThat(WebhookNotifier.verify(SECRET, null, BODY, sig, SIGNED, fiveMinutes))
                .isFalse();
        String nonNumeric = "soon";
        assertThat(WebhookNotifier.verify(
                        SECRET, nonNumeric, BODY, WebhookNotifier.sign(SECRET, nonNumeric, BODY), SIGNED, fiveMinutes))
                .isFalse();
    }

    @Test
    void refusesAnEmptySecret() {
        assertThatThrownBy(() -> WebhookNotifier.sign("", TS, BODY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("secret must not be empty");
    }
}

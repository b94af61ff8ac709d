package org.entsupport.notify.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebhookNotifierBuilderTest {

    private static WebhookNotifier.Builder valid() {
        return WebhookNotifier.builder()
                .url("https://hooks.ent.example/support")
                .secret("0123456789abcdef");
    }

    @Test
    void buildsWithDefaults() {
        WebhookNotifier webhook = valid().build();

        assertThat(webhook.name()).isEqualTo("webhook");
        assertThat(valid().name("webhook-desk").build().name()).isEqualTo("webhook-desk");
        assertThat(webhook.toString()).contains("url=https://hooks.ent.example/support", "connectTimeout=PT5S");
    }

    @Test
    void rejectsInvalidSettingsNamingPropertyLimitAndValue() {
        assertThatThrownBy(() ->
                        WebhookNotifier.builder().secret("0123456789abcdef").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("url is required: where to POST the notifications");
        assertThatThrownBy(() -> valid().url("ftp://hooks.ent.example/x").build())
                .hasMessage("url must be an absolute http or https URL, but was 'ftp://hooks.ent.example/x'");
        assertThatThrownBy(() -> valid().url("/relative").build())
                .hasMessage("url must be an absolute http or https URL, but was '/relative'");
        assertThatThrownBy(() ->
                        valid().url("https://user:pa55@hooks.ent.example/x").build())
                .hasMessage("url must not carry credentials (user info), but 'https://hooks.ent.example/x' does;"
                        + " send them with header(\"Authorization\", ...)");
        assertThatThrownBy(() -> valid().url("https://hooks ent/x"))
                .hasMessageStartingWith("url must be a valid URI, but was 'https://hooks ent/x': ");
        assertThatThrownBy(() -> valid().secret("short").build())
                .hasMessage("secret must be between 16 and 1024 characters long, but had 5");
        assertThatThrownBy(() ->
                        WebhookNotifier.builder().url("https://h.example/").build())
                .hasMessage("secret is required: the key of the HMAC-SHA256 signature");
        assertThatThrownBy(() -> valid().connectTimeout(Duration.ofMillis(-1)).build())
                .hasMessage("connectTimeout must be between PT0.001S and PT5M, but was PT-0.001S");
        assertThatThrownBy(() -> valid().requestTimeout(Duration.ofHours(1)).build())
                .hasMessage("requestTimeout must be between PT0.001S and PT5M, but was PT1H");
        assertThatThrownBy(() -> valid().maxBodySize(10).build())
                .hasMessage("maxBodySize must be between 1024 and 16777216 bytes, but was 10");
        assertThatThrownBy(() -> valid().name("").build()).hasMessage("name must not be blank, but was ''");
    }

    @Test
    void acceptsTheLimitsOfEachSetting() {
        assertThat(valid().secret("s".repeat(1_024))
                        .connectTimeout(Duration.ofMillis(1))
                        .requestTimeout(Duration.ofMinutes(5))
                        .maxBodySize(1_024)
                        .build()
                        .toString())
                .contains("connectTimeout=PT0.001S, requestTimeout=PT5M, maxBodySize=1024");
        assertThat(valid().connectTimeout(Duration.ofMinutes(5))
                        .requestTimeout(Duration.ofMillis(1))
                        .maxBodySize(16 * 1024 * 1024)
                        .build()
                        .toString())
                .contains("connectTimeout=PT5M, requestTimeout=PT0.001S, maxBodySize=16777216");
        assertThatThrownBy(() -> valid().secret("s".repeat(1_025)).build())
                .hasMessage("secret must be between 16 and 1024 characters long, but had 1025");
        assertThatThrownBy(() -> valid().secret("s".repeat(15)).build())
                .hasMessage("secret must be between 16 and 1024 characters long, but had 15");
        assertThatThrownBy(() -> valid().maxBodySize(16 * 1024 * 1024 + 1).build())
                .hasMessage("maxBodySize must be between 1024 and 16777216 bytes, but was 16777217");
        assertThat(valid().header("X-Token!#$%&'*+-.^_`|~09az", "v").build().toString())
                .contains("headers=[X-Token!#$%&'*+-.^_`|~09az]");
    }

    @Test
    void rejectsHeaderNamesWithSeparatorsOrControls() {
        for (String name : new String[] {"(X", "X\u007F", "X\u0000", "", "X:Y", "X}"}) {
            assertThatThrownBy(() -> valid().header(name, "v"))
                    .as("header name %s", name)
                    .hasMessage("header name must be an HTTP token, but was '" + name + "'");
        }
    }

    @Test
    void rejectsHeadersItSetsOrThatCouldInjectLines() {
        assertThatThrownBy(() -> valid().header("Content-Type", "text/plain"))
                .hasMessageStartingWith(
                        "header Content-Type is set by the notifier and cannot be configured; reserved: ");
        assertThatThrownBy(() -> valid().header("x-entsupport-signature", "forged"))
                .hasMessageStartingWith("header x-entsupport-signature is set by the notifier");
        assertThatThrownBy(() -> valid().header("Bad Name", "v"))
                .hasMessage("header name must be an HTTP token, but was 'Bad Name'");
        assertThatThrownBy(() -> valid().header("X-Token", "a\r\nX-Injected: 1"))
                .hasMessage("header X-Token must have a single-line value");
    }
}

package org.entsupport.desk.redmine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.entsupport.core.desk.DeskException;
import org.entsupport.desk.testing.LoopbackServer;
import org.entsupport.desk.testing.LoopbackServer.Answer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which desk answers the outbox tries again later, and when: the relay's retry decision rests on this. */
class RedmineErrorClassificationTest {

    private static RedmineDesk desk(String url) {
        return RedmineDesk.builder()
                .baseUrl(url)
                .apiKey("k3y-0123456789")
                .project("p")
                .trackerId(3)
                .connectTimeout(Duration.ofSeconds(2))
                .requestTimeout(Duration.ofSeconds(5))
                .maxRetryWait(Duration.ZERO)
                .build();
    }

    private static DeskException failureOf(int status, Map<String, String> headers) throws Exception {
        try (LoopbackServer server = new LoopbackServer(r -> r.path().startsWith("/users/current.json")
                ? Answer.json(200, "{\"user\":{\"id\":1,\"login\":\"connector\"}}")
                : new Answer(
                        status, headers, "{\"errors\":[\"no\"]}".getBytes(java.nio.charset.StandardCharsets.UTF_8)))) {
            RedmineDesk desk = desk(server.url());
            Throwable[] thrown = new Throwable[1];
            assertThatThrownBy(() -> desk.changesOf("7"))
                    .isInstanceOf(DeskException.class)
                    .satisfies(e -> thrown[0] = e);
            return (DeskException) thrown[0];
        }
    }

    @ParameterizedTest(name = "HTTP {0} retryable: {1}")
    @CsvSource({
        "400, false",
        "401, false",
        "403, false",
        "404, false",
        "409, false",
        "413, false",
        "422, false",
        "499, false",
        "408, true",
        "429, true",
        "500, true",
        "502, true",
        "503, true",
        "504, true",
        "599, true"
    })
    void serverSideAndThrottlingAnswersAreRetriedRefusalsAreNot(int status, boolean retryable) throws Exception {
        DeskException e = failureOf(status, Map.of());

        assertThat(e.retryable()).isEqualTo(retryable);
        assertThat(e.httpStatus()).isEqualTo(status);
        assertThat(e.getMessage()).contains("HTTP " + status);
        assertThat(e.retryAfter()).isEmpty();
    }

    @ParameterizedTest(name = "HTTP {0} Retry-After {1}")
    @CsvSource({"429, 7200, 7200", "503, 120, 120", "429, -5, 0", "503, soon, ", "429, Fri, "})
    void theDesksRetryAfterIsKeptInSecondsWhenItCanBeRead(int status, String header, Long seconds) throws Exception {
        DeskException e = failureOf(status, Map.of("Retry-After", header));

        assertThat(e.retryable()).isTrue();
        assertThat(e.retryAfter()).isEqualTo(Optional.ofNullable(seconds).map(Duration::ofSeconds));
    }
}

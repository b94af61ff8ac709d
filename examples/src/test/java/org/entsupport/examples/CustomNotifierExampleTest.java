package org.entsupport.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Runs the custom notifier example and checks both registrations reached the host's timeline. */
class CustomNotifierExampleTest {

    @Test
    void bothRegistrationsPostToTheHostTimeline() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CustomNotifierExample.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out)
                .contains(
                        "explicit registration:\n  u-bruno <- ",
                        "Cannot publish",
                        "ServiceLoader discovery:\n  u-bruno <- ",
                        "Mail is slow",
                        "(https://ent.example/support#/ticket/1)");
        assertThat(out.lines().filter(l -> l.startsWith("  u-bruno <- "))).hasSize(2);
    }
}

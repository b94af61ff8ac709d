package org.entsupport.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Runs the quick start and checks what a person would have seen. */
class QuickStartTest {

    private static String run(Locale locale) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new QuickStart(new PrintStream(bytes, true, StandardCharsets.UTF_8), locale).run();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void frenchRunShowsEveryStep() {
        String out = run(Locale.FRENCH);
        assertThat(out).contains("== Alice dépose une demande", "Liste de Bruno (1)", "Nouveau",
                "== Bruno répond et attend Alice", "En attente utilisateur",
                "== Alice répond : la demande repasse en cours", "En cours",
                "== Alice indique que le problème est résolu", "Résolu",
                "Bruno Durand : Quel navigateur utilisez-vous ?", "[escalation-requested]");
    }

    @Test
    void englishRunSpeaksEnglish() {
        String out = run(Locale.ENGLISH);
        assertThat(out).contains("== Alice files a request", "List of Bruno (1)", "Waiting for requester",
                "Timeline of request #1").doesNotContain("Nouveau");
    }
}

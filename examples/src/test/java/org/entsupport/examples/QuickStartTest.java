package org.entsupport.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Runs the quick start and checks what the people involved would have seen. */
class QuickStartTest {

    private static String run(Locale locale) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        QuickStart.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), locale);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void frenchRunShowsEveryStep() throws Exception {
        String out = run(Locale.FRENCH);
        assertThat(out)
                .contains(
                        "== Alice dépose une demande avec une capture d'écran",
                        "Demandes visibles par Bruno (1)",
                        "Nouvelle",
                        "Fil de nouveautés de Bruno (1 non lu(s))",
                        "* [Aide et support] Nouvelle demande n°1",
                        "== Bruno répond et attend Alice",
                        "En attente du demandeur",
                        "== Alice répond : la demande repasse en cours",
                        "En cours",
                        "== Bruno transmet la demande au support",
                        "Transmission : Transmise au support (memory #",
                        "== Le support répond : Alice et Bruno sont prévenus",
                        "== Alice indique que le problème est résolu",
                        "Résolue",
                        "Bruno Durand : Quel navigateur utilisez-vous ?",
                        "Agent Dupont (support) : Bonjour, videz le cache du navigateur puis réessayez.",
                        "Fichiers ajoutés : capture-ecran.png",
                        "Non lus d'Alice après lecture : 0");
        // the desk's answer reached both of them
        String afterDesk = out.substring(out.indexOf("== Le support répond"));
        assertThat(afterDesk.substring(0, afterDesk.indexOf("== Alice indique")))
                .contains("Fil de nouveautés d'Alice", "Fil de nouveautés de Bruno")
                .containsPattern("\\* \\[Aide et support\\][^\\n]*support");
    }

    @Test
    void englishRunSpeaksEnglish() throws Exception {
        String out = run(Locale.ENGLISH);
        assertThat(out)
                .contains(
                        "== Alice files a request with a screenshot",
                        "Requests visible to Bruno (1)",
                        "News feed of Bruno (1 unread)",
                        "Waiting for the requester",
                        "Timeline of request #1",
                        "Files added: screenshot.png")
                .doesNotContain("Nouvelle", "Fil de nouveautés");
    }
}

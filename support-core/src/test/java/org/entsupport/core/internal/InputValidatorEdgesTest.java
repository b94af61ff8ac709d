package org.entsupport.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Consumer;
import org.entsupport.core.TextFormat;
import org.entsupport.core.ValidationException;
import org.entsupport.core.Violation;
import org.junit.jupiter.api.Test;

/** The validator at the edges of its text checks: the end of the text, the size bounds of rich text, bidi ranges. */
class InputValidatorEdgesTest {

    private static List<Violation> violations(Consumer<InputValidator> checks) {
        InputValidator v = new InputValidator();
        checks.accept(v);
        try {
            v.throwIfAny();
            return List.of();
        } catch (ValidationException e) {
            return e.violations();
        }
    }

    @Test
    void aHighSurrogateAtTheVeryEndIsAnUnpairedSurrogate() {
        assertThat(violations(v -> v.singleLine("subject", "abc\uD83D", 10)))
                .singleElement()
                .satisfies(x -> assertThat(x.message()).isEqualTo("contains an unpaired surrogate at index 3"));
        assertThat(violations(v -> v.multiLine("description", "a\n\uD83D", 10)))
                .singleElement()
                .satisfies(x -> assertThat(x.message()).isEqualTo("contains an unpaired surrogate at index 2"));
        assertThat(violations(v -> v.singleLine("subject", "ab\uD83D\uDE00", 10)))
                .isEmpty();
    }

    @Test
    void everyBidiControlIsRefusedAndItsNeighboursAreNot() {
        for (char c : new char[] {'\u202A', '\u202E', '\u2066', '\u2069', '\u200E', '\u200F'}) {
            assertThat(violations(v -> v.singleLine("subject", "a" + c + "b", 10)))
                    .as("U+%04X", (int) c)
                    .extracting(Violation::code)
                    .containsExactly("control-characters");
        }
        for (char c : new char[] {'\u2029', '\u202F', '\u2065', '\u206A', '\u200D', '\u2010'}) {
            assertThat(violations(v -> v.singleLine("subject", "a" + c + "b", 10)))
                    .as("U+%04X", (int) c)
                    .isEmpty();
        }
    }

    @Test
    void richTextLongerThanEightTimesItsLimitPlusOneKibibyteIsRefusedBeforeSanitising() {
        RichText rich = RichText.of(List.of());
        int max = 10;
        int bound = 8 * max + 1024;
        String atBound = "<q></q>".repeat((bound - 1) / 7) + "x".repeat(bound - 7 * ((bound - 1) / 7));
        assertThat(atBound).hasSize(bound);
        assertThat(violations(v -> v.content("description", atBound, TextFormat.HTML, max, rich)))
                .as("at the bound the text is sanitised and counted on its plain text")
                .isEmpty();

        String beyond = atBound + "x";
        assertThat(violations(v -> v.content("description", beyond, TextFormat.HTML, max, rich)))
                .singleElement()
                .satisfies(x -> {
                    assertThat(x.code()).isEqualTo("too-long");
                    assertThat(x.arguments()).containsExactly(max, beyond.length());
                });
    }

    @Test
    void richTextWhosePlainTextIsAtItsLimitIsKeptAndOneMoreIsRefused() {
        RichText rich = RichText.of(List.of());
        assertThat(violations(
                        v -> v.content("description", "<p>" + "x".repeat(10) + "</p>", TextFormat.HTML, 10, rich)))
                .isEmpty();
        assertThat(violations(
                        v -> v.content("description", "<p>" + "x".repeat(11) + "</p>", TextFormat.HTML, 10, rich)))
                .singleElement()
                .satisfies(x -> assertThat(x.arguments()).containsExactly(10, 11));
    }

    @Test
    void richTextWithAControlCharacterIsRefusedWithNothingSanitised() {
        RichText rich = RichText.of(List.of());
        InputValidator v = new InputValidator();
        RichText.Content content = v.content("description", "<p>a\u0007b</p>", TextFormat.HTML, 10, rich);
        assertThat(content.plain()).isEmpty();
        assertThat(content.html()).isNull();
        assertThat(violations(x -> x.content("description", "<p>a\u0007b</p>", TextFormat.HTML, 10, rich)))
                .extracting(Violation::code)
                .containsExactly("control-characters");
    }
}

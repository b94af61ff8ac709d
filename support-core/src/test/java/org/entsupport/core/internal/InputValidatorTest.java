package org.entsupport.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import org.entsupport.core.Actor;
import org.entsupport.core.NewAttachment;
import org.entsupport.core.SupportSettings;
import org.entsupport.core.ValidationException;
import org.entsupport.core.Violation;
import org.entsupport.core.spi.CategoryCatalog;
import org.junit.jupiter.api.Test;

class InputValidatorTest {

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

    private static List<String> codes(Consumer<InputValidator> checks) {
        return violations(checks).stream().map(x -> x.field() + ":" + x.code()).toList();
    }

    @Test
    void nothingToSayThrowsNothing() {
        new InputValidator().throwIfAny();
        assertThat(violations(v -> v.singleLine("subject", "ok", 2))).isEmpty();
    }

    @Test
    void aSingleLineIsTrimmedAndCountedInCodePointsUpToItsMaximum() {
        String emoji = "\uD83D\uDE00";
        InputValidator v = new InputValidator();
        assertThat(v.singleLine("subject", "  " + emoji.repeat(3) + " ", 3)).isEqualTo(emoji.repeat(3));
        v.throwIfAny();

        List<Violation> tooLong = violations(x -> x.singleLine("subject", emoji.repeat(4), 3));
        assertThat(tooLong).singleElement().satisfies(x -> {
            assertThat(x.field()).isEqualTo("subject");
            assertThat(x.code()).isEqualTo("too-long");
            assertThat(x.message()).isEqualTo("must have at most 3 characters, but has 4");
            assertThat(x.arguments()).containsExactly(3, 4);
        });
        assertThat(codes(x -> x.singleLine("subject", " \t ", 3))).containsExactly("subject:blank");
    }

    @Test
    void aSingleLineRefusesLineBreaksControlsBidiOverridesAndLoneSurrogates() {
        assertThat(codes(v -> v.singleLine("subject", "a\nb", 10))).containsExactly("subject:line-break");
        assertThat(codes(v -> v.singleLine("subject", "a\rb", 10))).containsExactly("subject:line-break");
        assertThat(codes(v -> v.singleLine("subject", "a\tb", 10))).containsExactly("subject:control-characters");
        assertThat(codes(v -> v.singleLine("subject", "a\u202Eb", 10))).containsExactly("subject:control-characters");
        assertThat(codes(v -> v.singleLine("subject", "a\u2066b", 10))).containsExactly("subject:control-characters");
        assertThat(codes(v -> v.singleLine("subject", "a\u200Fb", 10))).containsExactly("subject:control-characters");
        assertThat(codes(v -> v.singleLine("subject", "a\uD83Db", 10))).containsExactly("subject:invalid");
        assertThat(codes(v -> v.singleLine("subject", "a\uDE00", 10))).containsExactly("subject:invalid");
        assertThat(violations(v -> v.singleLine("subject", "a\u0000b", 10)))
                .singleElement()
                .satisfies(x -> assertThat(x.message())
                        .isEqualTo("must not contain control characters, found U+0000 at index 1"));
        assertThat(codes(v -> v.singleLine("subject", "a\u2069 \u202A", 10))).hasSize(1);
        assertThat(codes(v -> v.singleLine("subject", "a\u2065b\u2029c", 10))).isEmpty();
    }

    @Test
    void aMultiLineKeepsLineBreaksAndTabsAndNormalisesCrLf() {
        InputValidator v = new InputValidator();
        assertThat(v.multiLine("description", "\n one\r\ntwo\tthree \n", 20)).isEqualTo("one\ntwo\tthree");
        v.throwIfAny();
        assertThat(codes(x -> x.multiLine("description", "abcd", 3))).containsExactly("description:too-long");
        assertThat(codes(x -> x.multiLine("description", "abc", 3))).isEmpty();
        assertThat(codes(x -> x.multiLine("description", "\r\n \n", 3))).containsExactly("description:blank");
        assertThat(codes(x -> x.multiLine("description", "a\u0007", 3)))
                .containsExactly("description:control-characters");
    }

    @Test
    void theCategoryIsRequiredBoundedAndInTheCatalogue() {
        Actor actor = Actor.user("u", "U").memberOf("s1").build();
        CategoryCatalog any = new CategoryCatalog() {
            @Override
            public List<org.entsupport.core.spi.Category> categories(Actor a) {
                return List.of();
            }

            @Override
            public boolean accepts(Actor a, String category) {
                return true;
            }
        };
        assertThat(codes(v -> v.category(any, actor, " "))).containsExactly("category:required");
        assertThat(codes(v -> v.category(any, actor, "/" + "c".repeat(254)))).isEmpty();
        assertThat(codes(v -> v.category(any, actor, "/" + "c".repeat(255)))).containsExactly("category:too-long");
        assertThat(codes(v -> v.category(CategoryCatalog.defaults(), actor, "/nowhere-at-all")))
                .containsExactly("category:unknown-category");
    }

    @Test
    void theSchoolIsRequiredAndMustBeOneOfTheActors() {
        Actor actor = Actor.user("u", "U").memberOf("s1").build();
        assertThat(codes(v -> v.school(actor, "s1"))).isEmpty();
        assertThat(codes(v -> v.school(actor, " "))).containsExactly("school:required");
        assertThat(violations(v -> v.school(actor, "s2")))
                .singleElement()
                .satisfies(x -> assertThat(x.message()).isEqualTo("'s2' is not one of the schools of user u"));
    }

    @Test
    void hostDocumentsAreCountedAgainstTheMaximumAndEachIdChecked() {
        SupportSettings two = SupportSettings.builder().maxAttachments(2).build();
        InputValidator v = new InputValidator();
        assertThat(v.attachments(List.of(NewAttachment.of("d1"), NewAttachment.of("d2")), two))
                .hasSize(2);
        v.throwIfAny();
        assertThat(codes(x -> x.attachments(
                        List.of(NewAttachment.of("a"), NewAttachment.of("b"), NewAttachment.of("c")), two)))
                .containsExactly("attachments:too-many");
        List<NewAttachment> bad = new ArrayList<>(List.of(NewAttachment.of("ok"), NewAttachment.of("x".repeat(256))));
        InputValidator w = new InputValidator();
        assertThat(w.attachments(bad, SupportSettings.defaults()))
                .extracting(NewAttachment::documentId)
                .containsExactly("ok");
        assertThatThrownBy(w::throwIfAny).hasMessageContaining("attachment 1 has an invalid document id");
        assertThat(codes(x -> x.attachments(List.of(NewAttachment.of("x".repeat(255))), SupportSettings.defaults())))
                .isEmpty();
    }

    @Test
    void anIdempotencyKeyIsOneTo255PrintableAsciiCharactersWithoutSpaces() {
        assertThat(codes(v -> v.idempotencyKey(null))).isEmpty();
        assertThat(codes(v -> v.idempotencyKey("!~" + "k".repeat(253)))).isEmpty();
        assertThat(codes(v -> v.idempotencyKey(""))).containsExactly("idempotencyKey:invalid");
        assertThat(codes(v -> v.idempotencyKey("k".repeat(256)))).containsExactly("idempotencyKey:invalid");
        assertThat(codes(v -> v.idempotencyKey("a b"))).containsExactly("idempotencyKey:invalid");
        assertThat(codes(v -> v.idempotencyKey("clé"))).containsExactly("idempotencyKey:invalid");
        assertThat(codes(v -> v.idempotencyKey("a\u007F"))).containsExactly("idempotencyKey:invalid");
    }

    @Test
    void bulkIdsAreDistinctNonEmptyAndAtMostTheBulkSize() {
        SupportSettings three = SupportSettings.builder().maxBulkSize(3).build();
        assertThat(InputValidator.bulkIds(List.of(3L, 1L, 3L, 2L), three)).containsExactly(3L, 1L, 2L);
        assertThatThrownBy(() -> InputValidator.bulkIds(List.of(), three))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("at least one ticket id is required");
        assertThatThrownBy(() -> InputValidator.bulkIds(List.of(1L, 2L, 3L, 4L), three))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("at most 3 tickets, but got 4");
        assertThat(InputValidator.bulkIds(Collections.nCopies(9, 5L), three)).containsExactly(5L);
    }

    @Test
    void abbreviationsShowFortyPrintableCharacters() {
        assertThat(InputValidator.abbreviate("a\u0000b")).isEqualTo("a?b");
        assertThat(InputValidator.abbreviate("x".repeat(40))).isEqualTo("x".repeat(40));
        assertThat(InputValidator.abbreviate("x".repeat(41))).isEqualTo("x".repeat(40) + "...");
    }
}

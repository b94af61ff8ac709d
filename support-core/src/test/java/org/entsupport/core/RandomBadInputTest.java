package org.entsupport.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketStatus;
import org.entsupport.core.model.TimelineEntry;
import org.junit.jupiter.api.Test;

/**
 * Throws thousands of bad inputs at create, update and comment. Each must be refused with a
 * {@link ValidationException} naming every bad field, in both languages, and leave the store exactly
 * as it was. The seed is printed on failure; run again with {@code -Dseed=N} to reproduce.
 */
class RandomBadInputTest {

    private static final int ROUNDS = 3_000;

    /** A bad value for a field, with the field it must be reported against. */
    private record Bad(String field, String value) {}

    @Test
    void everyBadInputIsRefusedWithAClearMessageAndChangesNothing() {
        long seed = Long.getLong("seed", System.nanoTime());
        try {
            run(new Random(seed));
        } catch (AssertionError e) {
            throw new AssertionError(
                    "failed with seed " + seed + " (rerun with -Dseed=" + seed + "): " + e.getMessage(), e);
        }
    }

    private void run(Random random) {
        Fixture f = new Fixture(SupportSettings.builder()
                .maxDescriptionLength(500)
                .maxCommentLength(300)
                .maxAttachments(3)
                .build());
        Ticket existing = f.file("s1", "Ticket existant");
        String before = snapshot(f, existing);
        for (int round = 0; round < ROUNDS; round++) {
            int op = random.nextInt(3);
            Set<String> expectedFields = new LinkedHashSet<>();
            Throwable thrown = switch (op) {
                case 0 -> catchThrowable(() -> f.support.create(f.owner, badCreate(random, expectedFields)));
                case 1 ->
                    catchThrowable(() -> f.support.update(
                            f.owner, existing.id(), badUpdate(random, existing.version(), expectedFields)));
                default ->
                    catchThrowable(() -> f.support.comment(f.owner, existing.id(), badComment(random, expectedFields)));
            };
            String what = List.of("create", "update", "comment").get(op) + " round " + round;
            assertThat(thrown).as(what).isInstanceOf(ValidationException.class);
            ValidationException ve = (ValidationException) thrown;
            Set<String> reported =
                    ve.violations().stream().map(Violation::field).collect(Collectors.toSet());
            assertThat(reported).as(what + ": " + ve.getMessage()).containsAll(expectedFields);
            assertThat(ve.getMessage()).as(what).startsWith("Invalid request: ");
            for (Violation v : ve.violations()) {
                assertThat(v.message()).as(what).isNotBlank();
                for (Locale locale : List.of(Locale.FRENCH, Locale.ENGLISH)) {
                    String text = v.userMessage(locale);
                    assertThat(text)
                            .as(what + " " + locale)
                            .isNotBlank()
                            .doesNotContain("violation.")
                            .doesNotContain("field.");
                }
            }
            assertThat(snapshot(f, existing)).as(what + ": the store changed").isEqualTo(before);
        }
    }

    // ------------------------------------------------------------ generators of bad values

    private static final List<Function<Random, String>> BAD_SUBJECTS = List.of(
            r -> "",
            r -> " \t ".repeat(1 + r.nextInt(3)).replace("\t", " "),
            r -> "x".repeat(256 + r.nextInt(100)),
            r -> "é".repeat(200) + "😀".repeat(56 + r.nextInt(10)),
            r -> "Sujet" + (char) r.nextInt(0x20) + "suite",
            r -> "Sujet\nsur deux lignes",
            r -> "Sujet" + (char) (0x7F + r.nextInt(0x21)) + "fin",
            r -> "abc\u202Egnp.exe",
            r -> "cassé " + '\uD800' + " fin");

    private static final List<Function<Random, String>> BAD_TEXTS = List.of(
            r -> "",
            r -> "   \n\n  ",
            r -> "y".repeat(501 + r.nextInt(1000)),
            r -> "texte" + (char) (1 + r.nextInt(8)) + "suite",
            r -> "abc\u2066caché",
            r -> "fin " + '\uDC00');

    private static String pick(Random r, List<Function<Random, String>> generators) {
        return generators.get(r.nextInt(generators.size())).apply(r);
    }

    private static NewTicket badCreate(Random r, Set<String> expected) {
        String school = "s1";
        String category = "/blog";
        String subject = "Un sujet correct";
        String description = "Une description correcte";
        String key = null;
        List<NewAttachment> attachments = new ArrayList<>();
        int badCount = 1 + r.nextInt(3);
        for (int i = 0; i < badCount; i++) {
            switch (r.nextInt(6)) {
                case 0 -> {
                    school = r.nextBoolean() ? "" : "school-of-someone-else-" + r.nextInt(100);
                    expected.add("school");
                }
                case 1 -> {
                    category = switch (r.nextInt(3)) {
                        case 0 -> " ";
                        case 1 -> "c".repeat(256 + r.nextInt(50));
                        default -> "/bl" + (char) r.nextInt(0x20) + "og";
                    };
                    expected.add("category");
                }
                case 2 -> {
                    subject = pick(r, BAD_SUBJECTS);
                    expected.add("subject");
                }
                case 3 -> {
                    description = pick(r, BAD_TEXTS);
                    expected.add("description");
                }
                case 4 -> {
                    key = switch (r.nextInt(3)) {
                        case 0 -> "";
                        case 1 -> "with space";
                        default -> "k".repeat(256);
                    };
                    expected.add("idempotencyKey");
                }
                default -> {
                    attachments = badAttachments(r);
                    expected.add("attachments");
                }
            }
        }
        return new NewTicket(school, category, subject, description, attachments, key);
    }

    private static List<NewAttachment> badAttachments(Random r) {
        List<NewAttachment> list = new ArrayList<>();
        list.add(NewAttachment.of("doc-1"));
        switch (r.nextInt(5)) {
            case 0 -> list.add(NewAttachment.of("doc\u0000" + r.nextInt(10)));
            case 1 -> list.add(NewAttachment.of("d".repeat(256 + r.nextInt(10))));
            case 2 -> list.add(NewAttachment.of(" "));
            case 3 -> list.add(NewAttachment.of("doc\u202E" + r.nextInt(10)));
            default -> {
                for (int i = 0; i < 3; i++) {
                    list.add(NewAttachment.of("doc-" + i));
                }
            }
        }
        return list;
    }

    private static TicketChanges badUpdate(Random r, long version, Set<String> expected) {
        TicketChanges changes = TicketChanges.basedOn(version);
        int badCount = 1 + r.nextInt(3);
        for (int i = 0; i < badCount; i++) {
            switch (r.nextInt(3)) {
                case 0 -> {
                    changes = changes.subject(pick(r, BAD_SUBJECTS));
                    expected.add("subject");
                }
                case 1 -> {
                    changes = changes.category(r.nextBoolean() ? "" : "z".repeat(300));
                    expected.add("category");
                }
                default -> {
                    changes = changes.description(pick(r, BAD_TEXTS));
                    expected.add("description");
                }
            }
        }
        if (r.nextInt(4) == 0) {
            // a good subject beside bad fields must not be written either
            changes = changes.subject("Sujet valide mais refusé avec le reste");
            expected.remove("subject");
            if (expected.isEmpty()) {
                changes = changes.description("");
                expected.add("description");
            }
        }
        return changes;
    }

    private static NewComment badComment(Random r, Set<String> expected) {
        if (r.nextInt(4) == 0) {
            expected.add("attachments");
            return new NewComment("Un commentaire correct", badAttachments(r));
        }
        expected.add("body");
        if (r.nextInt(4) == 0) {
            // HTML whose sanitised text is empty, or too long once sanitised
            return NewComment.html(List.of(
                            "<script>alert(1)</script>",
                            "<img src=x onerror=alert(1)>",
                            "<p> </p><!-- rien -->",
                            "<p>" + "y".repeat(301) + "</p>")
                    .get(r.nextInt(4)));
        }
        return NewComment.of(pick(r, BAD_TEXTS).replace("y".repeat(301), "y".repeat(301)));
    }

    /** Everything a reader could see: the whole store as the platform admin sees it. */
    private static String snapshot(Fixture f, Ticket existing) {
        StringBuilder sb = new StringBuilder();
        f.support
                .list(f.platformAdmin, TicketQuery.builder().pageSize(200).build())
                .items()
                .forEach(t -> sb.append(t).append('\n'));
        for (TimelineEntry e : f.support.timeline(f.platformAdmin, existing.id())) {
            sb.append(e).append('\n');
        }
        sb.append(f.support.attachments(f.platformAdmin, existing.id()));
        sb.append(f.support.countByStatus(f.platformAdmin, TicketQuery.all()).get(TicketStatus.NEW));
        return sb.toString();
    }
}

package org.entsupport.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.entsupport.core.model.SortDirection;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketSort;
import org.entsupport.core.model.TicketStatus;
import org.junit.jupiter.api.Test;

/**
 * The CSV export, byte for byte, against files written by the export before it streamed from the store
 * ({@code export-*.csv}): quoting, separators, line breaks in cells, neutralised formulas, byte order
 * mark, an empty export, a selection, both dialects.
 */
class CsvExportGoldenTest {

    private final Fixture f = new Fixture();

    private Ticket file(String school, String subject, String description) {
        Ticket t = f.support.create(
                f.owner,
                NewTicket.builder()
                        .school(school)
                        .category("/blog")
                        .subject(subject)
                        .description(description)
                        .build());
        f.clock.advance(Duration.ofSeconds(7));
        return t;
    }

    private String exports() {
        Ticket a = file("s1", "a, b", "plain");
        Ticket b = file("s1", "\"quoted\" subject", "Line 1\nLine 2\n\nLine 4");
        file("s1", "Élève ; absent", "\tstarts with a tab");
        file("s1", "-2+3", "=cmd|' /C calc'!A0");
        Ticket e = file("s1", "@SUM(1)", "+1 and \"quotes\" and ; and ,");
        file("s2", "ailleurs 🎒", "école «guillemets»");
        file("s1", "+ plus", "@mention");
        file("s1", "= equals", "-minus");
        Ticket g = file("s1", "trailing space ", " leading space");
        f.support.comment(f.localAdmin, a.id(), NewComment.of("Quel navigateur ?"));
        f.clock.advance(Duration.ofSeconds(3));
        f.support.changeStatus(f.localAdmin, e.id(), TicketStatus.WAITING, e.version());
        f.clock.advance(Duration.ofSeconds(3));
        StringBuilder all = new StringBuilder();
        for (CsvDialect dialect : CsvDialect.values()) {
            StringWriter out = new StringWriter();
            f.support.exportCsv(f.localAdmin, TicketQuery.all(), dialect, out);
            all.append("== all, ").append(dialect).append('\n').append(out).append('\n');
            StringBuilder bySubject = new StringBuilder();
            f.support.exportCsv(
                    f.platformAdmin,
                    TicketQuery.builder()
                            .sort(TicketSort.SUBJECT, SortDirection.ASC)
                            .build(),
                    dialect,
                    bySubject);
            all.append("== platform, by subject, ")
                    .append(dialect)
                    .append('\n')
                    .append(bySubject)
                    .append('\n');
            StringWriter none = new StringWriter();
            f.support.exportCsv(
                    f.localAdmin, TicketQuery.builder().text("nowhere").build(), dialect, none);
            all.append("== nothing, ").append(dialect).append('\n').append(none).append('\n');
            StringWriter selected = new StringWriter();
            f.support.exportCsv(f.localAdmin, List.of(g.id(), b.id(), 999L, a.id()), dialect, selected);
            all.append("== selected, ")
                    .append(dialect)
                    .append('\n')
                    .append(selected)
                    .append('\n');
        }
        StringBuilder plain = new StringBuilder();
        f.support.exportCsv(f.localAdmin, TicketQuery.all(), plain);
        all.append("== default dialect\n").append(plain);
        return all.toString();
    }

    @Test
    void theExportIsByteForByteWhatItWas() throws IOException {
        String actual = exports();
        String write = System.getProperty("export.golden.write");
        if (write != null) {
            Files.writeString(Path.of(write), actual, StandardCharsets.UTF_8);
        }
        String expected;
        try (InputStream in = Objects.requireNonNull(
                CsvExportGoldenTest.class.getResourceAsStream("export-golden.txt"), "export-golden.txt")) {
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(expected);
    }
}

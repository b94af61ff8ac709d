package org.entsupport.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.entsupport.core.model.Ticket;
import org.junit.jupiter.api.Test;

/** CSV people can open: a header, the French Excel dialect, plain text, neutralised formulas, selections. */
class CsvExportTest {

    private final Fixture f = new Fixture();

    private Ticket file(String school, String subject, String html) {
        return f.support.create(
                f.owner,
                NewTicket.builder()
                        .school(school)
                        .category("/blog")
                        .subject(subject)
                        .descriptionHtml(html)
                        .build());
    }

    @Test
    void frenchExcelDialectHasABomSemicolonsAndCrlf() {
        Ticket t = file("s1", "Élève ; absent", "<p>Ligne 1</p><p>Ligne 2</p>");
        StringWriter out = new StringWriter();
        f.support.exportCsv(f.localAdmin, TicketQuery.all(), CsvDialect.EXCEL_FR, out);
        String csv = out.toString();
        assertThat(csv)
                .startsWith("\uFEFFid;created;modified;status;school;category;subject;owner;owner_name;"
                        + "escalation_status;comments;attachments;description\r\n");
        assertThat(csv).contains(t.id() + ";" + t.created() + ";").contains(";\"Élève ; absent\";");
        assertThat(csv).endsWith(";\"Ligne 1\n\nLigne 2\"\r\n");
        assertThat(csv.split("\r\n")).hasSize(2);
    }

    @Test
    void rfc4180HasNoBomAndCommas() {
        file("s1", "a, b", "<p>x</p>");
        StringBuilder out = new StringBuilder();
        f.support.exportCsv(f.localAdmin, TicketQuery.all(), CsvDialect.RFC4180, out);
        assertThat(out.toString())
                .startsWith("id,created,")
                .contains(",\"a, b\",")
                .endsWith(",x\r\n");
    }

    @Test
    void cellsArePlainTextNeverHtmlAndFormulasAreNeutralised() {
        file("s1", "-2+3", "<p><b>=cmd|' /C calc'!A0</b> <a href=\"https://x.example/\">lien</a></p>");
        file("s1", "@SUM(1)", "<p>+1</p>");
        StringWriter out = new StringWriter();
        f.support.exportCsv(f.localAdmin, TicketQuery.all(), CsvDialect.RFC4180, out);
        String csv = out.toString();
        assertThat(csv).doesNotContain("<b>").doesNotContain("<p>").doesNotContain("href");
        assertThat(csv).contains(",'-2+3,").contains(",'@SUM(1),").contains(",'+1\r\n");
        assertThat(csv).contains(",'=cmd|' /C calc'!A0 lien (https://x.example/)\r\n");
    }

    @Test
    void selectedIdsAreExportedInTheirOrderLeavingOutWhatTheActorMayNotExport() {
        Ticket a = file("s1", "premier", "<p>a</p>");
        Ticket b = file("s1", "second", "<p>b</p>");
        Ticket other = file("s2", "ailleurs", "<p>c</p>");
        StringWriter out = new StringWriter();
        f.support.exportCsv(f.localAdmin, List.of(b.id(), other.id(), 999L, a.id()), CsvDialect.RFC4180, out);
        String[] lines = out.toString().split("\r\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[1]).startsWith(b.id() + ",");
        assertThat(lines[2]).startsWith(a.id() + ",");

        assertThatThrownBy(() -> f.support.exportCsv(f.localAdmin, List.of(), CsvDialect.RFC4180, new StringWriter()))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations())
                                .extracting(Violation::field)
                                .containsExactly("ids"));
        assertThatThrownBy(() -> f.support.exportCsv(f.owner, List.of(a.id()), CsvDialect.RFC4180, new StringWriter()))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void rowsReachTheWriterPageByPageNotAtTheEnd() {
        for (int i = 0; i < 1_200; i++) {
            f.file("s1", "ticket " + i);
        }
        List<Integer> flushedAt = new ArrayList<>();
        StringWriter sink = new StringWriter();
        java.io.Writer out = new java.io.FilterWriter(sink) {
            @Override
            public void flush() {
                flushedAt.add(sink.getBuffer().length());
            }
        };
        f.support.exportCsv(f.platformAdmin, TicketQuery.all(), CsvDialect.RFC4180, out);
        assertThat(sink.toString().split("\r\n")).hasSize(1_201);
        assertThat(flushedAt.stream().filter(n -> n > 0 && n < sink.getBuffer().length()))
                .as("flushed with part of the rows written, page after page")
                .hasSizeGreaterThanOrEqualTo(2);
        assertThat(flushedAt).as("one flush per page of rows, not one per row").hasSizeLessThan(20);
    }
}

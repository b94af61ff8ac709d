package org.entsupport.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import java.io.Flushable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.entsupport.core.AccessDeniedException;
import org.entsupport.core.CsvDialect;
import org.entsupport.core.TicketQuery;
import org.entsupport.core.ValidationException;
import org.entsupport.core.Violation;
import org.entsupport.core.model.Ticket;
import org.junit.jupiter.api.Test;

class ExportTest {

    private final TestContext c = new TestContext();
    private final Export export = new Export(c.ctx);

    @Test
    void someoneWhoAdministersNothingGetsNotEvenTheHeader() {
        c.file("secret");
        Appendable out = mock(Appendable.class);

        assertThatThrownBy(() -> export.exportCsv(c.owner, TicketQuery.all(), out))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("export is for local and platform admins");
        verifyNoInteractions(out);
    }

    @Test
    void anAdminExportsTheTicketsOfTheirSchoolsWithFormulasNeutralised() {
        Ticket t = c.file("=SUM(A1:A9)");
        StringBuilder out = new StringBuilder();

        export.exportCsv(c.admin, TicketQuery.all(), out);

        String[] lines = out.toString().split("\r\n");
        assertThat(lines[0])
                .isEqualTo("id,created,modified,status,school,category,subject,owner,owner_name,escalation_status,"
                        + "comments,attachments,description");
        assertThat(lines).hasSize(2);
        assertThat(lines[1]).startsWith(t.id() + ",").contains(",'=SUM(A1:A9),").contains(",NEW,s1,/blog,");
    }

    @Test
    void timesAreWrittenAsInstantToStringWritesThemEvenBeyondYear9999() {
        c.clock.advance(Duration.ofNanos(123_456_000));
        Ticket now = c.file("now");
        c.clock.advance(Duration.between(c.clock.instant(), Instant.parse("+10000-01-01T00:00:00.5Z")));
        Ticket far = c.file("far");
        StringBuilder out = new StringBuilder();

        export.exportCsv(c.admin, TicketQuery.all(), out);

        String[] lines = out.toString().split("\r\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[1]).startsWith(far.id() + ",+10000-01-01T00:00:00.500Z,+10000-01-01T00:00:00.500Z,NEW,");
        assertThat(lines[2])
                .startsWith(now.id() + "," + now.created() + "," + now.modified() + ",NEW,")
                .contains(".123456Z,");
    }

    @Test
    void anInvalidSchoolIsRefusedBeforeAnythingIsWritten() {
        c.file("secret");
        Appendable out = mock(Appendable.class);

        assertThatThrownBy(() -> export.exportCsv(
                        c.admin, TicketQuery.builder().schools("s1\u0000").build(), out))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations())
                                .extracting(Violation::field)
                                .containsExactly("schools"));
        verifyNoInteractions(out);
    }

    @Test
    void moreSelectedTicketsThanOneReadingBatchAreAllExportedInTheirOrder() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            ids.add(c.file("ticket " + i).id());
        }
        List<Long> reversed = new ArrayList<>(ids);
        java.util.Collections.reverse(reversed);
        StringBuilder out = new StringBuilder();

        export.exportCsv(c.admin, reversed, CsvDialect.RFC4180, out);

        String[] lines = out.toString().split("\r\n");
        assertThat(lines).hasSize(1_001);
        for (int i = 0; i < reversed.size(); i++) {
            assertThat(lines[i + 1]).startsWith(reversed.get(i) + ",");
        }
    }

    @Test
    void anAppendableThatCanBeFlushedIsFlushedWithEveryRowWritten() {
        c.file("premier");
        c.file("second");
        FlushableText out = new FlushableText();

        export.exportCsv(c.admin, TicketQuery.all(), CsvDialect.EXCEL_FR, out);

        assertThat(out.text).startsWith("\uFEFFid;created;");
        assertThat(out.text.toString().split("\r\n")).hasSize(3);
        assertThat(out.flushedAt).isNotEmpty().last().isEqualTo(out.text.length());
    }

    /** An appendable that is not a writer but can be flushed, recording the length written at each flush. */
    private static final class FlushableText implements Appendable, Flushable {
        final StringBuilder text = new StringBuilder();
        final List<Integer> flushedAt = new ArrayList<>();

        @Override
        public Appendable append(CharSequence csq) {
            text.append(csq);
            return this;
        }

        @Override
        public Appendable append(CharSequence csq, int start, int end) {
            text.append(csq, start, end);
            return this;
        }

        @Override
        public Appendable append(char ch) {
            text.append(ch);
            return this;
        }

        @Override
        public void flush() {
            flushedAt.add(text.length());
        }
    }
}

package org.entsupport.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import org.entsupport.core.AccessDeniedException;
import org.entsupport.core.TicketQuery;
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
}

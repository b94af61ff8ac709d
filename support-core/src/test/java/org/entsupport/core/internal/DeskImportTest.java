package org.entsupport.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.entsupport.core.desk.DeskComment;
import org.entsupport.core.desk.DeskStatusMapping;
import org.entsupport.core.desk.IssueChanges;
import org.entsupport.core.desk.SupportDesk;
import org.entsupport.core.model.Comment;
import org.entsupport.core.model.Origin;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketStatus;
import org.junit.jupiter.api.Test;

class DeskImportTest {

    private final SupportDesk desk = mock(SupportDesk.class);
    private final TestContext c;
    private final DeskImport imports;

    DeskImportTest() {
        when(desk.name()).thenReturn("redmine");
        when(desk.statusMapping()).thenReturn(DeskStatusMapping.of(Map.of("3", TicketStatus.RESOLVED)));
        c = TestContext.with(List.of(), List.of(desk));
        imports = new DeskImport(c.ctx, desk);
    }

    private static DeskComment note(String id, String body, boolean isPublic, Long echoOf) {
        return new DeskComment(
                id, "Agent Smith", body, Instant.parse("2026-09-01T07:35:00Z"), isPublic, echoOf, List.of());
    }

    private static IssueChanges issue(String status, DeskComment... comments) {
        return new IssueChanges("4711", null, status, status, Instant.parse("2026-09-01T07:36:00Z"), List.of(comments));
    }

    private List<Comment> comments(long ticketId) {
        return c.store.inTransaction(tx -> tx.comments(ticketId));
    }

    @Test
    void onlyNewPublicRepliesAreImportedAndOnlyOnce() {
        Ticket t = c.acceptedEscalation("escalated");
        IssueChanges changes = issue(
                "1",
                note("n1", "Please clear your cache", true, null),
                note("n2", "internal note", false, null),
                note("n3", "our own comment", true, 12L),
                note("n4", "   ", true, null));

        assertThat(imports.apply(changes)).isTrue();
        assertThat(imports.apply(changes)).isFalse();

        assertThat(comments(t.id())).singleElement().satisfies(x -> {
            assertThat(x.body()).isEqualTo("Please clear your cache");
            assertThat(x.origin()).isEqualTo(Origin.DESK);
            assertThat(x.externalId()).isEqualTo("n1");
            assertThat(x.author()).isEqualTo("desk:redmine");
        });
        assertThat(c.stored(t.id()).commentCount()).isEqualTo(1);
    }

    @Test
    void aMappedDeskStatusMovesTheTicketAsTheDeskRole() {
        Ticket t = c.acceptedEscalation("escalated");

        assertThat(imports.apply(issue("3"))).isTrue();

        Ticket after = c.stored(t.id());
        assertThat(after.status()).isEqualTo(TicketStatus.RESOLVED);
        assertThat(after.escalation().deskStatus()).isEqualTo("3");
        assertThat(c.events(t.id()))
                .last()
                .satisfies(e -> assertThat(e.parameters())
                        .containsEntry("cause", "desk")
                        .containsEntry("to", "RESOLVED"));
    }

    @Test
    void anUnmappedDeskStatusIsOnlyRemembered() {
        Ticket t = c.acceptedEscalation("escalated");

        assertThat(imports.apply(issue("2"))).isFalse();

        Ticket after = c.stored(t.id());
        assertThat(after.status()).isEqualTo(t.status());
        assertThat(after.modified()).isEqualTo(t.modified());
        assertThat(after.escalation().deskStatus()).isEqualTo("2");
    }

    @Test
    void anIssueOfNoTicketChangesNothing() {
        assertThat(imports.apply(issue("3", note("n1", "hello", true, null)))).isFalse();
    }

    @Test
    void deskTextIsKeptPlainAndBounded() {
        assertThat(DeskImport.plain("  a\r\nb\tc\u0007\u202Ed\u2066e  ", 100)).isEqualTo("a\nb\tcde");
        assertThat(DeskImport.plain("😀😀😀", 2)).isEqualTo("😀😀");
    }
}

package org.entsupport.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.entsupport.core.AccessDeniedException;
import org.entsupport.core.DeskUnavailableException;
import org.entsupport.core.EscalationNotAllowedException;
import org.entsupport.core.desk.DeskException;
import org.entsupport.core.desk.DeskStatusMapping;
import org.entsupport.core.desk.IssueChanges;
import org.entsupport.core.desk.SupportDesk;
import org.entsupport.core.model.Ticket;
import org.junit.jupiter.api.Test;

class DeskSyncTest {

    private final SupportDesk desk = mock(SupportDesk.class);
    private final TestContext c;
    private final DeskSync sync;

    DeskSyncTest() {
        when(desk.name()).thenReturn("redmine");
        when(desk.statusMapping()).thenReturn(DeskStatusMapping.none());
        c = TestContext.with(List.of(), List.of(desk));
        sync = new DeskSync(c.ctx, "node-1", Duration.ofMinutes(1), Duration.ofDays(7));
    }

    @Test
    void pushedChangesForAnUnknownDeskAreRefusedNamingTheKnownOnes() {
        IssueChanges changes = new IssueChanges("1", null, "1", "New", Instant.EPOCH, List.of());

        assertThatThrownBy(() -> sync.applyDeskChanges("zendesk", changes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no support desk is named 'zendesk' (known: [redmine])");
    }

    @Test
    void onlyAPlatformAdminSyncsATicketAndOthersNeverReachTheDesk() throws Exception {
        Ticket t = c.acceptedEscalation("escalated");

        assertThatThrownBy(() -> sync.syncTicket(c.admin, t.id()))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("only platform admins may");
        verify(desk, never()).changesOf(any());
    }

    @Test
    void aTicketWithoutAnIssueCannotBeSynced() {
        Ticket t = c.file("never escalated");

        assertThatThrownBy(() -> sync.syncTicket(c.platformAdmin, t.id()))
                .isInstanceOf(EscalationNotAllowedException.class)
                .hasMessageContaining("it has no issue on a configured support desk");
    }

    @Test
    void anUnreachableDeskIsReportedWithItsName() throws Exception {
        Ticket t = c.acceptedEscalation("escalated");
        when(desk.changesOf("4711")).thenThrow(DeskException.retryable("timeout", null));

        assertThatThrownBy(() -> sync.syncTicket(c.platformAdmin, t.id()))
                .isInstanceOfSatisfying(DeskUnavailableException.class, e -> {
                    assertThat(e.desk()).isEqualTo("redmine");
                    assertThat(e.retryable()).isTrue();
                });
    }

    @Test
    void aSyncImportsWhatTheDeskSaysNow() throws Exception {
        Ticket t = c.acceptedEscalation("escalated");
        when(desk.changesOf("4711"))
                .thenReturn(new IssueChanges("4711", t.id(), "2", "In progress", Instant.EPOCH, List.of()));

        Ticket after = sync.syncTicket(c.platformAdmin, t.id());

        assertThat(after.escalation().deskStatus()).isEqualTo("2");
        assertThat(after.escalation().lastSync()).isEqualTo(c.clock.instant());
    }
}

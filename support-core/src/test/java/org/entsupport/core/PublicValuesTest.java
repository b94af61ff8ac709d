package org.entsupport.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.CALLS_REAL_METHODS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.entsupport.core.desk.DeskChanges;
import org.entsupport.core.desk.DeskComment;
import org.entsupport.core.desk.IssueChanges;
import org.entsupport.core.desk.IssueGone;
import org.entsupport.core.desk.StatusChange;
import org.entsupport.core.model.EscalationStatus;
import org.entsupport.core.model.TicketStatus;
import org.entsupport.core.outbox.OutboxStore;
import org.junit.jupiter.api.Test;

/** The small public values a host reads: their codes, lookups and derived answers. */
class PublicValuesTest {

    private static final Instant AT = Instant.parse("2026-09-01T07:30:00Z");

    @Test
    void aLifecycleReportKeepsOnlyTheKindsWithRowsAndAddsThemUp() {
        Map<DataKind, Integer> rows = new EnumMap<>(DataKind.class);
        rows.put(DataKind.TICKETS, 2);
        rows.put(DataKind.COMMENTS, 0);
        rows.put(DataKind.EVENTS, 2_000_000_000);
        rows.put(DataKind.FILES, 1);

        LifecycleReport report = new LifecycleReport(LifecycleOperation.DELETE_TICKET, rows);

        assertThat(report.rows()).containsOnlyKeys(DataKind.TICKETS, DataKind.EVENTS, DataKind.FILES);
        assertThat(report.count(DataKind.TICKETS)).isEqualTo(2);
        assertThat(report.count(DataKind.COMMENTS)).isZero();
        assertThat(report.count(DataKind.ATTACHMENTS)).isZero();
        assertThat(report.total()).as("summed as long: no overflow").isEqualTo(2_000_000_003L);
        assertThat(new LifecycleReport(LifecycleOperation.EXPORT, Map.of()).total())
                .isZero();
    }

    @Test
    void lifecycleOperationsAreFoundByTheirStoredCode() {
        assertThat(LifecycleOperation.ANONYMISE.code()).isEqualTo("anonymise");
        assertThat(LifecycleOperation.RETENTION_PURGE.code()).isEqualTo("retention-purge");
        for (LifecycleOperation o : LifecycleOperation.values()) {
            assertThat(LifecycleOperation.fromCode(o.code())).contains(o);
        }
        assertThat(LifecycleOperation.fromCode("ANONYMISE")).isEmpty();
        assertThat(LifecycleOperation.fromCode("purge")).isEmpty();
    }

    @Test
    void escalationStatusesAreFoundByTheirStoredCode() {
        assertThat(EscalationStatus.NOT_DONE.code()).isEqualTo(1);
        assertThat(EscalationStatus.FAILED.code()).isEqualTo(4);
        for (EscalationStatus s : EscalationStatus.values()) {
            assertThat(EscalationStatus.fromCode(s.code())).contains(s);
            assertThat(EscalationStatus.ofCode(s.code())).isEqualTo(s);
        }
        assertThat(EscalationStatus.fromCode(0)).isEmpty();
        assertThat(EscalationStatus.fromCode(5)).isEmpty();
        assertThatThrownBy(() -> EscalationStatus.ofCode(9))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("No escalation status has code 9 (known: 1..4)");
    }

    @Test
    void deskChangesAreEmptyOnlyWithoutIssuesAndWithoutGoneOnes() {
        IssueChanges issue = new IssueChanges("7", 1L, "1", "New", AT, List.of());
        IssueGone gone = new IssueGone("8", 2L, IssueGone.Reason.DELETED, "deleted");
        assertThat(new DeskChanges(List.of(), "c").isEmpty()).isTrue();
        assertThat(new DeskChanges(List.of(issue), "c").isEmpty()).isFalse();
        assertThat(new DeskChanges(List.of(), "c", List.of(gone)).isEmpty()).isFalse();
    }

    @Test
    void aStatusChangeReopensOnlyFromAFinishedStatusToAnOpenOne() {
        assertThat(new StatusChange(1, TicketStatus.RESOLVED, TicketStatus.OPENED, "A", true, AT).isReopening())
                .isTrue();
        assertThat(new StatusChange(1, TicketStatus.CLOSED, TicketStatus.OPENED, "A", true, AT).isReopening())
                .isTrue();
        assertThat(new StatusChange(1, TicketStatus.OPENED, TicketStatus.RESOLVED, "A", false, AT).isReopening())
                .isFalse();
        assertThat(new StatusChange(1, TicketStatus.RESOLVED, TicketStatus.CLOSED, "A", false, AT).isReopening())
                .isFalse();
        assertThat(new StatusChange(1, TicketStatus.NEW, TicketStatus.OPENED, "A", false, AT).isReopening())
                .isFalse();
    }

    @Test
    void anIssueFindsItsCommentsByDeskIdAndNamesOurTicket() {
        DeskComment first = new DeskComment("c1", "Agent", "Bonjour", AT, true, null, List.of());
        DeskComment second = new DeskComment("c2", "Agent", "Résolu", AT, true, null, List.of());
        IssueChanges ours = new IssueChanges("7", 42L, "1", "New", AT, List.of(first, second));
        IssueChanges foreign = new IssueChanges("8", null, "1", "New", AT, List.of());

        assertThat(ours.comment("c2")).containsSame(second);
        assertThat(ours.comment("c1")).containsSame(first);
        assertThat(ours.comment("c3")).isEmpty();
        assertThat(ours.ticket()).contains(42L);
        assertThat(foreign.ticket()).isEmpty();
    }

    @Test
    void theDefaultBatchAcknowledgementCountsTheRowsStillLeasedToTheOwner() {
        OutboxStore outbox = mock(OutboxStore.class, CALLS_REAL_METHODS);
        UUID kept = UUID.randomUUID();
        UUID lost = UUID.randomUUID();
        UUID alsoKept = UUID.randomUUID();
        when(outbox.markDelivered(kept, "node-1")).thenReturn(true);
        when(outbox.markDelivered(lost, "node-1")).thenReturn(false);
        when(outbox.markDelivered(alsoKept, "node-1")).thenReturn(true);

        assertThat(outbox.markAllDelivered(List.of(kept, lost, alsoKept), "node-1"))
                .isEqualTo(2);
        assertThat(outbox.markAllDelivered(List.of(), "node-1")).isZero();
    }

    @Test
    void ticketChangesTellWhichFieldsChange() {
        TicketChanges subjectOnly = TicketChanges.basedOn(3).subject("Nouveau sujet");
        assertThat(subjectOnly.newSubject()).contains("Nouveau sujet");
        assertThat(subjectOnly.newCategory()).isEmpty();
        assertThat(subjectOnly.newDescription()).isEmpty();

        TicketChanges all = subjectOnly.category("/mail").description("Texte");
        assertThat(all.newSubject()).contains("Nouveau sujet");
        assertThat(all.newCategory()).contains("/mail");
        assertThat(all.newDescription()).contains("Texte");
        assertThat(all.expectedVersion()).isEqualTo(3);
    }
}

package org.entsupport.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.entsupport.core.desk.DeskChanges;
import org.entsupport.core.desk.DeskException;
import org.entsupport.core.desk.DeskStatusMapping;
import org.entsupport.core.desk.IssueChanges;
import org.entsupport.core.desk.IssueGone;
import org.entsupport.core.desk.IssueGoneException;
import org.entsupport.core.desk.SupportDesk;
import org.entsupport.core.model.EscalationStatus;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.spi.DeskSyncStore;
import org.junit.jupiter.api.Test;

class DeskPollingTest {

    private final SupportDesk desk = mock(SupportDesk.class);
    private final DeskImport imports = mock(DeskImport.class);
    private final TestContext c;
    private final DeskPolling polling;

    DeskPollingTest() {
        when(desk.name()).thenReturn("redmine");
        when(desk.statusMapping()).thenReturn(DeskStatusMapping.none());
        when(imports.desk()).thenReturn(desk);
        c = TestContext.with(List.of(), List.of(desk));
        polling = new DeskPolling(c.ctx, imports, Duration.ofDays(7));
    }

    private DeskSyncStore sync() {
        return c.store.deskSync();
    }

    private static IssueChanges issue(String id) {
        return new IssueChanges(id, null, "1", "New", Instant.parse("2026-09-01T07:00:00Z"), List.of());
    }

    @Test
    void whileAnotherNodeHoldsTheLeaseTheDeskIsNotAsked() throws Exception {
        sync().acquire("redmine", "other-node", c.clock.instant(), Duration.ofMinutes(5));

        assertThat(polling.poll("this-node", Duration.ofMinutes(5))).isEqualTo(-1);

        verify(desk, never()).changesSince(any());
        verify(desk, never()).cursorAt(any());
    }

    @Test
    void theFirstPollReadsBackByTheLookbackAndSavesTheNextCursor() throws Exception {
        when(desk.cursorAt(c.clock.instant().minus(Duration.ofDays(7)))).thenReturn("c0");
        when(desk.changesSince("c0")).thenReturn(new DeskChanges(List.of(issue("1")), "c1"));
        when(imports.apply(any())).thenReturn(true);

        assertThat(polling.poll("this-node", Duration.ofMinutes(5))).isEqualTo(1);

        assertThat(sync().acquire("redmine", "this-node", c.clock.instant(), Duration.ofMinutes(5)))
                .hasValueSatisfying(s -> assertThat(s.cursor()).isEqualTo("c1"));
    }

    @Test
    void aFailingPollKeepsTheCursor() throws Exception {
        when(desk.cursorAt(any())).thenReturn("c0");
        when(desk.changesSince("c0")).thenThrow(DeskException.retryable("down", null));

        assertThat(polling.poll("this-node", Duration.ofMinutes(5))).isZero();

        assertThat(sync().acquire("redmine", "this-node", c.clock.instant(), Duration.ofMinutes(5)))
                .hasValueSatisfying(s -> assertThat(s.cursor()).isNull());
    }

    @Test
    void aFailingIssueIsReadAgainLaterWithoutHoldingTheOthersOrTheCursor() throws Exception {
        when(desk.cursorAt(any())).thenReturn("c0");
        when(desk.changesSince("c0")).thenReturn(new DeskChanges(List.of(issue("bad"), issue("good")), "c1"));
        when(imports.apply(issue("bad"))).thenThrow(new IllegalStateException("boom"));
        when(imports.apply(issue("good"))).thenReturn(true);

        assertThat(polling.poll("this-node", Duration.ofMinutes(5))).isEqualTo(1);
        assertThat(sync().resyncBacklog("redmine", 10)).containsExactly("bad");

        when(desk.changesSince("c1")).thenReturn(new DeskChanges(List.of(), "c2"));
        when(desk.changesOf("bad")).thenReturn(issue("bad"));
        doReturn(true).when(imports).apply(issue("bad"));
        assertThat(polling.poll("this-node", Duration.ofMinutes(5))).isEqualTo(1);
        assertThat(sync().resyncBacklog("redmine", 10)).isEmpty();
    }

    @Test
    void theLeaseIsReleasedAfterAPollAndAfterAFailedOne() throws Exception {
        when(desk.cursorAt(any())).thenReturn("c0");
        when(desk.changesSince("c0")).thenReturn(new DeskChanges(List.of(), "c1"));
        polling.poll("this-node", Duration.ofMinutes(5));
        assertThat(sync().acquire("redmine", "other-node", c.clock.instant(), Duration.ofMinutes(5)))
                .isPresent();
        sync().release("redmine", "other-node");

        when(desk.changesSince("c1")).thenThrow(DeskException.permanent("refused", null));
        polling.poll("this-node", Duration.ofMinutes(5));
        assertThat(sync().acquire("redmine", "other-node", c.clock.instant(), Duration.ofMinutes(5)))
                .isPresent();
    }

    @Test
    void theDeskIsAskedWhichIssuesAreGoneAtMostHourlyAndAgainAfterAFailure() throws Exception {
        Ticket t = c.acceptedEscalation("escalated");
        when(desk.cursorAt(any())).thenReturn("c0");
        when(desk.changesSince(any())).thenReturn(new DeskChanges(List.of(), "c0"));
        when(desk.goneIssues(List.of("4711"))).thenThrow(DeskException.retryable("down", null));

        polling.poll("this-node", Duration.ofMinutes(5));
        c.clock.advance(Duration.ofMinutes(1));
        polling.poll("this-node", Duration.ofMinutes(5));
        verify(desk, times(2)).goneIssues(List.of("4711"));

        doReturn(List.of()).when(desk).goneIssues(List.of("4711"));
        c.clock.advance(Duration.ofMinutes(1));
        polling.poll("this-node", Duration.ofMinutes(5));
        c.clock.advance(DeskPolling.GONE_CHECK_INTERVAL.minusSeconds(1));
        polling.poll("this-node", Duration.ofMinutes(5));
        verify(desk, times(3)).goneIssues(List.of("4711"));

        IssueGone deleted = new IssueGone("4711", t.id(), IssueGone.Reason.DELETED, "deleted by an agent");
        doReturn(List.of(deleted)).when(desk).goneIssues(List.of("4711"));
        c.clock.advance(Duration.ofSeconds(1));
        assertThat(polling.poll("this-node", Duration.ofMinutes(5))).isEqualTo(1);
        verify(desk, times(4)).goneIssues(List.of("4711"));
        assertThat(c.stored(t.id()).escalationStatus()).isEqualTo(EscalationStatus.FAILED);
    }

    @Test
    void anIssueInTheBacklogThatIsGoneLeavesTheBacklogAndEndsItsEscalation() throws Exception {
        Ticket t = c.acceptedEscalation("escalated");
        sync().markForResync("redmine", "4711", c.clock.instant());
        IssueGone deleted = new IssueGone("4711", t.id(), IssueGone.Reason.DELETED, "deleted by an agent");
        when(desk.changesOf("4711")).thenThrow(new IssueGoneException("gone", deleted, 404));
        when(desk.cursorAt(any())).thenReturn("c0");
        when(desk.changesSince("c0")).thenReturn(new DeskChanges(List.of(), "c1"));
        when(desk.goneIssues(any())).thenReturn(List.of());

        assertThat(polling.poll("this-node", Duration.ofMinutes(5))).isEqualTo(1);

        assertThat(sync().resyncBacklog("redmine", 10)).isEmpty();
        assertThat(c.stored(t.id()).escalationStatus()).isEqualTo(EscalationStatus.FAILED);
        verify(imports, never()).apply(any());
    }

    @Test
    void anIssueOfTheBacklogThatStillFailsStaysThereAndTheCursorStillMoves() throws Exception {
        sync().markForResync("redmine", "bad", c.clock.instant());
        when(desk.changesOf("bad")).thenReturn(issue("bad"));
        when(imports.apply(issue("bad"))).thenThrow(new IllegalStateException("boom"));
        when(imports.apply(issue("good"))).thenReturn(true);
        when(desk.cursorAt(any())).thenReturn("c0");
        when(desk.changesSince("c0")).thenReturn(new DeskChanges(List.of(issue("good")), "c1"));

        assertThat(polling.poll("this-node", Duration.ofMinutes(5))).isEqualTo(1);

        assertThat(sync().resyncBacklog("redmine", 10)).containsExactly("bad");
        assertThat(sync().acquire("redmine", "this-node", c.clock.instant(), Duration.ofMinutes(5)))
                .hasValueSatisfying(s -> assertThat(s.cursor()).isEqualTo("c1"));
    }
}

package org.entsupport.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.entsupport.core.desk.DeskChanges;
import org.entsupport.core.desk.DeskException;
import org.entsupport.core.desk.IssueChanges;
import org.entsupport.core.desk.SupportDesk;
import org.entsupport.core.spi.DeskSyncStore;
import org.junit.jupiter.api.Test;

class DeskPollingTest {

    private final SupportDesk desk = mock(SupportDesk.class);
    private final DeskImport imports = mock(DeskImport.class);
    private final TestContext c;
    private final DeskPolling polling;

    DeskPollingTest() {
        when(desk.name()).thenReturn("redmine");
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
}

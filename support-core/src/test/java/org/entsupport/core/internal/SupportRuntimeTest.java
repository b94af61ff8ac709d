package org.entsupport.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.entsupport.core.outbox.OutboxRelay;
import org.entsupport.notify.Notifier;
import org.junit.jupiter.api.Test;

class SupportRuntimeTest {

    @Test
    void closingClosesEveryNotifierEvenWhenOneFails() throws Exception {
        Notifier failing = mock(Notifier.class);
        Notifier other = mock(Notifier.class);
        when(failing.name()).thenReturn("failing");
        when(other.name()).thenReturn("other");
        doThrow(new IllegalStateException("socket already closed"))
                .when(failing)
                .close();
        TestContext c = TestContext.with(List.of(failing, other), List.of());
        OutboxRelay relay = c.relay(b -> b);
        SupportRuntime runtime =
                new SupportRuntime(c.ctx, relay, () -> 0, Duration.ofHours(1), () -> 0, Duration.ofMinutes(1));

        runtime.start();
        runtime.close();

        verify(failing).close();
        verify(other).close();
        assertThat(relay.isRunning()).isFalse();
    }

    @Test
    void theRelayGetsAHandlerPerNotifierAndDeskAndTheHookWakesIt() {
        Notifier notifier = mock(Notifier.class);
        when(notifier.name()).thenReturn("mail");
        org.entsupport.core.desk.SupportDesk desk = mock(org.entsupport.core.desk.SupportDesk.class);
        when(desk.name()).thenReturn("redmine");
        TestContext c = TestContext.with(List.of(notifier), List.of(desk));

        OutboxRelay relay = c.relay(b -> b);

        assertThat(relay.channels()).containsExactlyInAnyOrder("notifier:mail", "desk:redmine");
        c.ctx.afterCommit().run(); // not started: nothing to wake, nothing fails
    }

    @Test
    void startingTwiceSchedulesOnceAndTheFirstDeskPollRunsAtOnce() throws Exception {
        org.entsupport.core.desk.SupportDesk desk = mock(org.entsupport.core.desk.SupportDesk.class);
        when(desk.name()).thenReturn("redmine");
        TestContext c = TestContext.with(List.of(), List.of(desk));
        AtomicInteger polls = new AtomicInteger();
        CountDownLatch firstPoll = new CountDownLatch(1);
        SupportRuntime runtime = new SupportRuntime(
                c.ctx,
                c.relay(b -> b),
                () -> 0,
                Duration.ofHours(1),
                () -> {
                    firstPoll.countDown();
                    return polls.incrementAndGet();
                },
                Duration.ofHours(1));

        runtime.start();
        runtime.start();
        assertThat(firstPoll.await(30, TimeUnit.SECONDS)).isTrue();
        runtime.close();

        assertThat(polls.get()).isEqualTo(1);
    }
}

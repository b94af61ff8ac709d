package org.entsupport.core.internal;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.entsupport.core.outbox.OutboxRelay;
import org.entsupport.notify.Notifier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * The library's threads: the outbox relay in the background and a small scheduler for the periodic
 * auto-close and desk polls. Nothing runs until {@link #start()}; {@link #close()} stops it all and closes
 * the notifiers.
 */
public final class SupportRuntime {

    private static final Logger LOG = SupportContext.LOG;

    private final SupportContext ctx;
    private final OutboxRelay relay;
    private final IntSupplier autoClose;
    private final Duration autoCloseInterval;
    private final IntSupplier deskPoll;
    private final Duration deskPollInterval;
    private @Nullable ScheduledExecutorService scheduler;
    private final java.util.List<Periodic> periodic = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** A task the scheduler runs every {@code interval} once started. */
    private record Periodic(String name, Duration interval, IntSupplier task) {}

    /**
     * @param relay     the relay, its handlers registered
     * @param autoClose one auto-close run (the housekeeping)
     * @param deskPoll  one poll of every desk (the desk sync)
     */
    public SupportRuntime(
            SupportContext ctx,
            OutboxRelay relay,
            IntSupplier autoClose,
            Duration autoCloseInterval,
            IntSupplier deskPoll,
            Duration deskPollInterval) {
        this.ctx = ctx;
        this.relay = relay;
        this.autoClose = autoClose;
        this.autoCloseInterval = autoCloseInterval;
        this.deskPoll = deskPoll;
        this.deskPollInterval = deskPollInterval;
    }

    /**
     * The relay of this context's outbox, with a handler for every notifier and desk; binds the context's
     * after-commit hook to it.
     */
    public static OutboxRelay relay(SupportContext ctx, OutboxRelay.Builder builder) {
        for (Notifier n : ctx.notifications().notifiers()) {
            builder.handler(NotifierHandler.channel(n), new NotifierHandler(n));
        }
        for (org.entsupport.core.desk.SupportDesk d : ctx.desks().all()) {
            DeskHandOver handOver = new DeskHandOver(ctx, d);
            builder.handler(handOver.channel(), handOver);
        }
        OutboxRelay relay = builder.build();
        ctx.afterCommit().bind(relay);
        return relay;
    }

    /**
     * Adds a task that {@link #start()} runs every {@code interval} (the first run one interval after the
     * start); a failing run is logged and tried again at the next.
     *
     * @param name     what it does, for the logs
     * @param interval the delay between two runs
     * @param task     one run, returning how many things it did
     */
    public void every(String name, Duration interval, IntSupplier task) {
        periodic.add(new Periodic(name, interval, task));
    }

    /** See {@link org.entsupport.core.Support#relay}. */
    public OutboxRelay relay() {
        return relay;
    }

    /** See {@link org.entsupport.core.Support#start}. */
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        relay.start();
        ScheduledExecutorService s = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "support-scheduler");
            t.setDaemon(true);
            return t;
        });
        s.scheduleWithFixedDelay(
                () -> {
                    try {
                        int closed = autoClose.getAsInt();
                        LOG.debug("housekeeping: {} tickets closed or outbox messages purged", closed);
                    } catch (RuntimeException e) {
                        LOG.warn("auto-close run failed, will try again in {}: {}", autoCloseInterval, e.toString());
                    }
                },
                autoCloseInterval.toMillis(),
                autoCloseInterval.toMillis(),
                TimeUnit.MILLISECONDS);
        if (!ctx.desks().isEmpty()) {
            s.scheduleWithFixedDelay(
                    () -> {
                        try {
                            int changes = deskPoll.getAsInt();
                            LOG.debug("desk sync: {} changes imported", changes);
                        } catch (RuntimeException e) {
                            LOG.warn("desk sync failed, will try again in {}: {}", deskPollInterval, e.toString());
                        }
                    },
                    0,
                    deskPollInterval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        for (Periodic p : periodic) {
            s.scheduleWithFixedDelay(
                    () -> {
                        try {
                            int done = p.task().getAsInt();
                            LOG.debug("{}: {} done", p.name(), done);
                        } catch (RuntimeException e) {
                            LOG.warn("{} failed, will try again in {}: {}", p.name(), p.interval(), e.toString());
                        }
                    },
                    p.interval().toMillis(),
                    p.interval().toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        scheduler = s;
        LOG.info(
                "support runtime started: outbox relay, auto-close every {}{}",
                autoCloseInterval,
                ctx.desks().isEmpty()
                        ? ""
                        : ", desk sync every " + deskPollInterval + " for "
                                + ctx.desks().names());
    }

    /** See {@link org.entsupport.core.Support#close}. */
    public synchronized void close() {
        ScheduledExecutorService s = scheduler;
        scheduler = null;
        if (s != null) {
            s.shutdownNow();
        }
        relay.stop(Duration.ofSeconds(30));
        for (Notifier n : ctx.notifications().notifiers()) {
            try {
                n.close();
            } catch (Exception e) {
                LOG.warn("notifier {} failed to close: {}", n.name(), e.toString());
            }
        }
    }
}

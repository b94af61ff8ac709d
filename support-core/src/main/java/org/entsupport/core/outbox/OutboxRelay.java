package org.entsupport.core.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox after commit: claims due messages under a lease, hands each to the handler of
 * its channel, and records the outcome — delivered, retried later with exponential back-off, or dead
 * after a permanent failure or too many attempts. A failing handler blocks neither the request that
 * wrote the message nor the other channels.
 *
 * <pre>{@code
 * OutboxRelay relay = OutboxRelay.builder(store.outbox())
 *         .handler("notifier:email", emailHandler)
 *         .retryPolicy(RetryPolicy.defaults())
 *         .build();
 * relay.start();               // polls in the background
 * ...
 * relay.stop(Duration.ofSeconds(30));   // finishes the deliveries in flight
 * }</pre>
 *
 * <p>A host that prefers its own scheduler never calls {@link #start()} and calls
 * {@link #deliverDue()} instead. Several relays (threads or nodes) may share one database: claims are
 * exclusive, so a message is never delivered twice at once. Delivery is at least once: after a crash,
 * a message whose lease expired is delivered again, with the same id.
 */
public final class OutboxRelay implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int MAX_ERROR = 2_000;
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final OutboxStore store;
    private final Map<String, OutboxHandler> handlers;
    private final RetryPolicy retryPolicy;
    private final int batchSize;
    private final Duration pollInterval;
    private final Duration lease;
    private final int threads;
    private final Clock clock;
    private final String owner;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private volatile boolean running;
    private boolean woken;
    private @Nullable Thread poller;
    private @Nullable ExecutorService workers;

    private OutboxRelay(Builder b) {
        this.store = b.store;
        this.handlers = Map.copyOf(b.handlers);
        this.retryPolicy = b.retryPolicy;
        this.batchSize = b.batchSize;
        this.pollInterval = b.pollInterval;
        this.lease = b.lease;
        this.threads = b.threads;
        this.clock = b.clock;
        this.owner = b.nodeId + "/relay-" + INSTANCES.incrementAndGet();
    }

    /**
     * Starts building a relay over {@code store}.
     *
     * @param store where the messages are kept
     * @return a new builder
     */
    public static Builder builder(OutboxStore store) {
        return new Builder(store);
    }

    /**
     * The channels this relay delivers.
     *
     * @return the channels this relay delivers
     */
    public java.util.Set<String> channels() {
        return handlers.keySet();
    }

    /**
     * The lease owner name of this relay (node id and instance), as stored on claimed rows.
     *
     * @return the lease owner name of this relay (node id and instance), as stored on claimed rows
     */
    public String owner() {
        return owner;
    }

    // ------------------------------------------------------------ driving by hand

    /**
     * Claims one batch of due messages and delivers them on the calling thread.
     *
     * @return how many messages were handled (delivered, retried or dead)
     */
    public int deliverDue() {
        List<OutboxMessage> batch = store.claimDue(clock.instant(), batchSize, lease, owner);
        for (OutboxMessage m : batch) {
            deliver(m);
        }
        return batch.size();
    }

    /**
     * Delivers due messages until none is due, on the calling thread, including the messages that the
     * deliveries themselves write (a desk's acceptance writes its notifications). Stops after 10,000
     * batches, so a message that keeps coming due at once cannot hold the caller forever.
     *
     * @return how many messages were handled
     */
    public int deliverAllDue() {
        int total = 0;
        for (int pass = 0; pass < 10_000; pass++) {
            int n = deliverDue();
            if (n == 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    private void deliver(OutboxMessage m) {
        OutboxHandler handler = handlers.get(m.channel());
        if (handler == null) {
            String error = "no handler for channel " + m.channel() + " on this node (known: " + handlers.keySet() + ")";
            LOG.warn("outbox: message {} ({} for ticket {}) is dead: {}", m.id(), m.kind(), m.ticketId(), error);
            safely(() -> store.markDead(m.id(), owner, m.attempts() + 1, error));
            return;
        }
        try {
            handler.handle(m);
            boolean kept = store.markDelivered(m.id(), owner);
            if (!kept) {
                LOG.warn(
                        "outbox: message {} on {} was delivered after its lease expired; another relay may"
                                + " deliver it again (same id)",
                        m.id(),
                        m.channel());
            } else {
                LOG.debug("outbox: delivered {} {} for ticket {} on {}", m.kind(), m.id(), m.ticketId(), m.channel());
            }
        } catch (Exception e) {
            failed(m, handler, e);
        } catch (Error e) {
            // Leave the row leased: it is retried once the lease expires.
            LOG.error("outbox: {} while delivering {} on {}; left for redelivery", e, m.id(), m.channel());
            throw e;
        }
    }

    private void failed(OutboxMessage m, OutboxHandler handler, Exception e) {
        int attempts = m.attempts() + 1;
        String error = describe(e);
        boolean retryable = safeRetryable(handler, e);
        if (!retryable || attempts >= retryPolicy.maxAttempts()) {
            String why = retryable ? "gave up after " + attempts + " attempts" : "permanent failure";
            LOG.warn("outbox: {} of ticket {} on {} is dead ({}): {}", m.kind(), m.ticketId(), m.channel(), why, error);
            boolean kept = safely(() -> store.markDead(m.id(), owner, attempts, error));
            if (kept) {
                try {
                    handler.onDead(
                            new OutboxMessage(
                                    m.id(),
                                    m.channel(),
                                    m.kind(),
                                    m.ticketId(),
                                    m.payload(),
                                    m.createdAt(),
                                    m.dueAt(),
                                    attempts,
                                    OutboxState.DEAD,
                                    error),
                            error);
                } catch (RuntimeException hookFailure) {
                    LOG.warn(
                            "outbox: the dead-letter hook of {} failed for message {}: {}",
                            m.channel(),
                            m.id(),
                            hookFailure.toString());
                }
            }
            return;
        }
        Duration delay = retryPolicy.delayAfter(attempts);
        Duration asked = safeRetryAfter(handler, e);
        if (asked != null && asked.compareTo(delay) > 0) {
            delay = asked.compareTo(Duration.ofDays(1)) > 0 ? Duration.ofDays(1) : asked;
        }
        Instant next = clock.instant().plus(delay);
        LOG.warn(
                "outbox: {} of ticket {} on {} failed (attempt {} of {}), retrying in {}: {}",
                m.kind(),
                m.ticketId(),
                m.channel(),
                attempts,
                retryPolicy.maxAttempts(),
                delay,
                error);
        safely(() -> store.markRetry(m.id(), owner, attempts, next, error));
    }

    private static boolean safeRetryable(OutboxHandler handler, Exception e) {
        try {
            return handler.isRetryable(e);
        } catch (RuntimeException ex) {
            return true;
        }
    }

    private static @Nullable Duration safeRetryAfter(OutboxHandler handler, Exception e) {
        try {
            return handler.retryAfter(e).orElse(null);
        } catch (RuntimeException ex) {
            return null;
        }
    }

    private boolean safely(java.util.function.BooleanSupplier write) {
        try {
            return write.getAsBoolean();
        } catch (RuntimeException e) {
            LOG.warn(
                    "outbox: could not record an outcome ({}); the message will be retried when its lease expires",
                    e.toString());
            return false;
        }
    }

    private static String describe(Exception e) {
        String text = e.getClass().getSimpleName() + ": " + e.getMessage();
        return text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR);
    }

    // ------------------------------------------------------------ operators

    /**
     * The dead messages, oldest first, for an operator to inspect.
     *
     * @param limit the most items to return, at least 1
     * @return the dead messages, oldest first, for an operator to inspect
     */
    public List<OutboxMessage> deadMessages(int limit) {
        return store.deadMessages(limit);
    }

    /**
     * Makes a dead message pending again, due now, with no attempts; returns whether it was dead.
     *
     * @param id the message's id
     * @return whether the message was dead (and is now pending again)
     */
    public boolean requeue(UUID id) {
        boolean done = store.requeue(id, clock.instant());
        if (done) {
            LOG.info("outbox: message {} re-queued by an operator", id);
            wakeUp();
        }
        return done;
    }

    // ------------------------------------------------------------ background mode

    /** Starts polling in the background. Calling it on a started relay does nothing. */
    public void start() {
        lock.lock();
        try {
            if (running) {
                return;
            }
            running = true;
            ThreadFactory tf = r -> {
                Thread t = new Thread(r, "support-outbox-worker-" + owner);
                t.setDaemon(true);
                return t;
            };
            workers = Executors.newFixedThreadPool(threads, tf);
            Thread t = new Thread(this::pollLoop, "support-outbox-poller-" + owner);
            t.setDaemon(true);
            poller = t;
            t.start();
            LOG.info("outbox relay {} started: {} worker(s), channels {}", owner, threads, handlers.keySet());
        } finally {
            lock.unlock();
        }
    }

    /** Asks a started relay to poll now rather than at its next interval (after a commit, say). */
    public void wakeUp() {
        lock.lock();
        try {
            woken = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether the background relay runs.
     *
     * @return whether the background relay runs
     */
    public boolean isRunning() {
        return running;
    }

    private void pollLoop() {
        ExecutorService pool = Objects.requireNonNull(workers);
        while (running) {
            int claimed = 0;
            try {
                List<OutboxMessage> batch = store.claimDue(clock.instant(), batchSize, lease, owner);
                claimed = batch.size();
                List<Future<?>> inFlight = new ArrayList<>();
                for (OutboxMessage m : batch) {
                    inFlight.add(pool.submit(() -> deliver(m)));
                }
                for (Future<?> f : inFlight) {
                    try {
                        f.get();
                    } catch (java.util.concurrent.ExecutionException e) {
                        LOG.error("outbox: delivery crashed: {}", String.valueOf(e.getCause()));
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (java.util.concurrent.RejectedExecutionException e) {
                return; // stopping abruptly: the claimed rows come back when their lease expires
            } catch (RuntimeException e) {
                LOG.warn("outbox: polling failed, trying again in {}: {}", pollInterval, e.toString());
            }
            if (claimed < batchSize) {
                lock.lock();
                try {
                    if (!woken && running) {
                        wake.await(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                    }
                    woken = false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    /**
     * Stops polling and waits up to {@code timeout} for the deliveries in flight to finish.
     *
     * @param timeout how long to wait for the deliveries in flight
     * @return whether everything in flight finished in time
     */
    public boolean stop(Duration timeout) {
        Thread t;
        ExecutorService pool;
        lock.lock();
        try {
            if (!running) {
                return true;
            }
            running = false;
            wake.signalAll();
            t = poller;
            pool = workers;
        } finally {
            lock.unlock();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean finished = true;
        try {
            if (t != null) {
                t.join(Math.max(1, timeout.toMillis()));
                finished = !t.isAlive();
            }
            if (pool != null) {
                pool.shutdown();
                long left = Math.max(0, deadline - System.nanoTime());
                finished &= pool.awaitTermination(left, TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finished = false;
        }
        if (!finished) {
            LOG.warn(
                    "outbox relay {} did not finish its deliveries within {}; unfinished messages will be"
                            + " delivered again once their lease expires",
                    owner,
                    timeout);
            if (pool != null) {
                pool.shutdownNow();
            }
        } else {
            LOG.info("outbox relay {} stopped", owner);
        }
        return finished;
    }

    /** Stops the background relay, waiting up to 30 seconds for deliveries in flight. */
    @Override
    public void close() {
        stop(Duration.ofSeconds(30));
    }

    /** Builds an {@link OutboxRelay}; validated by {@link #build()}. */
    public static final class Builder {
        private final OutboxStore store;
        private final Map<String, OutboxHandler> handlers = new LinkedHashMap<>();
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private int batchSize = 50;
        private Duration pollInterval = Duration.ofSeconds(1);
        private Duration lease = Duration.ofMinutes(5);
        private int threads = 2;
        private Clock clock = Clock.systemUTC();
        private String nodeId = UUID.randomUUID().toString().substring(0, 8);

        private Builder(OutboxStore store) {
            this.store = Objects.requireNonNull(store, "store");
        }

        /**
         * Registers the handler of a channel; a channel has one handler.
         *
         * @param channel the channel, such as {@code notifier:email}
         * @param handler what delivers its messages
         * @return this builder
         */
        public Builder handler(String channel, OutboxHandler handler) {
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(handler, "handler");
            if (handlers.putIfAbsent(channel, handler) != null) {
                throw new IllegalArgumentException("channel " + channel + " already has a handler");
            }
            return this;
        }

        /**
         * Retries and back-off (default {@link RetryPolicy#defaults()}).
         *
         * @param value retries and back-off (default {@link RetryPolicy#defaults()})
         * @return this builder
         */
        public Builder retryPolicy(RetryPolicy value) {
            this.retryPolicy = Objects.requireNonNull(value, "retryPolicy");
            return this;
        }

        /**
         * Messages claimed per poll (default 50; 1..1,000).
         *
         * @param value messages claimed per poll (default 50; 1..1,000)
         * @return this builder
         */
        public Builder batchSize(int value) {
            this.batchSize = value;
            return this;
        }

        /**
         * Time between polls when nothing is due (default 1 s; 10 ms..1 h).
         *
         * @param value time between polls when nothing is due (default 1 s; 10 ms..1 h)
         * @return this builder
         */
        public Builder pollInterval(Duration value) {
            this.pollInterval = Objects.requireNonNull(value, "pollInterval");
            return this;
        }

        /**
         * How long a claimed message stays reserved for this relay (default 5 min; 1 s..1 day). Make it
         * longer than the slowest delivery, or a message may be delivered twice.
         *
         * @param value how long a claimed message stays reserved for this relay (default 5 min; 1 s..1 day)
         * @return this builder
         */
        public Builder lease(Duration value) {
            this.lease = Objects.requireNonNull(value, "lease");
            return this;
        }

        /**
         * Worker threads of the background relay (default 2; 1..64).
         *
         * @param value worker threads of the background relay (default 2; 1..64)
         * @return this builder
         */
        public Builder threads(int value) {
            this.threads = value;
            return this;
        }

        /**
         * The clock (default system UTC).
         *
         * @param value the clock (default system UTC)
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * A name for this node in lease owners and logs (default random).
         *
         * @param value a name for this node in lease owners and logs (default random)
         * @return this builder
         */
        public Builder nodeId(String value) {
            this.nodeId = Objects.requireNonNull(value, "nodeId");
            return this;
        }

        /**
         * Builds the relay.
         *
         * @return the relay, not yet started
         * @throws IllegalArgumentException naming the first property out of range
         */
        public OutboxRelay build() {
            range("batchSize", batchSize, 1, 1_000);
            range("threads", threads, 1, 64);
            duration("pollInterval", pollInterval, Duration.ofMillis(10), Duration.ofHours(1));
            duration("lease", lease, Duration.ofSeconds(1), Duration.ofDays(1));
            if (nodeId.isBlank() || nodeId.length() > 60) {
                throw new IllegalArgumentException("nodeId must have 1..60 characters, but was '" + nodeId + "'");
            }
            return new OutboxRelay(this);
        }

        private static void range(String name, int value, int min, int max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(
                        name + " must be between " + min + " and " + max + ", but was " + value);
            }
        }

        private static void duration(String name, Duration value, Duration min, Duration max) {
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                throw new IllegalArgumentException(
                        name + " must be between " + min + " and " + max + ", but was " + value);
            }
        }
    }
}

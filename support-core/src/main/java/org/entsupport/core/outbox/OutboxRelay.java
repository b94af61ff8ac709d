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
 * <p>The deliveries of a claimed batch are acknowledged together, in one store call (one statement
 * and one commit on a database), when the batch's last delivery finishes (or, for the deliveries
 * already done, after a second when one of them is slow). In the background, each worker claims its
 * next batch as soon as the messages in flight leave room for one (two batches per worker), without
 * waiting for the slow deliveries of the previous batch. A message whose lease ended
 * while it waited for a worker is left to whoever claims it next, so a message is delivered at most
 * once per lease.
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
    /** How long a batch waits for its slowest delivery before the others are acknowledged without it. */
    private static final long STRAGGLER_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** The default deadline of one delivery (capped by the lease). */
    static final Duration DEFAULT_DELIVERY_TIMEOUT = Duration.ofMinutes(1);

    private final OutboxStore store;
    private final Map<String, OutboxHandler> handlers;
    private final RetryPolicy retryPolicy;
    private final int batchSize;
    private final Duration pollInterval;
    private final Duration lease;
    private final int threads;
    private final Clock clock;
    private final String owner;
    private final Duration deliveryTimeout;
    private final AtomicInteger claims = new AtomicInteger();
    /** Runs each handler call, so that a worker waits for it at most {@link #deliveryTimeout}. */
    private final ExecutorService calls;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final Condition room = lock.newCondition();
    private final int window;
    private int inFlight;
    private final java.util.Set<Batch> open = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean running;
    private boolean woken;
    private List<Thread> pollers = List.of();
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
        this.deliveryTimeout = b.deliveryTimeout != null ? b.deliveryTimeout : min(DEFAULT_DELIVERY_TIMEOUT, b.lease);
        String callPrefix = "support-outbox-call-" + owner + "-";
        AtomicInteger callThreads = new AtomicInteger();
        // A call that never returns keeps its thread (interrupted, then abandoned); the others are reused
        // and idle threads go after a minute.
        java.util.concurrent.ThreadPoolExecutor pool = new java.util.concurrent.ThreadPoolExecutor(
                0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new java.util.concurrent.SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, callPrefix + callThreads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.calls = pool;
        // Claimed but unfinished messages: for each worker, the batch it delivers and the next one.
        this.window = 2 * batchSize * threads;
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
     * The lease owner name of this relay (node id and instance); claimed rows store it followed by
     * {@code #} and the claim's number.
     *
     * @return the lease owner name of this relay (node id and instance), the prefix of its lease tokens
     */
    public String owner() {
        return owner;
    }

    /**
     * How long one delivery may take before the relay gives up waiting for it and schedules a retry.
     *
     * @return how long one delivery may take before the relay gives up waiting for it
     */
    public Duration deliveryTimeout() {
        return deliveryTimeout;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /**
     * A lease token for one claim: the relay's owner name and the claim's number. Every outcome of the
     * claim's messages is recorded under this token, so an outcome that arrives after its message was
     * given up and claimed again (a stalled call that finally returns) matches no row and changes nothing.
     */
    private String nextToken() {
        return owner + "#" + Integer.toString(claims.incrementAndGet(), Character.MAX_RADIX);
    }

    // ------------------------------------------------------------ driving by hand

    /**
     * Claims one batch of due messages and delivers them on the calling thread.
     *
     * @return how many messages were handled (delivered, retried or dead)
     */
    public int deliverDue() {
        Instant now = clock.instant();
        String token = nextToken();
        List<OutboxMessage> claimed = store.claimDue(now, batchSize, lease, token, handlers.keySet());
        Batch batch = new Batch(token, now.plus(lease), claimed.size());
        try {
            for (OutboxMessage m : claimed) {
                deliver(m, batch);
            }
        } finally {
            acknowledge(batch);
        }
        return claimed.size();
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

    /**
     * One claimed batch: the ids its handlers delivered, acknowledged together in one store call when
     * its last delivery finishes, and the end of its lease, after which it is no longer this relay's.
     */
    private static final class Batch {
        private final String token;
        private final Instant leaseEnd;
        private final long claimedNanos = System.nanoTime();
        private final AtomicInteger left;
        private final List<UUID> delivered = new ArrayList<>();

        Batch(String token, Instant leaseEnd, int size) {
            this.token = token;
            this.leaseEnd = leaseEnd;
            this.left = new AtomicInteger(size);
        }

        synchronized void delivered(UUID id) {
            delivered.add(id);
        }

        synchronized List<UUID> takeDelivered() {
            List<UUID> out = List.copyOf(delivered);
            delivered.clear();
            return out;
        }

        /** Counts one message as finished; returns whether it was the batch's last. */
        boolean finishedOne() {
            return left.decrementAndGet() == 0;
        }
    }

    private void acknowledge(Batch batch) {
        List<UUID> ids = batch.takeDelivered();
        if (ids.isEmpty()) {
            return;
        }
        int kept;
        try {
            kept = store.markAllDelivered(ids, batch.token);
        } catch (RuntimeException e) {
            LOG.warn(
                    "outbox: could not record {} deliveries ({}); they will be delivered again when their lease"
                            + " expires (same ids)",
                    ids.size(),
                    e.toString());
            return;
        }
        if (kept < ids.size()) {
            LOG.warn(
                    "outbox: {} of {} messages were delivered after their lease expired; another relay may"
                            + " deliver them again (same ids)",
                    ids.size() - kept,
                    ids.size());
        } else {
            LOG.debug("outbox: {} acknowledged {} deliveries", batch.token, kept);
        }
    }

    private void deliver(OutboxMessage m, Batch batch) {
        OutboxHandler handler = handlers.get(m.channel());
        if (handler == null) {
            // Claims ask for this relay's channels only, so a store that returns another channel's row is
            // broken: leave the row leased, it comes back to a node that has the channel when the lease ends.
            LOG.error("outbox: the store gave {} a message of channel {} it does not deliver", owner, m.channel());
            return;
        }
        if (!clock.instant().isBefore(batch.leaseEnd)) {
            // Waited past its lease behind slower deliveries: the message may be another relay's now.
            LOG.debug("outbox: {} not delivered by {}: its lease ended before its turn", m.id(), owner);
            return;
        }
        java.util.concurrent.Future<?> call;
        try {
            call = calls.submit(() -> {
                handler.handle(m);
                return null;
            });
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            return; // the relay is closing: the row comes back when its lease expires
        }
        try {
            call.get(deliveryTimeout.toNanos(), TimeUnit.NANOSECONDS);
            batch.delivered(m.id());
            LOG.debug("outbox: delivered {} {} for ticket {} on {}", m.kind(), m.id(), m.ticketId(), m.channel());
        } catch (java.util.concurrent.TimeoutException late) {
            // Free this worker: the call is interrupted and abandoned, its result (if it ever comes) is
            // never read, and the retry is recorded under this claim's token only.
            call.cancel(true);
            failed(
                    m,
                    handler,
                    batch.token,
                    new java.util.concurrent.TimeoutException("no answer within the delivery deadline of "
                            + deliveryTimeout + "; the call was abandoned"));
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error error) {
                // Leave the row leased: it is retried once the lease expires.
                LOG.error("outbox: {} while delivering {} on {}; left for redelivery", error, m.id(), m.channel());
                throw error;
            }
            failed(m, handler, batch.token, cause instanceof Exception ex ? ex : e);
        } catch (InterruptedException e) {
            // The relay is stopping abruptly: the row stays leased and comes back when its lease expires.
            call.cancel(true);
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.CancellationException e) {
            LOG.debug("outbox: delivery of {} cancelled; left for redelivery", m.id());
        }
    }

    private void failed(OutboxMessage m, OutboxHandler handler, String token, Exception e) {
        int attempts = m.attempts() + 1;
        String error = describe(e);
        boolean retryable = safeRetryable(handler, e);
        if (!retryable || attempts >= retryPolicy.maxAttempts()) {
            String why = retryable ? "gave up after " + attempts + " attempts" : "permanent failure";
            LOG.warn("outbox: {} of ticket {} on {} is dead ({}): {}", m.kind(), m.ticketId(), m.channel(), why, error);
            boolean kept = safely(() -> store.markDead(m.id(), token, attempts, error));
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
        safely(() -> store.markRetry(m.id(), token, attempts, next, error));
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
     * Deletes a dead message for good, as an administrator does with a dead letter nobody will
     * re-queue; returns whether it was dead. Dead messages are never purged automatically.
     *
     * @param id the message's id
     * @return whether the message was dead (and is now deleted)
     */
    public boolean purgeDead(UUID id) {
        boolean done = store.purgeDead(id);
        if (done) {
            LOG.info("outbox: dead message {} purged by an operator", id);
        }
        return done;
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
            // One claim loop per worker: each claims its next batch while deliveries of the last finish.
            List<Thread> loops = new ArrayList<>();
            for (int i = 1; i <= threads; i++) {
                Thread t = new Thread(this::pollLoop, "support-outbox-poller-" + i + "-" + owner);
                t.setDaemon(true);
                loops.add(t);
            }
            pollers = List.copyOf(loops);
            pollers.forEach(Thread::start);
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

    /**
     * Claims a batch whenever the messages in flight leave room for one, without waiting for the slow
     * deliveries of the previous batches; each batch is acknowledged by the worker that finishes it.
     */
    private void pollLoop() {
        try {
            claimLoop();
        } finally {
            acknowledgeOpenBatches(0);
        }
    }

    private void claimLoop() {
        ExecutorService pool = Objects.requireNonNull(workers);
        while (running) {
            int claimed = 0;
            try {
                acknowledgeOpenBatches(STRAGGLER_NANOS);
                if (!awaitRoom()) {
                    continue;
                }
                Instant now = clock.instant();
                String token = nextToken();
                List<OutboxMessage> messages = store.claimDue(now, batchSize, lease, token, handlers.keySet());
                claimed = messages.size();
                if (claimed > 0) {
                    Batch batch = new Batch(token, now.plus(lease), claimed);
                    open.add(batch);
                    changeInFlight(claimed);
                    for (OutboxMessage m : messages) {
                        pool.execute(() -> runDelivery(m, batch));
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

    private void runDelivery(OutboxMessage m, Batch batch) {
        try {
            deliver(m, batch);
        } catch (RuntimeException | Error e) {
            LOG.error("outbox: delivery crashed: {}", e.toString());
        } finally {
            if (batch.finishedOne()) {
                open.remove(batch);
                acknowledge(batch);
            }
            changeInFlight(-1);
        }
    }

    /**
     * Acknowledges what the batches open for longer than {@code minAgeNanos} have delivered so far, so
     * that one slow delivery does not hold back the others' acknowledgement (and, when stopping, so
     * that a delivery that never finishes repeats only itself).
     */
    private void acknowledgeOpenBatches(long minAgeNanos) {
        long now = System.nanoTime();
        for (Batch batch : open) {
            if (now - batch.claimedNanos >= minAgeNanos) {
                acknowledge(batch);
            }
        }
    }

    private void changeInFlight(int delta) {
        lock.lock();
        try {
            inFlight += delta;
            if (delta < 0) {
                room.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until one more batch fits in the window of messages in flight; returns {@code false} when
     * it does not fit after a while, or the relay stops.
     */
    private boolean awaitRoom() throws InterruptedException {
        lock.lock();
        try {
            while (running && inFlight + batchSize > window) {
                if (!room.await(STRAGGLER_NANOS, TimeUnit.NANOSECONDS)) {
                    return false; // the caller acknowledges the stragglers' batches, then waits again
                }
            }
            return running;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops polling and waits up to {@code timeout} for the deliveries in flight to finish.
     *
     * @param timeout how long to wait for the deliveries in flight
     * @return whether everything in flight finished in time
     */
    public boolean stop(Duration timeout) {
        List<Thread> loops;
        ExecutorService pool;
        lock.lock();
        try {
            if (!running) {
                return true;
            }
            running = false;
            wake.signalAll();
            room.signalAll();
            loops = pollers;
            pool = workers;
        } finally {
            lock.unlock();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean finished = true;
        try {
            for (Thread t : loops) {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                finished &= !t.isAlive();
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
        acknowledgeOpenBatches(0);
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
        private @Nullable Duration deliveryTimeout;

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
         * How long one delivery (one handler call) may take (default 1 min, or the lease if shorter;
         * 100 ms..1 h, and shorter than the lease). When it passes, the worker stops waiting, the call
         * is interrupted and abandoned, and the message is retried later like any failure (its result, if
         * it ever comes, is ignored): a peer that accepts a connection and never answers cannot freeze
         * the relay.
         *
         * @param value how long one delivery may take
         * @return this builder
         */
        public Builder deliveryTimeout(Duration value) {
            this.deliveryTimeout = Objects.requireNonNull(value, "deliveryTimeout");
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
         * @throws IllegalArgumentException naming the first property out of range, or a delivery timeout
         *         not shorter than the lease
         */
        public OutboxRelay build() {
            range("batchSize", batchSize, 1, 1_000);
            range("threads", threads, 1, 64);
            duration("pollInterval", pollInterval, Duration.ofMillis(10), Duration.ofHours(1));
            duration("lease", lease, Duration.ofSeconds(1), Duration.ofDays(1));
            Duration deadline = deliveryTimeout;
            if (deadline != null) {
                duration("deliveryTimeout", deadline, Duration.ofMillis(100), Duration.ofHours(1));
                if (deadline.compareTo(lease) >= 0) {
                    throw new IllegalArgumentException("deliveryTimeout must be shorter than the lease (" + lease
                            + "), but was " + deadline + ": a delivery outliving its lease may be repeated");
                }
            }
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

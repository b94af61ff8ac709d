package org.entsupport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.entsupport.core.Actor;
import org.entsupport.core.IllegalTransitionException;
import org.entsupport.core.NewComment;
import org.entsupport.core.NewTicket;
import org.entsupport.core.Support;
import org.entsupport.core.TicketVersionConflictException;
import org.entsupport.core.model.EventType;
import org.entsupport.core.model.HistoryEvent;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketStatus;
import org.entsupport.core.model.TimelineEntry;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Several administrators change the status of the same few tickets and comment on them at once, with a
 * clock that ticks at every reading: the timeline of each ticket is an unbroken chain of status changes in
 * the order they were committed, and {@code modified} never goes back as the version grows.
 */
abstract class ConcurrentHistoryBehaviour {

    private static final int THREADS = 6;
    private static final int OPERATIONS = 60;
    private static final int TICKETS = 4;

    protected abstract TestDatabase db();

    /** A clock one millisecond later at every reading: any instant taken before the lock shows. */
    static final class TickingClock extends Clock {
        private final Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        private final AtomicLong ticks = new AtomicLong();

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return start.plusMillis(ticks.incrementAndGet());
        }
    }

    record Seen(long version, Instant modified, Instant statusChanged) {}

    @RepeatedTest(2)
    void concurrentWritersKeepTheHistoryInOrder() throws Exception {
        Support support = Support.builder()
                .store(db().jdbc.store())
                .clock(new TickingClock())
                .build();
        Actor owner = Actor.user("u-owner", "Owner").memberOf("s1").build();
        List<Actor> admins = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            admins.add(Actor.user("u-admin" + i, "Admin " + i)
                    .memberOf("s1")
                    .adminOf("s1")
                    .build());
        }
        List<Long> ids = new ArrayList<>();
        Map<Long, ConcurrentLinkedQueue<Seen>> seen = new ConcurrentHashMap<>();
        for (int i = 0; i < TICKETS; i++) {
            Ticket t = support.create(
                    owner,
                    NewTicket.builder()
                            .school("s1")
                            .category("/blog")
                            .subject("history " + i)
                            .description("d")
                            .build());
            ids.add(t.id());
            seen.put(t.id(), new ConcurrentLinkedQueue<>());
            seen.get(t.id()).add(new Seen(t.version(), t.modified(), t.statusChanged()));
        }
        long seed = System.nanoTime();
        ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < THREADS; w++) {
            Actor admin = admins.get(w);
            int worker = w;
            futures.add(pool.submit(() -> {
                Random random = new Random(seed + worker);
                go.await();
                for (int i = 0; i < OPERATIONS; i++) {
                    long id = ids.get(random.nextInt(TICKETS));
                    try {
                        Ticket after;
                        if (random.nextInt(3) == 0) {
                            Actor who = random.nextBoolean() ? owner : admin;
                            after = support.comment(who, id, NewComment.of("w" + worker + " op" + i))
                                    .ticket();
                        } else {
                            Ticket current = support.get(admin, id);
                            List<TicketStatus> targets = support.allowedStatuses(admin, id).stream()
                                    .sorted()
                                    .toList();
                            if (targets.isEmpty()) {
                                continue;
                            }
                            TicketStatus target = targets.get(random.nextInt(targets.size()));
                            after = support.changeStatus(admin, id, target, current.version());
                        }
                        seen.get(id).add(new Seen(after.version(), after.modified(), after.statusChanged()));
                    } catch (TicketVersionConflictException | IllegalTransitionException e) {
                        // another writer went first: expected under contention
                    } catch (Throwable e) {
                        unexpected.add(e);
                    }
                }
                return null;
            }));
        }
        go.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(5, TimeUnit.MINUTES)).isTrue();
        for (Future<?> f : futures) {
            f.get();
        }
        assertThat(unexpected).as("unexpected failures (seed %d)", seed).isEmpty();

        for (long id : ids) {
            Ticket end = support.get(admins.get(0), id);
            List<Seen> versions = new ArrayList<>(seen.get(id));
            versions.add(new Seen(end.version(), end.modified(), end.statusChanged()));
            versions.sort(Comparator.comparingLong(Seen::version));
            for (int i = 1; i < versions.size(); i++) {
                Seen before = versions.get(i - 1);
                Seen next = versions.get(i);
                assertThat(next.modified())
                        .as("ticket %d modified at version %d (seed %d)", id, next.version(), seed)
                        .isAfterOrEqualTo(before.modified());
                assertThat(next.statusChanged())
                        .as("ticket %d statusChanged at version %d (seed %d)", id, next.version(), seed)
                        .isAfterOrEqualTo(before.statusChanged());
            }

            List<HistoryEvent> events = support.timeline(admins.get(0), id).stream()
                    .filter(e -> e instanceof TimelineEntry.EventEntry)
                    .map(e -> ((TimelineEntry.EventEntry) e).event())
                    .toList();
            assertThat(events)
                    .as("ticket %d: the timeline lists events in the order they were written (seed %d)", id, seed)
                    .isSortedAccordingTo(Comparator.comparingLong(HistoryEvent::id));
            List<HistoryEvent> moves = events.stream()
                    .filter(e -> e.type() == EventType.STATUS_CHANGED)
                    .toList();
            assertThat(moves).as("the writers did change statuses").isNotEmpty();
            String previous = TicketStatus.NEW.name();
            for (HistoryEvent move : moves) {
                assertThat(move.parameters().get("from"))
                        .as("ticket %d event %d follows %s (seed %d)", id, move.id(), previous, seed)
                        .isEqualTo(previous);
                previous = move.parameters().get("to");
            }
            assertThat(previous).isEqualTo(end.status().name());
        }
    }
}

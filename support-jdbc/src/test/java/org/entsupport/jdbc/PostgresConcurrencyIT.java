package org.entsupport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
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
import java.util.concurrent.atomic.AtomicInteger;
import org.entsupport.core.Actor;
import org.entsupport.core.NewComment;
import org.entsupport.core.NewTicket;
import org.entsupport.core.Support;
import org.entsupport.core.TicketChanges;
import org.entsupport.core.TicketVersionConflictException;
import org.entsupport.core.model.EventType;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketStatus;
import org.entsupport.core.model.TimelineEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 8 threads &times; 200 operations (versioned updates and comments) on the same 10 tickets, through
 * the facade on PostgreSQL: no update is lost, every conflict is reported as such, and the history
 * holds exactly one event per successful change.
 */
class PostgresConcurrencyIT {

    private static final int THREADS = 8;
    private static final int OPERATIONS = 200;
    private static final int TICKETS = 10;

    private static TestDatabase db;

    @BeforeAll
    static void start() {
        db = TestDatabase.postgres();
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    record Success(long ticketId, long version, String subject) {}

    @Test
    void concurrentUpdatesAndCommentsLoseNothing() throws Exception {
        Support support = Support.builder().store(db.jdbc.store()).build();
        Actor owner = Actor.user("u-owner", "Owner").memberOf("s1").build();
        Actor admin =
                Actor.user("u-admin", "Admin").memberOf("s1").adminOf("s1").build();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < TICKETS; i++) {
            Ticket t = support.create(
                    owner,
                    NewTicket.builder()
                            .school("s1")
                            .category("/blog")
                            .subject("ticket " + i)
                            .description("d")
                            .build());
            // opened first, so that comments change no status and add no event
            support.changeStatus(admin, t.id(), TicketStatus.OPENED, t.version());
            ids.add(t.id());
        }
        long seed = System.nanoTime();
        Queue successes = new Queue();
        Map<Long, AtomicInteger> comments = new ConcurrentHashMap<>();
        AtomicInteger conflicts = new AtomicInteger();
        AtomicInteger updateAttempts = new AtomicInteger();
        ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < THREADS; w++) {
            int worker = w;
            futures.add(pool.submit(() -> {
                Random random = new Random(seed + worker);
                go.await();
                for (int i = 0; i < OPERATIONS; i++) {
                    long id = ids.get(random.nextInt(TICKETS));
                    try {
                        if (random.nextBoolean()) {
                            updateAttempts.incrementAndGet();
                            Ticket current = support.get(admin, id);
                            String subject = "w" + worker + " op" + i;
                            try {
                                Ticket changed = support.update(
                                        admin,
                                        id,
                                        TicketChanges.basedOn(current.version()).subject(subject));
                                successes.add(new Success(id, changed.version(), subject));
                            } catch (TicketVersionConflictException e) {
                                assertThat(e.ticketId()).isEqualTo(id);
                                assertThat(e.expectedVersion()).isEqualTo(current.version());
                                conflicts.incrementAndGet();
                            }
                        } else {
                            support.comment(admin, id, NewComment.of("w" + worker + " comment " + i));
                            comments.computeIfAbsent(id, k -> new AtomicInteger())
                                    .incrementAndGet();
                        }
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
        assertThat(successes.size() + conflicts.get()).isEqualTo(updateAttempts.get());
        assertThat(conflicts.get()).as("the threads did contend").isPositive();

        Map<Long, List<Success>> byTicket = new HashMap<>();
        for (Success s : successes.all()) {
            byTicket.computeIfAbsent(s.ticketId(), k -> new ArrayList<>()).add(s);
        }
        int totalComments = 0;
        for (long id : ids) {
            List<Success> ok = byTicket.getOrDefault(id, List.of());
            int commented = comments.getOrDefault(id, new AtomicInteger()).get();
            totalComments += commented;
            Ticket end = support.get(admin, id);
            // each success produced its own version: none was based on a version another success replaced
            assertThat(ok).extracting(Success::version).doesNotHaveDuplicates();
            // version: 1 at creation, +1 opening, +1 per successful update and per comment
            assertThat(end.version()).isEqualTo(2L + ok.size() + commented);
            assertThat(end.commentCount()).isEqualTo(commented);
            if (!ok.isEmpty()) {
                Success last = ok.stream()
                        .max((a, b) -> Long.compare(a.version(), b.version()))
                        .orElseThrow();
                assertThat(end.subject()).isEqualTo(last.subject());
            }
            List<TimelineEntry> timeline = support.timeline(admin, id);
            long events = timeline.stream()
                    .filter(e -> e instanceof TimelineEntry.EventEntry)
                    .count();
            long fieldEvents = timeline.stream()
                    .filter(e -> e instanceof TimelineEntry.EventEntry ev
                            && ev.event().type() == EventType.FIELDS_UPDATED)
                    .count();
            // created + opened + one per successful update
            assertThat(events).isEqualTo(2L + ok.size());
            assertThat(fieldEvents).isEqualTo(ok.size());
            assertThat(timeline.stream()
                            .filter(e -> e instanceof TimelineEntry.CommentEntry)
                            .count())
                    .isEqualTo(commented);
        }
        assertThat(successes.size() + conflicts.get() + totalComments).isEqualTo(THREADS * OPERATIONS);
    }

    /** A thread-safe list of successes. */
    static final class Queue {
        private final ConcurrentLinkedQueue<Success> items = new ConcurrentLinkedQueue<>();

        void add(Success s) {
            items.add(s);
        }

        int size() {
            return items.size();
        }

        List<Success> all() {
            return List.copyOf(items);
        }
    }
}

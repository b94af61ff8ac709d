package org.entsupport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.entsupport.core.Actor;
import org.entsupport.core.NewComment;
import org.entsupport.core.NewTicket;
import org.entsupport.core.StoreException;
import org.entsupport.core.StoreOutcomeUnknownException;
import org.entsupport.core.Support;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Writers add comments, each with a key of its own, while another thread keeps cutting the pool's database
 * connections (every 15 ms, as long as some call went through since its last cut); every failed call is retried with the same key until it succeeds. At the end every comment is
 * there exactly once, and the cut did make calls fail. Subclasses open a pool whose connections they can pick
 * out on the server, and cut them.
 */
abstract class ConnectionCutBehaviour {

    private static final int WRITERS = 4;
    private static final int COMMENTS_PER_WRITER = 40;
    private static final int TICKETS = 3;
    private static final int MAX_ATTEMPTS = 200;

    /** A pool over a schema of its own, whose connections {@link #cut} can find; closed and dropped by the test. */
    protected abstract SupportJdbc openPool();

    /** A connection outside the pool, for cutting and counting. */
    protected abstract Connection admin() throws SQLException;

    /** Terminates every connection of the pool from {@code admin}; how many it terminated. */
    protected abstract int cut(Connection admin) throws SQLException;

    /** The qualified name of a library table in the pool's schema. */
    protected abstract String table(String name);

    /** Drops the pool's schema (after the pool is closed). */
    protected abstract void drop(Connection admin) throws SQLException;

    static Connection connect(String url) throws SQLException {
        DriverManager.setLoginTimeout(5);
        return DriverManager.getConnection(url);
    }

    @Test
    void everyCommentRetriedWithItsKeyAfterACutIsWrittenExactlyOnce() throws Exception {
        SupportJdbc jdbc = openPool();
        try (Connection admin = admin()) {
            try {
                run(jdbc, admin);
            } finally {
                jdbc.close();
                drop(admin);
            }
        }
    }

    private void run(SupportJdbc jdbc, Connection admin) throws Exception {
        Support support = Support.builder().store(jdbc.store()).build();
        Actor owner = Actor.user("u-owner", "Owner").memberOf("s1").build();
        Actor referent = Actor.user("u-ref", "Référent").adminOf("s1").build();
        List<Long> tickets = new ArrayList<>();
        for (int i = 0; i < TICKETS; i++) {
            tickets.add(support.create(
                            owner,
                            NewTicket.builder()
                                    .school("s1")
                                    .category("/blog")
                                    .subject("Ticket " + i)
                                    .description("Cut while commenting")
                                    .build())
                    .id());
        }

        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger cuts = new AtomicInteger();
        CountDownLatch firstCut = new CountDownLatch(1);
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger succeeded = new AtomicInteger();
        AtomicInteger unknownOutcomes = new AtomicInteger();
        ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        Map<String, Long> firstCommentIds = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1);
        try {
            Future<?> cutter = pool.submit(() -> {
                int seen = 0;
                while (writing.get()) {
                    try {
                        // Cut again only once a call went through since the last cut: on a loaded machine a
                        // transaction can take longer than the pause, and cutting blindly would starve every retry.
                        int done = succeeded.get();
                        if (firstCut.getCount() > 0 || done > seen) {
                            seen = done;
                            int n = cut(admin);
                            if (n > 0) {
                                cuts.addAndGet(n);
                                firstCut.countDown();
                            }
                        }
                        Thread.sleep(15);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return null;
                    }
                }
                return null;
            });
            assertThat(firstCut.await(30, TimeUnit.SECONDS))
                    .as("the pool's idle connections were cut")
                    .isTrue();
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                Actor actor = writer % 2 == 0 ? owner : referent;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < COMMENTS_PER_WRITER; i++) {
                        String key = "w" + writer + "-c" + i;
                        long ticket = tickets.get(i % TICKETS);
                        NewComment comment = NewComment.of("Comment " + key).withIdempotencyKey(key);
                        for (int attempt = 1; ; attempt++) {
                            try {
                                long id = support.comment(actor, ticket, comment)
                                        .comment()
                                        .id();
                                succeeded.incrementAndGet();
                                Long first = firstCommentIds.putIfAbsent(key, id);
                                assertThat(first == null || first == id)
                                        .as("a retry of " + key + " answers with its first comment")
                                        .isTrue();
                                break;
                            } catch (StoreException e) {
                                failures.incrementAndGet();
                                if (e instanceof StoreOutcomeUnknownException) {
                                    unknownOutcomes.incrementAndGet();
                                }
                                if (attempt == MAX_ATTEMPTS) {
                                    throw e;
                                }
                                Thread.sleep(5);
                            } catch (RuntimeException e) {
                                unexpected.add(e);
                                throw e;
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : writers) {
                f.get(5, TimeUnit.MINUTES);
            }
            writing.set(false);
            cutter.get(1, TimeUnit.MINUTES);
        } finally {
            writing.set(false);
            pool.shutdownNow();
        }

        LoggerFactory.getLogger(getClass())
                .info(
                        "{} connections cut; {} calls failed, {} of them with an unknown outcome",
                        cuts.get(),
                        failures.get(),
                        unknownOutcomes.get());
        assertThat(unexpected).isEmpty();
        assertThat(cuts.get()).as("connections cut").isPositive();
        assertThat(failures.get())
                .as("calls that failed on a cut connection (of which %d of unknown outcome)", unknownOutcomes.get())
                .isPositive();
        int expected = WRITERS * COMMENTS_PER_WRITER;
        Map<String, Integer> commentsPerBody =
                counts(admin, "SELECT body, COUNT(*) FROM " + table("support_comments") + " GROUP BY body");
        Map<String, Integer> keysPerKey = counts(
                admin,
                "SELECT idem_key, COUNT(*) FROM " + table("support_idempotency")
                        + " WHERE operation = 'comment' GROUP BY idem_key");
        assertThat(commentsPerBody).hasSize(expected);
        assertThat(Set.copyOf(commentsPerBody.values())).as("comments per key").containsExactly(1);
        assertThat(keysPerKey).hasSize(expected);
        assertThat(Set.copyOf(keysPerKey.values())).containsExactly(1);
        assertThat(firstCommentIds).hasSize(expected);
        // the counter of each ticket agrees with its rows: no comment was counted twice either
        Map<String, Integer> counters =
                counts(admin, "SELECT CAST(id AS VARCHAR(20)), comment_count FROM " + table("support_tickets"));
        Map<String, Integer> rows = counts(
                admin,
                "SELECT CAST(ticket_id AS VARCHAR(20)), COUNT(*) FROM " + table("support_comments")
                        + " GROUP BY ticket_id");
        assertThat(counters).isEqualTo(rows);
    }

    private static Map<String, Integer> counts(Connection admin, String sql) throws SQLException {
        Map<String, Integer> out = new HashMap<>();
        try (Statement st = admin.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getInt(2));
            }
        }
        return out;
    }
}

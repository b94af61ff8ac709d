package org.entsupport.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.entsupport.core.outbox.OutboxDraft;
import org.entsupport.core.outbox.OutboxHandler;
import org.entsupport.core.outbox.OutboxRelay;
import org.entsupport.core.spi.TicketStore;
import org.entsupport.jdbc.SupportJdbc;

/**
 * Drains due outbox rows through the relay with a no-op handler and prints deliveries per second
 * beside what PostgreSQL commits in the same run ({@code pgbench}: one row per commit and 50 rows
 * per commit, 4 clients). Two shapes: one relay with 4 workers, and 4 relays (nodes) with one worker
 * each, batch 50. Each notification id must be delivered exactly once.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar org.entsupport.benchmarks.RelayBenchmark
 * [--url JDBC_URL] [--rows 20000] [--workers 4] [--batch 50] [--seconds 5] [--keep]}.
 */
public final class RelayBenchmark {

    private RelayBenchmark() {}

    /**
     * Runs the benchmark.
     *
     * @param args {@code --url}, {@code --rows}, {@code --workers}, {@code --batch}, {@code --seconds},
     *     {@code --keep}
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> opts = Limits.options(args, "keep");
        String url = Limits.url(opts);
        int rows = Integer.parseInt(opts.getOrDefault("rows", "20000"));
        int workers = Integer.parseInt(opts.getOrDefault("workers", "4"));
        int batch = Integer.parseInt(opts.getOrDefault("batch", "50"));
        int seconds = Integer.parseInt(opts.getOrDefault("seconds", "5"));
        String schema =
                "support_bench_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
        System.out.printf(
                "relay drain: %,d due rows, %d workers, batch %d, schema %s (%s)%n",
                rows, workers, batch, schema, Limits.machine());
        try (SupportJdbc jdbc = SupportJdbc.builder()
                .jdbcUrl(url)
                .schema(schema)
                .poolSize(workers + 4)
                .build()) {
            try {
                Limits.execute(
                        jdbc.dataSource(),
                        "CREATE TABLE \"" + schema + "\".pgb (id int PRIMARY KEY, state int NOT NULL)",
                        "INSERT INTO \"" + schema + "\".pgb SELECT g, 0 FROM generate_series(1, 100000) g",
                        "VACUUM ANALYZE \"" + schema + "\".pgb");
                System.out.print("warm-up (JIT, pool, plans): ");
                drain(jdbc.store(), Math.min(rows, 4_000), batch, workers, 1);
                double[] before = limits(url, schema, workers, seconds);
                double one = drain(jdbc.store(), rows, batch, workers, 1);
                double many = drain(jdbc.store(), rows, batch, 1, workers);
                double[] after = limits(url, schema, workers, seconds);
                System.out.println();
                System.out.printf(
                        "%-44s %12s%n%-44s %,12.0f%n%-44s %,12.0f%n",
                        "relay drain",
                        "deliveries/s",
                        "1 relay x " + workers + " workers, batch " + batch,
                        one,
                        workers + " relays x 1 worker, batch " + batch,
                        many);
                System.out.printf(
                        "%-44s %,12.0f  (before %,.0f, after %,.0f)%n",
                        "limit: pgbench, 1 row per commit, rows/s", (before[0] + after[0]) / 2, before[0], after[0]);
                System.out.printf(
                        "%-44s %,12.0f  (before %,.0f, after %,.0f)%n",
                        "limit: pgbench, 50 rows per commit, rows/s", (before[1] + after[1]) / 2, before[1], after[1]);
                System.out.printf(Locale.ROOT, "machine at the end: %s%n", Limits.machine());
            } finally {
                if (opts.containsKey("keep")) {
                    System.out.println("kept schema " + schema);
                } else {
                    Limits.execute(jdbc.dataSource(), "DROP SCHEMA \"" + schema + "\" CASCADE");
                }
            }
        }
    }

    /** pgbench's rows per second: one row per commit, then 50 rows per commit, {@code clients} clients. */
    private static double[] limits(String url, String schema, int clients, int seconds) throws Exception {
        String table = "\"" + schema + "\".pgb";
        double one = Limits.pgbench(
                url,
                "\\set id random(1, 100000)\nUPDATE " + table + " SET state = state + 1 WHERE id = :id;\n",
                clients,
                seconds);
        double fifty = Limits.pgbench(
                url,
                "\\set id random(1, 99950)\nUPDATE " + table
                        + " SET state = state + 1 WHERE id BETWEEN :id AND :id + 49;\n",
                clients,
                seconds);
        System.out.printf(
                "pgbench (%d clients, %d s): 1 row per commit %,.0f tps; 50 rows per commit %,.0f tps = %,.0f"
                        + " rows/s%n",
                clients, seconds, one, fifty, fifty * 50);
        return new double[] {one, fifty * 50};
    }

    /** Enqueues {@code rows} due rows, drains them with {@code relays} relays, returns deliveries per second. */
    static double drain(TicketStore store, int rows, int batch, int threads, int relays) throws Exception {
        Set<UUID> written = ConcurrentHashMap.newKeySet();
        Instant due = Instant.now().minusSeconds(1);
        for (int chunk = 0; chunk < rows; chunk += 1_000) {
            int n = Math.min(1_000, rows - chunk);
            store.useTransaction(tx -> {
                for (int i = 0; i < n; i++) {
                    UUID id = UUID.randomUUID();
                    written.add(id);
                    tx.enqueue(new OutboxDraft(id, "notifier:bench", "notification", i + 1, "{}", due));
                }
            });
        }
        Map<UUID, AtomicInteger> seen = new ConcurrentHashMap<>();
        OutboxHandler count =
                m -> seen.computeIfAbsent(m.id(), k -> new AtomicInteger()).incrementAndGet();
        List<OutboxRelay> started = new ArrayList<>();
        for (int r = 0; r < relays; r++) {
            started.add(OutboxRelay.builder(store.outbox())
                    .handler("notifier:bench", count)
                    .batchSize(batch)
                    .threads(threads)
                    .pollInterval(Duration.ofMillis(50))
                    .nodeId("bench-" + r)
                    .build());
        }
        long t0 = System.nanoTime();
        started.forEach(OutboxRelay::start);
        // the handler's count first (no query), then the store's pending rows (the last acknowledgements)
        while (seen.size() < rows || store.outbox().pendingCount() > 0) {
            Thread.sleep(seen.size() < rows ? 1 : 5);
            if (System.nanoTime() - t0 > Duration.ofMinutes(10).toNanos()) {
                throw new IllegalStateException("not drained after 10 minutes");
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        for (OutboxRelay r : started) {
            r.stop(Duration.ofSeconds(30));
        }
        long twice = seen.values().stream().filter(c -> c.get() != 1).count();
        if (!seen.keySet().equals(written) || twice > 0) {
            throw new IllegalStateException("each id must be delivered once: " + seen.size() + " ids seen of "
                    + written.size() + ", " + twice + " more than once");
        }
        double rate = rows / secs;
        System.out.printf(
                "%d relay(s) x %d worker(s): %,d rows delivered and acknowledged in %.2f s = %,.0f deliveries/s,"
                        + " each id exactly once%n",
                relays, threads, rows, secs, rate);
        return rate;
    }
}

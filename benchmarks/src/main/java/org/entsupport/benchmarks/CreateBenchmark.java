package org.entsupport.benchmarks;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.entsupport.core.Actor;
import org.entsupport.core.NewTicket;
import org.entsupport.core.Support;
import org.entsupport.core.model.Ticket;
import org.entsupport.jdbc.SupportJdbc;
import org.jspecify.annotations.Nullable;

/**
 * Files tickets through the public API ({@code Support.create}) from 4 threads for a few seconds and prints
 * creates per second, beside its limit measured in the same run: {@code pgbench} (same number of clients,
 * {@code -M prepared}) running, in one transaction per ticket, the very statements one create ran, recorded
 * through the JDBC driver with their values (the ticket's id taken from the insert's {@code RETURNING}, fresh
 * UUIDs where the create bound UUIDs).
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar org.entsupport.benchmarks.CreateBenchmark [--url
 * JDBC_URL] [--threads 4] [--seconds 10] [--schools 500] [--keep]}. The URL defaults to
 * {@code SUPPORT_BENCH_POSTGRES_URL}, then {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}. Works in
 * a new schema, dropped at the end unless {@code --keep}.
 */
public final class CreateBenchmark {

    private CreateBenchmark() {}

    /**
     * Runs the benchmark.
     *
     * @param args {@code --url}, {@code --threads}, {@code --seconds}, {@code --schools}, {@code --keep}
     * @throws Exception when the database or pgbench fails
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> opts = Limits.options(args, "keep");
        String url = Limits.url(opts);
        int threads = Integer.parseInt(opts.getOrDefault("threads", "4"));
        int seconds = Integer.parseInt(opts.getOrDefault("seconds", "10"));
        int schools = Integer.parseInt(opts.getOrDefault("schools", "500"));
        String schema =
                "support_bench_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
        System.out.printf(
                "create: %d threads, %d s, %d schools, schema %s (%s)%n",
                threads, seconds, schools, schema, Limits.machine());
        try (SupportJdbc setup = SupportJdbc.builder()
                .jdbcUrl(url)
                .schema(schema)
                .poolSize(threads + 2)
                .build()) {
            try {
                RecordingDataSource recorder = new RecordingDataSource();
                try (SupportJdbc jdbc = SupportJdbc.builder()
                                .dataSource(recorder.wrap(setup.dataSource()))
                                .schema(schema)
                                .migrate(false)
                                .build();
                        Support support = Support.builder()
                                .store(jdbc.store())
                                .directory(school -> Set.of("u-admin-" + school))
                                .build()) {
                    System.out.print("warm-up (JIT, pool, plans): ");
                    run(support, threads, Math.max(2, seconds / 2), schools);
                    // the statements of one create, as the driver ran them
                    recorder.start();
                    Ticket one = support.create(requester(1, schools), ticket(1, schools));
                    List<RecordingDataSource.Recorded> statements = recorder.stop();
                    String script = script(statements, one.id());
                    System.out.printf(
                            "one create ran %d statements; the pgbench script:%n%s", statements.size(), script);
                    double before = Limits.pgbench(url, script, threads, seconds);
                    double api = run(support, threads, seconds, schools);
                    double after = Limits.pgbench(url, script, threads, seconds);
                    double limit = (before + after) / 2;
                    System.out.println();
                    System.out.printf(
                            Locale.ROOT,
                            "%-52s %,10.0f creates/s%n%-52s %,10.0f tps  (before %,.0f, after %,.0f)%n%-52s %10.2f%n",
                            "Support.create, " + threads + " threads",
                            api,
                            "limit: pgbench, the same statements, " + threads + " clients",
                            limit,
                            before,
                            after,
                            "create / pgbench",
                            api / limit);
                    System.out.printf(Locale.ROOT, "machine at the end: %s%n", Limits.machine());
                }
            } finally {
                if (opts.containsKey("keep")) {
                    System.out.println("kept schema " + schema);
                } else {
                    Limits.execute(setup.dataSource(), "DROP SCHEMA \"" + schema + "\" CASCADE");
                }
            }
        }
    }

    /** Requests built ahead of a run, used in turn. */
    private static final int PREPARED = 20_000;

    private static Actor requester(int i, int schools) {
        return Actor.user("u-" + (i % 5_000), "Élève " + (i % 5_000))
                .memberOf(ListBenchmark.school(i % schools))
                .build();
    }

    private static NewTicket ticket(int i, int schools) {
        return NewTicket.builder()
                .school(ListBenchmark.school(i % schools))
                .category("/blog")
                .subject("Impossible de publier un billet " + i)
                .description("Le bouton Publier ne fait rien depuis ce matin. Merci de votre aide.")
                .build();
    }

    /** Creates tickets from {@code threads} threads for {@code seconds}; returns creates per second. */
    private static double run(Support support, int threads, int seconds, int schools) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong created = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> workers = new ArrayList<>();
        // the requests are built before the clock starts: only Support.create is timed
        Actor[] requesters = new Actor[PREPARED];
        NewTicket[] tickets = new NewTicket[PREPARED];
        for (int i = 0; i < PREPARED; i++) {
            requesters[i] = requester(i, schools);
            tickets[i] = ticket(i, schools);
        }
        long t0 = System.nanoTime();
        for (int w = 0; w < threads; w++) {
            int worker = w;
            workers.add(pool.submit(() -> {
                int i = worker;
                while (!stop.get()) {
                    int k = i % PREPARED;
                    support.create(requesters[k], tickets[k]);
                    created.incrementAndGet();
                    i += threads;
                }
                return null;
            }));
        }
        Thread.sleep(Duration.ofSeconds(seconds).toMillis());
        stop.set(true);
        for (Future<?> f : workers) {
            f.get();
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        double rate = created.get() / secs;
        System.out.printf(Locale.ROOT, "%,d creates in %.2f s = %,.0f creates/s%n", created.get(), secs, rate);
        return rate;
    }

    /**
     * A pgbench script of the recorded statements in one transaction: values as literals, the ticket's id from the
     * insert's {@code RETURNING id} ({@code \gset}), fresh UUIDs. pgbench reads {@code :name} as a variable even
     * inside quotes, so no literal keeps a colon: times become {@code to_timestamp}, texts spell it
     * {@code chr(58)}.
     */
    static String script(List<RecordingDataSource.Recorded> statements, long ticketId) {
        StringBuilder out = new StringBuilder("BEGIN;\n");
        boolean idSet = false;
        for (RecordingDataSource.Recorded r : statements) {
            Object[] values = new Object[r.bindings().size()];
            for (RecordingDataSource.Binding b : r.bindings()) {
                int index = (Integer) b.args()[0];
                if (index >= 1 && index <= values.length) {
                    values[index - 1] = b.method().getName().equals("setNull") ? null : b.args()[1];
                }
            }
            StringBuilder sql = new StringBuilder();
            String text = r.sql();
            int next = 0;
            boolean quoted = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\'') {
                    quoted = !quoted;
                }
                if (c == '?' && !quoted && next < values.length) {
                    sql.append(literal(values[next++], idSet ? ticketId : null));
                } else {
                    sql.append(c);
                }
            }
            String line = sql.toString().replace('\n', ' ');
            if (!r.generatedKeys().isEmpty()) {
                // what the driver sends for prepareStatement(sql, columnNames)
                line += " returning "
                        + r.generatedKeys().stream().map(k -> '"' + k + '"').collect(Collectors.joining(", "));
            }
            boolean returnsId = !idSet
                    && line.toLowerCase(Locale.ROOT).startsWith("insert into")
                    && line.toLowerCase(Locale.ROOT).contains("support_tickets")
                    && line.toLowerCase(Locale.ROOT).contains("returning");
            out.append(line).append(returnsId ? " \\gset\n" : ";\n");
            idSet |= returnsId;
        }
        return out.append("COMMIT;\n").toString();
    }

    private static String literal(@Nullable Object value, @Nullable Long ticketId) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            long n = ((Number) value).longValue();
            return ticketId != null && n == ticketId ? ":id" : Long.toString(n);
        }
        if (value instanceof BigDecimal || value instanceof Double || value instanceof Float) {
            return value.toString();
        }
        if (value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof UUID) {
            return "gen_random_uuid()";
        }
        if (value instanceof OffsetDateTime time) {
            long micros = ChronoUnit.MICROS.between(java.time.Instant.EPOCH, time.toInstant());
            return "to_timestamp(" + BigDecimal.valueOf(micros, 6).toPlainString() + ")";
        }
        if (value instanceof java.sql.Timestamp time) {
            long micros = ChronoUnit.MICROS.between(java.time.Instant.EPOCH, time.toInstant());
            return "to_timestamp(" + BigDecimal.valueOf(micros, 6).toPlainString() + ")";
        }
        String s = value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : value.toString();
        try {
            UUID.fromString(s);
            if (s.length() == 36) {
                return "gen_random_uuid()::text";
            }
        } catch (IllegalArgumentException e) {
            // not a UUID
        }
        return "('" + s.replace("'", "''").replace(":", "' || chr(58) || '") + "')";
    }
}

package org.entsupport.benchmarks;

import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.entsupport.core.Actor;
import org.entsupport.core.CsvDialect;
import org.entsupport.core.Support;
import org.entsupport.core.TicketQuery;
import org.entsupport.jdbc.SupportJdbc;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Exports a million tickets from PostgreSQL as CSV in the French Excel dialect, in a JVM whose heap is
 * capped at 64 MB: the export must stream (one cursor, flushed every 500 rows), never hold the list. Loads the tickets
 * with {@link ListBenchmark}'s loader into a new schema, runs the export in a child JVM ({@code -Xmx64m})
 * into a writer that only counts, and prints rows, megabytes, seconds and the peak heap, beside its limit measured
 * in the same JVM: {@code COPY (SELECT the same columns ... ORDER BY the same order) TO STDOUT (FORMAT csv)} through
 * the driver's {@code CopyManager}, once before the export and once after (the statement the store ran).
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar org.entsupport.benchmarks.ExportBenchmark
 * [--url JDBC_URL] [--tickets N] [--schools N] [--keep]}. The URL defaults to
 * {@code SUPPORT_BENCH_POSTGRES_URL}, then {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}.
 */
public final class ExportBenchmark {

    private static final String HEAP_CAP = "64m";

    private ExportBenchmark() {}

    /**
     * Runs the benchmark (or, with {@code --child}, the capped-heap export).
     *
     * @param args see the class comment
     * @throws Exception when the database or the child JVM fails
     */
    public static void main(String[] args) throws Exception {
        java.util.Map<String, String> opts = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        boolean keep = List.of(args).contains("--keep");
        String url = opts.getOrDefault(
                "url",
                System.getenv()
                        .getOrDefault(
                                "SUPPORT_BENCH_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres"));
        if (opts.containsKey("child")) {
            child(url, Objects.requireNonNull(opts.get("schema"), "schema"));
            return;
        }
        int tickets = Integer.parseInt(opts.getOrDefault("tickets", "1000000"));
        int schools = Integer.parseInt(opts.getOrDefault("schools", "500"));
        String schema = opts.getOrDefault("schema", "support_bench_export_" + Long.toHexString(System.nanoTime()));
        System.out.printf(
                Locale.ROOT, "PostgreSQL, schema %s: %,d tickets over %d schools%n", schema, tickets, schools);
        try (SupportJdbc setup =
                SupportJdbc.builder().jdbcUrl(url).schema(schema).poolSize(4).build()) {
            try {
                if (!opts.containsKey("schema")) {
                    long t = System.nanoTime();
                    ListBenchmark.load(setup, schema, tickets, schools);
                    System.out.printf(Locale.ROOT, "loaded in %.1f s%n", (System.nanoTime() - t) / 1e9);
                }
                System.out.println(runChild(url, schema));
            } finally {
                if (keep || opts.containsKey("schema")) {
                    System.out.println("kept schema " + schema);
                } else {
                    try (Connection c = setup.dataSource().getConnection();
                            Statement st = c.createStatement()) {
                        st.execute("DROP SCHEMA \"" + schema + "\" CASCADE");
                    }
                    System.out.println("dropped schema " + schema);
                }
            }
        }
    }

    private static String runChild(String url, String schema) throws Exception {
        Path jar = Path.of(ExportBenchmark.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(
                java.toString(),
                "-Xmx" + HEAP_CAP,
                "-Dorg.jooq.no-logo=true",
                "-Dorg.jooq.no-tips=true",
                "-cp",
                jar.toString(),
                ExportBenchmark.class.getName(),
                "--child",
                "export",
                "--url",
                url,
                "--schema",
                schema));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = p.waitFor();
        System.out.print(out);
        String last = out.lines()
                .filter(l -> l.startsWith("RESULT "))
                .reduce((a, b) -> b)
                .orElse(null);
        if (code != 0 || last == null) {
            return "export: FAILED in a JVM with -Xmx" + HEAP_CAP + " (exit " + code + ", see the output above)";
        }
        return last.substring("RESULT ".length());
    }

    private static void child(String url, String schema) throws Exception {
        Actor root = Actor.user("u-root", "Support").platformAdmin().build();
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setURL(url);
        RecordingDataSource recorder = new RecordingDataSource();
        try (SupportJdbc jdbc = SupportJdbc.builder()
                        .dataSource(recorder.wrap(pg))
                        .schema(schema)
                        .migrate(false)
                        .build();
                Support support = Support.builder().store(jdbc.store()).build()) {
            // the limit, once before the export (it also brings the table into the cache) and once after
            String handWritten = "SELECT id, created, modified, status, school, category, subject, owner, owner_name,"
                    + " escalation_status, comment_count, attachment_count, description FROM \"" + schema
                    + "\".support_tickets ORDER BY modified DESC, id DESC";
            double[] copyBefore = copy(pg, handWritten);
            System.gc();
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    pool.resetPeakUsage();
                }
            }
            CountingWriter out = new CountingWriter();
            recorder.start();
            long t = System.nanoTime();
            support.exportCsv(root, TicketQuery.all(), CsvDialect.EXCEL_FR, out);
            double seconds = (System.nanoTime() - t) / 1e9;
            List<RecordingDataSource.Recorded> ran = recorder.stop();
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    peak += pool.getPeakUsage().getUsed();
                }
            }
            // COPY of the very statement the store ran (a platform admin's export has no parameter)
            String storeSql = ran.size() == 1 && ran.get(0).bindings().isEmpty()
                    ? ran.get(0).sql()
                    : handWritten;
            System.out.printf(
                    Locale.ROOT,
                    "the store ran %d statement(s) for the export; COPY runs %s%n",
                    ran.size(),
                    storeSql.equals(handWritten) ? "the hand-written SELECT" : "the store's SELECT: " + storeSql);
            double[] copyAfter = copy(pg, storeSql);
            long rows = out.lines - 1;
            System.out.printf(
                    Locale.ROOT,
                    "RESULT export.csv (EXCEL_FR) with -Xmx%s (max heap %d MB): %,d rows after the header, %.1f MB,"
                            + " %.1f s (%,.0f rows/s), peak heap %.1f MB, %d flushes | limit: COPY (same SELECT) TO"
                            + " STDOUT (FORMAT csv) through CopyManager: %.1f s before, %.1f s after (%,.0f rows/s,"
                            + " %.1f MB) | export / COPY = %.2f | %s%n",
                    HEAP_CAP,
                    Runtime.getRuntime().maxMemory() / (1024 * 1024),
                    rows,
                    out.chars / 1e6,
                    seconds,
                    rows / seconds,
                    peak / 1e6,
                    out.flushes,
                    copyBefore[0],
                    copyAfter[0],
                    copyAfter[1] / copyAfter[0],
                    copyAfter[2] / 1e6,
                    seconds / Math.min(copyBefore[0], copyAfter[0]),
                    Limits.machine());
        }
    }

    /** Times {@code COPY (select) TO STDOUT (FORMAT csv)} into a stream that only counts: seconds, rows, bytes. */
    private static double[] copy(PGSimpleDataSource pg, String select) throws Exception {
        try (Connection c = pg.getConnection()) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            CountingStream sink = new CountingStream();
            long t = System.nanoTime();
            long rows = copy.copyOut("COPY (" + select + ") TO STDOUT (FORMAT csv)", sink);
            double seconds = (System.nanoTime() - t) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "COPY ... TO STDOUT: %,d rows, %.1f MB in %.1f s (%,.0f rows/s)%n",
                    rows,
                    sink.bytes / 1e6,
                    seconds,
                    rows / seconds);
            return new double[] {seconds, rows, sink.bytes};
        }
    }

    /** Counts bytes; keeps nothing. */
    private static final class CountingStream extends java.io.OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }

    /** Counts characters, lines outside quotes and flushes; keeps nothing. */
    static final class CountingWriter extends Writer {
        long chars;
        long lines;
        long flushes;
        private boolean quoted;

        @Override
        public void write(char[] buf, int off, int len) {
            chars += len;
            for (int i = off; i < off + len; i++) {
                char c = buf[i];
                if (c == '"') {
                    quoted = !quoted;
                } else if (c == '\n' && !quoted) {
                    lines++;
                }
            }
        }

        @Override
        public void flush() {
            flushes++;
        }

        @Override
        public void close() {}
    }
}

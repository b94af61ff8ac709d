package org.entsupport.benchmarks;

import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToIntFunction;
import javax.sql.DataSource;
import org.entsupport.core.Actor;
import org.entsupport.core.CsvDialect;
import org.entsupport.core.NewTicket;
import org.entsupport.core.Page;
import org.entsupport.core.Support;
import org.entsupport.core.TicketQuery;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketStatus;
import org.entsupport.jdbc.SupportJdbc;
import org.jspecify.annotations.Nullable;

/**
 * The benchmarks of PostgreSQL, on MariaDB, each figure printed beside a limit measured in the same run on the
 * same server. Everything goes into a new database {@code support_bench_<random>} (on MariaDB the library's
 * "schema" is a database), dropped at the end unless {@code --keep}. In the order they run:
 *
 * <ol>
 *   <li><b>Load</b>: the tickets of {@link ListBenchmark}'s generator (default 1,000,000 over 500 schools),
 *       streamed by {@code LOAD DATA LOCAL INFILE} (Connector/J's {@code setLocalInfileInputStream}, the
 *       connection opened with {@code allowLocalInfile=true}) in chunks of about 50,000 rows, the next chunk
 *       generated while one loads, with the table's secondary indexes dropped, then the indexes added again
 *       (their definitions are read from {@code information_schema.STATISTICS} and checked to be the same
 *       afterwards); the local admin's 5 own tickets are filed through {@code Support.create}.
 *       {@code support_ticket_counts} is then rebuilt (as {@code V4__ticket_counts.sql} says any bulk writer must)
 *       and both tables analysed ({@code ANALYZE TABLE}). Prints rows per second.
 *   <li><b>Lists</b> of a local admin of 20 schools, as {@link ListBenchmark}: default list page 1, the page
 *       reached by following cursors to depth 20,000, open statuses page 1, counts per status, search of a rare
 *       word ({@code imprimante}) and of a common one ({@code page}); after checking the counts and the first
 *       search page against plain SQL. Limit: the statements the store ran for the same call (recorded through
 *       {@link RecordingDataSource} with their bound values) executed through plain JDBC on the same pool,
 *       every column read as a string, in auto-commit. The two are timed call by call, interleaved (2 &times;
 *       runs warm-up pairs, then --runs pairs; the searches --search-runs, default 10: MariaDB has no search
 *       index, so each reads every ticket of the 20 schools): median and p95 of each; the difference is the library's cost
 *       over its own SQL (its transaction, jOOQ, the mapping to tickets). Prints MariaDB's {@code ANALYZE} (the
 *       {@code EXPLAIN} columns plus {@code r_rows}, {@code r_filtered} measured by running it) of the list and
 *       search statements.
 *   <li><b>CSV export</b> of every ticket as a platform admin ({@code Support.exportCsv}, EXCEL_FR, into a writer
 *       that only counts) in a child JVM started with {@code -Xmx64m}, after a first, recorded export: rows per
 *       second and the heap's peak. Runs before the creates, so it exports exactly the loaded tickets. Limit, in the
 *       same child: the SELECT the store ran, read through plain JDBC with the store's fetch size (2,000,
 *       Connector/J then streams the rows) in one read transaction, every column read as a string and dropped;
 *       once before and once after the timed export.
 *   <li><b>Creates</b>: {@code Support.create} from 4 threads for 10 s after a 5 s warm-up (actors and requests
 *       built before), into the loaded tables (CreateBenchmark files into empty ones). Limit, before and after:
 *       the statements of one create, recorded, replayed by 4 threads through plain JDBC prepared statements, one
 *       transaction per ticket (the ticket's id taken from the insert's generated key and bound where the create
 *       bound its id, fresh UUIDs where it bound UUIDs).
 *   <li><b>Relay drain</b>, as {@link RelayBenchmark}: 20,000 due outbox rows drained by one relay of 4 workers,
 *       then by 4 relays of one worker, batch 50, each notification id delivered exactly once. Limit, before and
 *       after: plain JDBC updates by 4 threads on a 100,000-row table of this database, one row per commit and
 *       50 rows per commit (rows/s = commits/s &times; 50).
 * </ol>
 *
 * <p>Prints the machine and its load average at the start and at the end, and the server settings that weigh on
 * the figures (buffer pool, {@code innodb_flush_log_at_trx_commit}, binary log).
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar org.entsupport.benchmarks.MariaDbBenchmark [--url
 * JDBC_URL] [--tickets N] [--schools N] [--runs N] [--depth N] [--threads N] [--seconds N] [--warmup N]
 * [--search-runs N] [--relay-rows N] [--limit-seconds N] [--keep]}. The URL defaults to {@code SUPPORT_BENCH_MARIADB_URL}, then
 * {@code jdbc:mariadb://127.0.0.1:3306/test?user=root}; the server must allow {@code local_infile}.
 */
public final class MariaDbBenchmark {

    private static final String RARE = "imprimante";
    private static final String COMMON = "page";
    /** The store's fetch size for the export ({@code JdbcExport.FETCH_SIZE}). */
    private static final int EXPORT_FETCH_SIZE = 2_000;

    private static final String HEAP_CAP = "64m";
    /** The columns of a generated row, in {@link ListBenchmark}'s order; the times go through variables. */
    private static final String LOAD_COLUMNS = "(owner, owner_name, school, category, subject, description, status,"
            + " escalation_status, @created, @modified, @status_changed, version, locale, comment_count,"
            + " attachment_count, search_text)";

    /** Keeps what the limits read, so that no reading is optimised away. */
    private static long sink;

    private MariaDbBenchmark() {}

    /** One line of the final table: what, the library's figure, its limit, their ratio. */
    private record Line(String what, String figure, String limit, String ratio) {}

    /**
     * Runs the benchmark (or, with {@code --child export}, the capped-heap export).
     *
     * @param args see the class comment
     * @throws Exception when the database, the child JVM or a check fails
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> opts = Limits.options(args, "keep");
        String url = opts.getOrDefault(
                "url",
                System.getenv()
                        .getOrDefault("SUPPORT_BENCH_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/test?user=root"));
        if (opts.containsKey("child")) {
            exportChild(url, Objects.requireNonNull(opts.get("schema"), "--schema"));
            return;
        }
        int tickets = Integer.parseInt(opts.getOrDefault("tickets", "1000000"));
        int schools = Integer.parseInt(opts.getOrDefault("schools", "500"));
        int runs = Math.max(10, Integer.parseInt(opts.getOrDefault("runs", "100")));
        // MariaDB has no search index: a search reads every ticket of the 20 schools (about a second each)
        int searchRuns = Math.max(3, Integer.parseInt(opts.getOrDefault("search-runs", "10")));
        int depth = Integer.parseInt(opts.getOrDefault("depth", "20000"));
        int threads = Integer.parseInt(opts.getOrDefault("threads", "4"));
        int seconds = Integer.parseInt(opts.getOrDefault("seconds", "10"));
        int warmup = Integer.parseInt(opts.getOrDefault("warmup", "5"));
        int relayRows = Integer.parseInt(opts.getOrDefault("relay-rows", "20000"));
        int limitSeconds = Integer.parseInt(opts.getOrDefault("limit-seconds", "5"));
        String db =
                "support_bench_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);

        System.out.printf(
                Locale.ROOT,
                "MariaDB %s, database %s: %,d tickets over %d schools, %d runs per query, %d threads%n",
                url.replaceAll("password=[^&]*", "password=***"),
                db,
                tickets,
                schools,
                runs,
                threads);
        String machineAtStart = Limits.machine();
        System.out.println("machine at the start: " + machineAtStart);
        List<Line> lines = new ArrayList<>();
        try (SupportJdbc setup = SupportJdbc.builder()
                .jdbcUrl(url)
                .schema(db)
                .poolSize(threads + 4)
                .build()) {
            try {
                System.out.println("server: " + server(setup.dataSource()));
                lines.add(load(setup, db, url, tickets, schools));
                lines.addAll(lists(setup, db, schools, runs, searchRuns, depth));
                lines.add(export(url, db));
                lines.add(creates(setup, db, threads, seconds, warmup, schools));
                lines.addAll(relay(setup, db, threads, relayRows, limitSeconds));
            } finally {
                if (opts.containsKey("keep")) {
                    System.out.println("kept database " + db + " (drop it with: DROP DATABASE `" + db + "`)");
                } else {
                    Limits.execute(setup.dataSource(), "DROP DATABASE `" + db + "`");
                    System.out.println("dropped database " + db);
                }
            }
        }
        System.out.println();
        System.out.println("=== MariaDB figures, each beside its limit measured in the same run ===");
        System.out.println("machine at the start: " + machineAtStart + "; at the end: " + Limits.machine());
        int w0 = "measure".length();
        int w1 = "library".length();
        int w2 = "limit beside it".length();
        for (Line l : lines) {
            w0 = Math.max(w0, l.what().length());
            w1 = Math.max(w1, l.figure().length());
            w2 = Math.max(w2, l.limit().length());
        }
        String format = "%-" + w0 + "s | %-" + w1 + "s | %-" + w2 + "s | %s%n";
        System.out.printf(format, "measure", "library", "limit beside it", "library / limit");
        for (Line l : lines) {
            System.out.printf(format, l.what(), l.figure(), l.limit(), l.ratio());
        }
    }

    /** The server's version and the settings that weigh on the figures. */
    private static String server(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT VERSION(), @@innodb_buffer_pool_size,"
                        + " @@innodb_flush_log_at_trx_commit, @@log_bin, @@sync_binlog, @@local_infile")) {
            rs.next();
            return String.format(
                    Locale.ROOT,
                    "%s, innodb_buffer_pool_size %d MB, innodb_flush_log_at_trx_commit %s, log_bin %s,"
                            + " sync_binlog %s, local_infile %s",
                    rs.getString(1),
                    rs.getLong(2) >> 20,
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6));
        }
    }

    /** Reads every row, every column as a string; returns the rows and the characters read. */
    private static long[] readAsText(ResultSet rs) throws SQLException {
        int columns = rs.getMetaData().getColumnCount();
        long rows = 0;
        long chars = 0;
        while (rs.next()) {
            for (int i = 1; i <= columns; i++) {
                String s = rs.getString(i);
                chars += s == null ? 0 : s.length();
            }
            rows++;
        }
        return new long[] {rows, chars};
    }

    /** A store over {@code pool} in the database {@code db}, already migrated. */
    private static SupportJdbc over(DataSource pool, String db) {
        return SupportJdbc.builder().dataSource(pool).schema(db).migrate(false).build();
    }

    private static String table(String db, String name) {
        return "`" + db + "`." + name;
    }

    // ------------------------------------------------------------------ loading

    private static Line load(SupportJdbc setup, String db, String url, int tickets, int schools) throws Exception {
        String ticketsTable = table(db, "support_tickets");
        try (Connection c = setup.dataSource().getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT @@local_infile")) {
            if (!rs.next() || !rs.getBoolean(1)) {
                throw new IllegalStateException("the server refuses LOAD DATA LOCAL INFILE: run SET GLOBAL"
                        + " local_infile = 1 (or start it with --local-infile=1)");
            }
        }
        List<String> indexes = secondaryIndexes(setup.dataSource(), db);
        long rowsLoaded = 0;
        double loadSeconds;
        double loadDataSeconds;
        double indexSeconds;
        // A connection of its own: Connector/J sends a local file only when allowed by the URL.
        try (Connection c =
                        DriverManager.getConnection(url + (url.contains("?") ? "&" : "?") + "allowLocalInfile=true");
                Statement st = c.createStatement()) {
            st.execute("ALTER TABLE " + ticketsTable + " "
                    + String.join(
                            ", ",
                            indexes.stream()
                                    .map(d -> "DROP INDEX " + d.substring(0, d.indexOf(' ')))
                                    .toList()));
            // the remaining unique index (owner, idempotency_key) holds only NULL keys here
            st.execute("SET SESSION unique_checks = 0");
            org.mariadb.jdbc.Statement loader = st.unwrap(org.mariadb.jdbc.Statement.class);
            String sql = "LOAD DATA LOCAL INFILE 'support_tickets.tsv' INTO TABLE " + ticketsTable
                    + " CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' "
                    + LOAD_COLUMNS
                    // the generator writes times as 2024-05-01 10:00:00.123456+00:00 (UTC, as the store keeps them)
                    + " SET created = LEFT(@created, 26), modified = LEFT(@modified, 26),"
                    + " status_changed = LEFT(@status_changed, 26)";
            Random random = new Random(42);
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            long span = 3L * 365 * 24 * 3600 * 1_000_000L;
            StringBuilder rows = new StringBuilder(20_000_000);
            AtomicLong inServer = new AtomicLong();
            // one chunk is loaded while the next is generated
            ExecutorService sender = Executors.newSingleThreadExecutor();
            Future<Long> sending = null;
            long start = System.nanoTime();
            try {
                for (int i = 0; i < tickets; i++) {
                    // in filing order, so that ids grow with the filing date as in real life
                    Instant created = now.minus(span - (long) ((double) span * i / tickets), ChronoUnit.MICROS);
                    ListBenchmark.row(rows, random, created, now, schools);
                    if (rows.length() > 17_000_000 || i == tickets - 1) {
                        byte[] chunk = rows.toString().getBytes(StandardCharsets.UTF_8);
                        rows.setLength(0);
                        if (sending != null) {
                            rowsLoaded += sending.get();
                        }
                        sending = sender.submit(() -> {
                            long t = System.nanoTime();
                            loader.setLocalInfileInputStream(new ByteArrayInputStream(chunk));
                            long n = st.executeLargeUpdate(sql);
                            inServer.addAndGet(System.nanoTime() - t);
                            SQLWarning warning = st.getWarnings();
                            if (warning != null) {
                                throw new IllegalStateException("LOAD DATA warned: " + warning.getMessage());
                            }
                            return n;
                        });
                    }
                }
                if (sending != null) {
                    rowsLoaded += sending.get();
                }
            } finally {
                sender.shutdown();
            }
            loadSeconds = (System.nanoTime() - start) / 1e9;
            if (rowsLoaded != tickets) {
                throw new IllegalStateException("LOAD DATA loaded " + rowsLoaded + " rows of " + tickets);
            }
            loadDataSeconds = inServer.get() / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "loaded %,d tickets in %.1f s (%,.0f rows/s): %.1f s in LOAD DATA LOCAL INFILE statements, the next"
                            + " chunk generated meanwhile%n",
                    rowsLoaded,
                    loadSeconds,
                    rowsLoaded / loadSeconds,
                    loadDataSeconds);
            long t = System.nanoTime();
            st.execute("ALTER TABLE " + ticketsTable + " "
                    + String.join(
                            ", ", indexes.stream().map(d -> "ADD INDEX " + d).toList()));
            indexSeconds = (System.nanoTime() - t) / 1e9;
            System.out.printf(Locale.ROOT, "added %d indexes again in %.1f s%n", indexes.size(), indexSeconds);
        }
        if (!secondaryIndexes(setup.dataSource(), db).equals(indexes)) {
            throw new IllegalStateException("the indexes differ after the load: " + indexes);
        }
        // the local admin's own tickets, in schools he does not administer
        try (Support support = Support.builder().store(setup.store()).build()) {
            for (int i = 0; i < 5; i++) {
                String school = ListBenchmark.school(schools - 1 - i);
                support.create(
                        Actor.user("u-admin", "Alice Référente")
                                .memberOf(school)
                                .build(),
                        NewTicket.builder()
                                .school(school)
                                .category("/blog")
                                .subject("Ma propre demande " + i)
                                .description("Une demande de la référente")
                                .build());
            }
        }
        long t = System.nanoTime();
        // LOAD DATA bypasses the store, which keeps the counts per (school, status) in step: rebuild them as
        // V4__ticket_counts.sql says
        try (Connection c = setup.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("DELETE FROM " + table(db, "support_ticket_counts"));
                st.execute("INSERT INTO " + table(db, "support_ticket_counts") + " (school, status, n)"
                        + " SELECT school, status, COUNT(*) FROM " + ticketsTable + " GROUP BY school, status");
            }
            c.commit();
        }
        Limits.execute(
                setup.dataSource(),
                "ANALYZE TABLE " + ticketsTable,
                "ANALYZE TABLE " + table(db, "support_ticket_counts"));
        double countSeconds = (System.nanoTime() - t) / 1e9;
        System.out.printf(Locale.ROOT, "counts per (school, status) rebuilt, ANALYZE TABLE, in %.1f s%n", countSeconds);
        return new Line(
                "load (LOAD DATA LOCAL INFILE, secondary indexes dropped)",
                String.format(
                        Locale.ROOT,
                        "%,.0f rows/s: %,d rows in %.1f s (%.1f s in LOAD DATA); then indexes %.1f s, counts and"
                                + " ANALYZE %.1f s",
                        rowsLoaded / loadSeconds,
                        rowsLoaded,
                        loadSeconds,
                        loadDataSeconds,
                        indexSeconds,
                        countSeconds),
                "-",
                "");
    }

    /** The non-unique indexes of the tickets, as {@code `name` (`col`, ...)}, in name order. */
    private static List<String> secondaryIndexes(DataSource ds, String db) throws SQLException {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT INDEX_NAME, COLUMN_NAME, SUB_PART"
                        + " FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ?"
                        + " AND TABLE_NAME = 'support_tickets'"
                        + " AND NON_UNIQUE = 1 ORDER BY INDEX_NAME, SEQ_IN_INDEX")) {
            ps.setString(1, db);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    String column = rs.getString(2);
                    long part = rs.getLong(3);
                    boolean whole = rs.wasNull();
                    columns.computeIfAbsent(name, k -> new ArrayList<>())
                            .add("`" + column + "`" + (whole ? "" : "(" + part + ")"));
                }
            }
        }
        List<String> out = new ArrayList<>();
        columns.forEach((name, cols) -> out.add("`" + name + "` (" + String.join(", ", cols) + ")"));
        return out;
    }

    // ------------------------------------------------------------------ lists

    private static List<Line> lists(
            SupportJdbc setup, String db, int schools, int runs, int searchRuns, int depthWanted) throws Exception {
        String[] administered = ListBenchmark.administered(20, schools);
        Actor admin = Actor.user("u-admin", "Alice Référente")
                .memberOf(administered)
                .adminOf(administered)
                .build();
        System.out.println();
        System.out.println("=== lists: local admin of " + administered.length + " schools ("
                + String.join(", ", Arrays.copyOf(administered, 3)) + ", ...) and owner of 5 tickets elsewhere ===");
        RecordingDataSource recorder = new RecordingDataSource();
        DataSource pool = setup.dataSource();
        try (SupportJdbc plain = over(pool, db);
                SupportJdbc recorded = over(recorder.wrap(pool), db);
                Support support = Support.builder().store(plain.store()).build();
                Support watched = Support.builder().store(recorded.store()).build()) {
            // follow the cursors down to the wanted depth (or to the last page that has a next one)
            String cursor = null;
            int depth = 0;
            while (depth < depthWanted) {
                Page<Ticket> page =
                        support.list(admin, TicketQuery.builder().after(cursor).build());
                String next = page.nextCursor().orElse(null);
                if (next == null) {
                    break;
                }
                depth += page.items().size();
                cursor = next;
            }
            TicketQuery deep = TicketQuery.builder().after(cursor).build();
            TicketQuery open = TicketQuery.builder()
                    .statuses(TicketStatus.NEW, TicketStatus.OPENED, TicketStatus.WAITING)
                    .build();
            TicketQuery rare = TicketQuery.builder().text(RARE).build();
            TicketQuery common = TicketQuery.builder().text(COMMON).build();
            check(pool, db, support, admin, administered, rare);

            Map<String, ToIntFunction<Support>> calls = new LinkedHashMap<>();
            calls.put(
                    "default list, page 1",
                    s -> s.list(admin, TicketQuery.all()).items().size());
            calls.put(
                    String.format(Locale.ROOT, "default list, depth %,d", depth),
                    s -> s.list(admin, deep).items().size());
            calls.put("open statuses, page 1", s -> s.list(admin, open).items().size());
            calls.put(
                    "counts per status",
                    s -> s.countByStatus(admin, TicketQuery.all()).size());
            calls.put(
                    "search \"" + RARE + "\"", s -> s.list(admin, rare).items().size());
            calls.put(
                    "search \"" + COMMON + "\"",
                    s -> s.list(admin, common).items().size());

            System.out.printf(
                    Locale.ROOT,
                    "%-28s %21s %21s %10s %s%n",
                    "query (ms)",
                    "library median / p95",
                    "its SQL median / p95",
                    "difference",
                    "rows (library / SQL); statements");
            List<Line> out = new ArrayList<>();
            Map<String, List<RecordingDataSource.Recorded>> explained = new LinkedHashMap<>();
            for (Map.Entry<String, ToIntFunction<Support>> call : calls.entrySet()) {
                recorder.start();
                var unused = call.getValue().applyAsInt(watched);
                List<RecordingDataSource.Recorded> statements =
                        recorder.stop().stream().filter(r -> isQuery(r.sql())).toList();
                Interleaved times = interleaved(
                        call.getKey().startsWith("search") ? searchRuns : runs,
                        () -> call.getValue().applyAsInt(support),
                        () -> runStatements(pool, statements));
                double[] api = summary(times.a());
                double[] limit = summary(times.b());
                System.out.printf(
                        Locale.ROOT,
                        "%-28s %9.3f / %9.3f %9.3f / %9.3f %+9.3f  %d / %d rows; %d statement(s)%n",
                        call.getKey(),
                        api[0],
                        api[1],
                        limit[0],
                        limit[1],
                        api[0] - limit[0],
                        times.rowsA(),
                        times.rowsB(),
                        statements.size());
                out.add(new Line(
                        call.getKey() + ", median (p95)",
                        String.format(Locale.ROOT, "%.3f ms (%.3f)", api[0], api[1]),
                        String.format(Locale.ROOT, "its SQL through JDBC %.3f ms (%.3f)", limit[0], limit[1]),
                        String.format(Locale.ROOT, "%.2f (%+.3f ms)", api[0] / limit[0], api[0] - limit[0])));
                if (!call.getKey().startsWith("open") && !call.getKey().startsWith("counts")) {
                    explained.put(call.getKey(), statements);
                }
            }
            for (Map.Entry<String, List<RecordingDataSource.Recorded>> e : explained.entrySet()) {
                explain(pool, e.getKey(), e.getValue());
            }
            return out;
        }
    }

    private static boolean isQuery(String sql) {
        String s = sql.stripLeading().toLowerCase(Locale.ROOT);
        return s.startsWith("select") || s.startsWith("with") || s.startsWith("(");
    }

    /**
     * The store's counts per status and first search page against plain SQL over the tickets (no counters):
     * they must be the same.
     */
    private static void check(
            DataSource pool, String db, Support support, Actor admin, String[] administered, TicketQuery search)
            throws SQLException {
        String in = "school IN ('" + String.join("', '", administered) + "') OR owner = '" + admin.userId() + "'";
        Map<TicketStatus, Long> expected = new EnumMap<>(TicketStatus.class);
        for (TicketStatus s : TicketStatus.values()) {
            expected.put(s, 0L);
        }
        List<Long> expectedIds = new ArrayList<>();
        try (Connection c = pool.getConnection();
                Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT status, COUNT(*) FROM " + table(db, "support_tickets")
                    + " WHERE " + in + " GROUP BY status")) {
                while (rs.next()) {
                    expected.put(TicketStatus.ofCode(rs.getShort(1)), rs.getLong(2));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT id FROM " + table(db, "support_tickets") + " WHERE (" + in
                    + ") AND search_text LIKE '%" + RARE + "%' ORDER BY modified DESC, id DESC LIMIT 25")) {
                while (rs.next()) {
                    expectedIds.add(rs.getLong(1));
                }
            }
        }
        ListBenchmark.compare(support, admin, search, expected, expectedIds);
    }

    /** Runs recorded queries on one connection of {@code pool}, reading every column as a string; returns rows. */
    private static int runStatements(DataSource pool, List<RecordingDataSource.Recorded> statements) {
        int rows = 0;
        long chars = 0;
        try (Connection c = pool.getConnection()) {
            for (RecordingDataSource.Recorded r : statements) {
                try (PreparedStatement ps = c.prepareStatement(r.sql())) {
                    r.bind(ps);
                    try (ResultSet rs = ps.executeQuery()) {
                        long[] read = readAsText(rs);
                        rows += (int) read[0];
                        chars += read[1];
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        sink += chars;
        return rows;
    }

    /** Milliseconds of each call of {@code a} and {@code b}, and the rows of their last calls. */
    private record Interleaved(double[] a, double[] b, int rowsA, int rowsB) {}

    /** Times {@code a} and {@code b} call by call, alternating which goes first, after 2 x runs warm-up pairs. */
    private static Interleaved interleaved(int runs, Counted a, Counted b) throws Exception {
        for (int i = 0; i < 2 * runs; i++) {
            a.run();
            b.run();
        }
        double[] ta = new double[runs];
        double[] tb = new double[runs];
        int rowsA = 0;
        int rowsB = 0;
        for (int i = 0; i < runs; i++) {
            if (i % 2 == 0) {
                long t0 = System.nanoTime();
                rowsA = a.run();
                long t1 = System.nanoTime();
                rowsB = b.run();
                ta[i] = (t1 - t0) / 1e6;
                tb[i] = (System.nanoTime() - t1) / 1e6;
            } else {
                long t0 = System.nanoTime();
                rowsB = b.run();
                long t1 = System.nanoTime();
                rowsA = a.run();
                tb[i] = (t1 - t0) / 1e6;
                ta[i] = (System.nanoTime() - t1) / 1e6;
            }
        }
        return new Interleaved(ta, tb, rowsA, rowsB);
    }

    /** A call that returns how many rows it read. */
    @FunctionalInterface
    private interface Counted {
        int run() throws Exception;
    }

    /** Median and p95, as ListBenchmark computes them. */
    private static double[] summary(double[] times) {
        double[] ms = times.clone();
        Arrays.sort(ms);
        return new double[] {ms[ms.length / 2], ms[(int) Math.ceil(ms.length * 0.95) - 1]};
    }

    /** MariaDB's {@code ANALYZE} of each recorded query: its plan, with the rows each step really read. */
    private static void explain(DataSource pool, String name, List<RecordingDataSource.Recorded> statements)
            throws Exception {
        System.out.println();
        System.out.println("=== " + name + ": ANALYZE (EXPLAIN + r_rows, r_filtered) of the store's SQL ===");
        String[] shown = {
            "id", "select_type", "table", "type", "key", "rows", "r_rows", "filtered", "r_filtered", "Extra"
        };
        try (Connection c = pool.getConnection()) {
            for (RecordingDataSource.Recorded r : statements) {
                // without the database's name before every column, to be readable
                String sql = r.sql().replaceAll("\\s+", " ").replaceAll("`support_bench_[0-9a-f]+`\\.", "");
                System.out.println(sql.length() > 1_000 ? sql.substring(0, 1_000) + " ..." : sql);
                List<String[]> table = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("ANALYZE " + r.sql())) {
                    r.bind(ps);
                    try (ResultSet rs = ps.executeQuery()) {
                        ResultSetMetaData meta = rs.getMetaData();
                        List<Integer> columns = new ArrayList<>();
                        List<String> header = new ArrayList<>();
                        for (String want : shown) {
                            for (int i = 1; i <= meta.getColumnCount(); i++) {
                                if (meta.getColumnLabel(i).equalsIgnoreCase(want)) {
                                    columns.add(i);
                                    header.add(want);
                                }
                            }
                        }
                        table.add(header.toArray(String[]::new));
                        while (rs.next()) {
                            String[] row = new String[columns.size()];
                            for (int i = 0; i < row.length; i++) {
                                row[i] = String.valueOf(rs.getString(columns.get(i)));
                            }
                            table.add(row);
                        }
                    }
                }
                int[] widths = new int[table.get(0).length];
                for (String[] row : table) {
                    for (int i = 0; i < row.length; i++) {
                        widths[i] = Math.max(widths[i], row[i].length());
                    }
                }
                for (String[] row : table) {
                    StringBuilder line = new StringBuilder();
                    for (int i = 0; i < row.length; i++) {
                        line.append(String.format(Locale.ROOT, "%-" + (widths[i] + 2) + "s", row[i]));
                    }
                    System.out.println(line.toString().stripTrailing());
                }
            }
        }
    }

    // ------------------------------------------------------------------ export

    private static Line export(String url, String db) throws Exception {
        System.out.println();
        System.out.println("=== CSV export in a child JVM with -Xmx" + HEAP_CAP + " ===");
        Path jar = Path.of(MariaDbBenchmark.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(
                        java.toString(),
                        "-Xmx" + HEAP_CAP,
                        "-cp",
                        jar.toString(),
                        MariaDbBenchmark.class.getName(),
                        "--child",
                        "export",
                        "--url",
                        url,
                        "--schema",
                        db)
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = p.waitFor();
        System.out.print(out);
        String result = out.lines()
                .filter(l -> l.startsWith("RESULT "))
                .reduce((a, b) -> b)
                .orElse(null);
        if (code != 0 || result == null) {
            return new Line("CSV export, -Xmx" + HEAP_CAP, "FAILED (exit " + code + ", see above)", "", "");
        }
        String[] parts = result.substring("RESULT ".length()).split("\\|", -1);
        return new Line("CSV export, EXCEL_FR, -Xmx" + HEAP_CAP, parts[0], parts[1], parts[2]);
    }

    /** In the child JVM: export once recorded (warm-up), the limit, the timed export, the limit again. */
    private static void exportChild(String url, String db) throws Exception {
        Actor root = Actor.user("u-root", "Support").platformAdmin().build();
        RecordingDataSource recorder = new RecordingDataSource();
        try (SupportJdbc jdbc = SupportJdbc.builder()
                        .jdbcUrl(url)
                        .schema(db)
                        .poolSize(2)
                        .migrate(false)
                        .build();
                SupportJdbc recorded = over(recorder.wrap(jdbc.dataSource()), db);
                Support watched = Support.builder().store(recorded.store()).build();
                Support support = Support.builder().store(jdbc.store()).build()) {
            recorder.start();
            double[] first = exportOnce(watched, root);
            List<RecordingDataSource.Recorded> ran =
                    recorder.stop().stream().filter(r -> isQuery(r.sql())).toList();
            if (ran.size() != 1) {
                throw new IllegalStateException("the export ran " + ran.size() + " queries, not one: " + ran);
            }
            RecordingDataSource.Recorded select = ran.get(0);
            System.out.printf(
                    Locale.ROOT,
                    "first export (recorded, warms the cache): %,.0f rows in %.1f s; the store's SELECT: %s%n",
                    first[0],
                    first[1],
                    select.sql().replaceAll("\\s+", " "));
            double[] before = readAll(jdbc.dataSource(), select);
            System.gc();
            for (MemoryPoolMXBean mp : ManagementFactory.getMemoryPoolMXBeans()) {
                if (mp.getType() == MemoryType.HEAP) {
                    mp.resetPeakUsage();
                }
            }
            double[] timed = exportOnce(support, root);
            long peak = 0;
            for (MemoryPoolMXBean mp : ManagementFactory.getMemoryPoolMXBeans()) {
                if (mp.getType() == MemoryType.HEAP) {
                    peak += mp.getPeakUsage().getUsed();
                }
            }
            double[] after = readAll(jdbc.dataSource(), select);
            double limit = Math.min(before[1], after[1]);
            System.out.printf(
                    Locale.ROOT,
                    "export: %,.0f rows, %.1f MB in %.1f s (%,.0f rows/s), peak heap %.1f MB, %,.0f flushes"
                            + " (max heap %d"
                            + " MB); limit, the same SELECT through JDBC: %.1f s before, %.1f s after%n",
                    timed[0],
                    timed[2] / 1e6,
                    timed[1],
                    timed[0] / timed[1],
                    peak / 1e6,
                    timed[3],
                    Runtime.getRuntime().maxMemory() >> 20,
                    before[1],
                    after[1]);
            if (timed[0] != before[0]) {
                throw new IllegalStateException("the export wrote " + timed[0] + " rows, the SELECT read " + before[0]);
            }
            System.out.printf(
                    Locale.ROOT,
                    "RESULT %,.0f rows/s (%,.0f rows, %.1f s, %.0f MB, peak heap %.1f MB)|SELECT read through JDBC"
                            + " (fetch size %d) %,.0f rows/s (%.1f s before, %.1f s after)|%.2f (rows/s)%n",
                    timed[0] / timed[1],
                    timed[0],
                    timed[1],
                    timed[2] / 1e6,
                    peak / 1e6,
                    EXPORT_FETCH_SIZE,
                    before[0] / limit,
                    before[1],
                    after[1],
                    (timed[0] / timed[1]) / (before[0] / limit));
        }
    }

    /** Exports every ticket into a counting writer: rows after the header, seconds, characters, flushes. */
    private static double[] exportOnce(Support support, Actor root) {
        ExportBenchmark.CountingWriter out = new ExportBenchmark.CountingWriter();
        long t = System.nanoTime();
        support.exportCsv(root, TicketQuery.all(), CsvDialect.EXCEL_FR, out);
        return new double[] {out.lines - 1, (System.nanoTime() - t) / 1e9, out.chars, out.flushes};
    }

    /**
     * Reads the result of {@code select} through plain JDBC as the store does (one read transaction, fetch size
     * {@value #EXPORT_FETCH_SIZE}, so that Connector/J streams), every column as a string, into nothing.
     * Returns rows and seconds.
     */
    private static double[] readAll(DataSource ds, RecordingDataSource.Recorded select) throws Exception {
        long rows = 0;
        long chars = 0;
        long t = System.nanoTime();
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(select.sql())) {
                select.bind(ps);
                ps.setFetchSize(EXPORT_FETCH_SIZE);
                try (ResultSet rs = ps.executeQuery()) {
                    long[] read = readAsText(rs);
                    rows += read[0];
                    chars += read[1];
                }
            } finally {
                c.commit();
                c.setAutoCommit(true);
            }
        }
        double seconds = (System.nanoTime() - t) / 1e9;
        sink += chars;
        System.out.printf(
                Locale.ROOT,
                "limit: the SELECT read through JDBC: %,d rows, %,d characters in %.1f s (%,.0f rows/s)%n",
                rows,
                chars,
                seconds,
                rows / seconds);
        return new double[] {rows, seconds};
    }

    // ------------------------------------------------------------------ creates

    private static Line creates(SupportJdbc setup, String db, int threads, int seconds, int warmup, int schools)
            throws Exception {
        System.out.println();
        System.out.printf(
                Locale.ROOT, "=== creates: %d threads, %d s after a %d s warm-up ===%n", threads, seconds, warmup);
        // built before the timing, so that the timed loop only files them
        int n = 10_000;
        Actor[] actors = new Actor[n];
        NewTicket[] requests = new NewTicket[n];
        for (int i = 0; i < n; i++) {
            String school = ListBenchmark.school(i % schools);
            actors[i] = Actor.user("u-" + (i % 5_000), "Élève " + (i % 5_000))
                    .memberOf(school)
                    .build();
            requests[i] = NewTicket.builder()
                    .school(school)
                    .category("/blog")
                    .subject("Impossible de publier un billet " + i)
                    .description("Le bouton Publier ne fait rien depuis ce matin. Merci de votre aide.")
                    .build();
        }
        RecordingDataSource recorder = new RecordingDataSource();
        DataSource pool = setup.dataSource();
        try (SupportJdbc plain = over(pool, db);
                SupportJdbc recorded = over(recorder.wrap(pool), db);
                Support support = Support.builder()
                        .store(plain.store())
                        .directory(school -> Set.of("u-admin-" + school))
                        .build();
                Support watched = Support.builder()
                        .store(recorded.store())
                        .directory(school -> Set.of("u-admin-" + school))
                        .build()) {
            Worker api = (w, stop, ops) -> {
                for (int i = w; !stop.get(); i += threads) {
                    support.create(actors[i % n], requests[i % n]);
                    ops.incrementAndGet();
                }
            };
            System.out.print("warm-up (JIT, pool): ");
            report("creates", rate(threads, warmup, api));
            recorder.start();
            Ticket one = watched.create(actors[1], requests[1]);
            List<RecordingDataSource.Recorded> statements = recorder.stop();
            System.out.println("one create ran " + statements.size() + " prepared statements:");
            for (RecordingDataSource.Recorded r : statements) {
                String sql = r.sql().replaceAll("\\s+", " ");
                System.out.println("  " + (sql.length() > 200 ? sql.substring(0, 200) + " ..." : sql));
            }
            Worker replay = (w, stop, ops) -> {
                try (Connection c = pool.getConnection();
                        Replay r = new Replay(c, statements, one.id())) {
                    c.setAutoCommit(false);
                    try {
                        while (!stop.get()) {
                            r.once();
                            c.commit();
                            ops.incrementAndGet();
                        }
                    } finally {
                        c.rollback();
                        c.setAutoCommit(true);
                    }
                }
            };
            System.out.print("limit before: ");
            double before = report("tickets (transactions)", rate(threads, seconds, replay));
            System.out.print("Support.create: ");
            double rate = report("creates", rate(threads, seconds, api));
            System.out.print("limit after: ");
            double after = report("tickets (transactions)", rate(threads, seconds, replay));
            double limit = (before + after) / 2;
            return new Line(
                    "Support.create, " + threads + " threads",
                    String.format(Locale.ROOT, "%,.0f creates/s", rate),
                    String.format(
                            Locale.ROOT,
                            "its %d statements replayed through JDBC %,.0f tx/s (before %,.0f, after %,.0f)",
                            statements.size(),
                            limit,
                            before,
                            after),
                    String.format(Locale.ROOT, "%.2f", rate / limit));
        }
    }

    private static double report(String what, double rate) {
        System.out.printf(Locale.ROOT, "%,.0f %s/s%n", rate, what);
        return rate;
    }

    /**
     * One create's recorded statements, prepared once on one connection and run again with the same values, except
     * the ticket's id (from the insert's generated key) and fresh UUIDs.
     */
    private static final class Replay implements AutoCloseable {
        private final List<RecordingDataSource.Recorded> statements;
        private final PreparedStatement[] prepared;
        private final int ticketInsert;
        private final long recordedId;

        Replay(Connection c, List<RecordingDataSource.Recorded> statements, long recordedId) throws SQLException {
            this.statements = statements;
            this.recordedId = recordedId;
            this.prepared = new PreparedStatement[statements.size()];
            int insert = -1;
            for (int i = 0; i < statements.size(); i++) {
                String sql = statements.get(i).sql();
                String lower = sql.toLowerCase(Locale.ROOT);
                int paren = lower.indexOf('(');
                boolean ticket = insert < 0
                        && lower.startsWith("insert into")
                        && paren > 0
                        && lower.substring(0, paren).contains("support_tickets");
                if (ticket) {
                    insert = i;
                }
                prepared[i] =
                        ticket ? c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS) : c.prepareStatement(sql);
            }
            if (insert < 0) {
                throw new IllegalStateException("no insert into support_tickets among " + statements);
            }
            this.ticketInsert = insert;
        }

        void once() throws Exception {
            long id = recordedId;
            for (int i = 0; i < prepared.length; i++) {
                PreparedStatement ps = prepared[i];
                for (RecordingDataSource.Binding b : statements.get(i).bindings()) {
                    Object[] args = b.args().clone();
                    if (args.length >= 2) {
                        args[1] = fresh(args[1], id);
                    }
                    b.method().invoke(ps, args);
                }
                boolean results = ps.execute();
                if (i == ticketInsert) {
                    try (ResultSet keys = results ? ps.getResultSet() : ps.getGeneratedKeys()) {
                        if (!keys.next()) {
                            throw new IllegalStateException("the ticket insert gave no id");
                        }
                        id = keys.getLong(1);
                    }
                } else if (results) {
                    try (ResultSet rs = ps.getResultSet()) {
                        while (rs.next()) {
                            sink++;
                        }
                    }
                }
            }
        }

        private @Nullable Object fresh(@Nullable Object value, long id) {
            if (value instanceof Long l && l == recordedId) {
                return id;
            }
            if (value instanceof UUID) {
                return UUID.randomUUID();
            }
            if (value instanceof String s && s.length() == 36 && s.charAt(8) == '-') {
                try {
                    UUID.fromString(s);
                    return UUID.randomUUID().toString();
                } catch (IllegalArgumentException e) {
                    return s;
                }
            }
            return value;
        }

        @Override
        public void close() throws SQLException {
            for (PreparedStatement ps : prepared) {
                ps.close();
            }
        }
    }

    /** The body of one thread of {@link #rate}: works until {@code stop}, counting operations in {@code ops}. */
    @FunctionalInterface
    private interface Worker {
        void run(int index, AtomicBoolean stop, AtomicLong ops) throws Exception;
    }

    /** Runs {@code worker} on {@code threads} threads for {@code seconds}; returns operations per second. */
    private static double rate(int threads, int seconds, Worker worker) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong ops = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> running = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int w = 0; w < threads; w++) {
                int index = w;
                running.add(pool.submit(() -> {
                    worker.run(index, stop, ops);
                    return null;
                }));
            }
            Thread.sleep(Duration.ofSeconds(seconds).toMillis());
            stop.set(true);
            for (Future<?> f : running) {
                f.get();
            }
            return ops.get() / ((System.nanoTime() - t0) / 1e9);
        } finally {
            pool.shutdown();
        }
    }

    // ------------------------------------------------------------------ relay

    private static List<Line> relay(SupportJdbc setup, String db, int threads, int rows, int limitSeconds)
            throws Exception {
        System.out.println();
        System.out.printf(Locale.ROOT, "=== relay drain: %,d due rows, %d workers, batch 50 ===%n", rows, threads);
        String updates = table(db, "bench_updates");
        Limits.execute(
                setup.dataSource(),
                "CREATE TABLE " + updates + " (id INT NOT NULL PRIMARY KEY, state INT NOT NULL) ENGINE = InnoDB",
                "INSERT INTO " + updates + " SELECT seq, 0 FROM seq_1_to_100000",
                "ANALYZE TABLE " + updates);
        System.out.print("warm-up (JIT, pool): ");
        RelayBenchmark.drain(setup.store(), Math.min(rows, 4_000), 50, threads, 1);
        double[] before = updateLimits(setup.dataSource(), updates, threads, limitSeconds);
        double one = RelayBenchmark.drain(setup.store(), rows, 50, threads, 1);
        double many = RelayBenchmark.drain(setup.store(), rows, 50, 1, threads);
        double[] after = updateLimits(setup.dataSource(), updates, threads, limitSeconds);
        String limit = String.format(
                Locale.ROOT,
                "UPDATE through JDBC, %d threads: 1 row/commit %,.0f rows/s (%,.0f / %,.0f);"
                        + " 50 rows/commit %,.0f rows/s"
                        + " (%,.0f / %,.0f)",
                threads,
                (before[0] + after[0]) / 2,
                before[0],
                after[0],
                (before[1] + after[1]) / 2,
                before[1],
                after[1]);
        double oneRowLimit = (before[0] + after[0]) / 2;
        return List.of(
                new Line(
                        "relay drain, 1 relay x " + threads + " workers, batch 50",
                        String.format(Locale.ROOT, "%,.0f deliveries/s", one),
                        limit,
                        String.format(Locale.ROOT, "%.2f of 1 row/commit", one / oneRowLimit)),
                new Line(
                        "relay drain, " + threads + " relays x 1 worker, batch 50",
                        String.format(Locale.ROOT, "%,.0f deliveries/s", many),
                        "(the same)",
                        String.format(Locale.ROOT, "%.2f of 1 row/commit", many / oneRowLimit)));
    }

    /** Rows updated per second by {@code threads} threads: one row per commit, then 50 rows per commit. */
    private static double[] updateLimits(DataSource ds, String table, int threads, int seconds) throws Exception {
        double one = rate(
                threads,
                seconds,
                (w, stop, ops) -> updates(ds, "UPDATE " + table + " SET state = state + 1 WHERE id = ?", 1, stop, ops));
        double fifty = rate(
                threads,
                seconds,
                (w, stop, ops) -> updates(
                        ds, "UPDATE " + table + " SET state = state + 1 WHERE id BETWEEN ? AND ?", 50, stop, ops));
        System.out.printf(
                Locale.ROOT,
                "limit: UPDATE through JDBC (%d threads, %d s): 1 row per commit %,.0f commits/s; 50 rows per commit"
                        + " %,.0f commits/s = %,.0f rows/s%n",
                threads,
                seconds,
                one,
                fifty,
                fifty * 50);
        return new double[] {one, fifty * 50};
    }

    /** One thread of updates of {@code width} consecutive rows per commit, at random places of 100,000 rows. */
    private static void updates(DataSource ds, String sql, int width, AtomicBoolean stop, AtomicLong ops)
            throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            c.setAutoCommit(false);
            try {
                while (!stop.get()) {
                    int id = 1 + ThreadLocalRandom.current().nextInt(100_000 - width + 1);
                    ps.setInt(1, id);
                    if (width > 1) {
                        ps.setInt(2, id + width - 1);
                    }
                    try {
                        ps.executeUpdate();
                        c.commit();
                        ops.incrementAndGet();
                    } catch (java.sql.SQLTransactionRollbackException e) {
                        // a deadlock between two ranges: not counted, as pgbench would not count it
                        c.rollback();
                    }
                }
            } finally {
                c.setAutoCommit(true);
            }
        }
    }
}

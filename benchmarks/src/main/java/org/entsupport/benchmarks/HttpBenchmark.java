package org.entsupport.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import org.entsupport.core.Actor;
import org.entsupport.core.Support;
import org.entsupport.core.TicketQuery;
import org.entsupport.core.attachment.AttachmentPolicy;
import org.entsupport.http.ApiRequest;
import org.entsupport.http.ApiResponse;
import org.entsupport.http.SupportHttp;
import org.entsupport.jdbc.SupportJdbc;

/**
 * What the HTTP layer of support-http costs, on PostgreSQL with the million tickets of {@link ListBenchmark}
 * (loaded by its own code):
 *
 * <ul>
 *   <li>the list route against the library call it wraps, interleaved in the same run: the route may add at
 *       most 0.5 ms to the median;
 *   <li>a 50 MB upload (multipart, into the database attachment store) and its download, in a child JVM with
 *       the heap capped at 64 MB;
 *   <li>the CSV export of the 1,000,005 tickets through the route, in a child JVM with the same cap.
 * </ul>
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar org.entsupport.benchmarks.HttpBenchmark
 * [--url JDBC_URL] [--tickets N] [--schools N] [--runs N] [--keep]}. Everything goes into a new schema,
 * dropped at the end unless {@code --keep}.
 */
public final class HttpBenchmark {

    private static final double LIST_LIMIT_MS = 0.5;
    private static final String HEAP_CAP = "64m";
    private static final int UPLOAD_BYTES = 50 * 1024 * 1024;

    private HttpBenchmark() {}

    /**
     * Runs the benchmark (or, with {@code --child}, one of its capped-heap parts).
     *
     * @param args see the class comment
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> opts = options(args);
        String url = opts.getOrDefault(
                "url",
                System.getenv()
                        .getOrDefault(
                                "SUPPORT_BENCH_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres"));
        if (opts.containsKey("child")) {
            child(opts.get("child"), url, Objects.requireNonNull(opts.get("schema"), "schema"));
            return;
        }
        int tickets = Integer.parseInt(opts.getOrDefault("tickets", "1000000"));
        int schools = Integer.parseInt(opts.getOrDefault("schools", "500"));
        int runs = Math.max(100, Integer.parseInt(opts.getOrDefault("runs", "400")));
        String schema = "support_bench_http_"
                + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
        System.out.printf(
                "PostgreSQL %s, schema %s: %,d tickets over %d schools%n",
                url.replaceAll("password=[^&]*", "password=***"), schema, tickets, schools);
        try (SupportJdbc setup =
                SupportJdbc.builder().jdbcUrl(url).schema(schema).poolSize(4).build()) {
            try {
                ListBenchmark.load(setup, schema, tickets, schools);
                List<String> lines = new ArrayList<>();
                lines.add(listRoute(setup, schema, schools, runs));
                lines.add(runChild("upload", url, schema));
                lines.add(runChild("export", url, schema));
                System.out.println();
                System.out.println("=== HTTP layer: figures beside their limits ===");
                lines.forEach(System.out::println);
            } finally {
                if (opts.containsKey("keep")) {
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

    private static Map<String, String> options(String[] args) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i].substring(2);
            if (name.equals("keep")) {
                out.put(name, "true");
            } else {
                out.put(name, args[++i]);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ list route

    private static String listRoute(SupportJdbc setup, String schema, int schools, int runs) throws Exception {
        String[] administered = ListBenchmark.administered(20, schools);
        Actor admin = Actor.user("u-admin", "Alice Référente")
                .memberOf(administered)
                .adminOf(administered)
                .build();
        try (SupportJdbc jdbc = SupportJdbc.builder()
                .dataSource(setup.dataSource())
                .schema(schema)
                .migrate(false)
                .build()) {
            Support support = Support.builder().store(jdbc.store()).build();
            SupportHttp api =
                    SupportHttp.builder(support, request -> Optional.of(admin)).build();
            ApiRequest request = ApiRequest.builder("GET", "/api/v1/tickets")
                    .header("Accept", "application/json")
                    .build();
            OutputStream sink = OutputStream.nullOutputStream();
            Runnable library = () -> support.list(admin, TicketQuery.all());
            Runnable route = () -> {
                try (ApiResponse r = api.handle(request)) {
                    if (r.status() != 200) {
                        throw new IllegalStateException("the list route answered " + r.status());
                    }
                    r.writeBody(sink);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            };
            for (int i = 0; i < 300; i++) { // warm-up: JIT, pool, prepared statements
                library.run();
                route.run();
            }
            double[] lib = new double[runs];
            double[] http = new double[runs];
            for (int i = 0; i < runs; i++) { // interleaved, so that the machine's load hits both alike
                lib[i] = time(library);
                http[i] = time(route);
            }
            Arrays.sort(lib);
            Arrays.sort(http);
            double added = http[runs / 2] - lib[runs / 2];
            return String.format(
                    Locale.ROOT,
                    "list route, page 1 (25 tickets): library %.3f ms, through HTTP %.3f ms (p95 %.3f / %.3f):"
                            + " adds %.3f ms, limit %.1f ms: %s",
                    lib[runs / 2],
                    http[runs / 2],
                    lib[(int) (runs * 0.95)],
                    http[(int) (runs * 0.95)],
                    added,
                    LIST_LIMIT_MS,
                    added <= LIST_LIMIT_MS ? "ok" : "MISSED");
        }
    }

    private static double time(Runnable r) {
        long t = System.nanoTime();
        r.run();
        return (System.nanoTime() - t) / 1e6;
    }

    // ------------------------------------------------------------------ capped-heap parts

    private static String runChild(String part, String url, String schema) throws Exception {
        Path jar = Path.of(HttpBenchmark.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = List.of(
                java.toString(),
                "-Xmx" + HEAP_CAP,
                "-Dorg.jooq.no-logo=true",
                "-Dorg.jooq.no-tips=true",
                "-cp",
                jar.toString(),
                HttpBenchmark.class.getName(),
                "--child",
                part,
                "--url",
                url,
                "--schema",
                schema);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = p.waitFor();
        System.out.print(out);
        String last = out.lines()
                .filter(l -> l.startsWith("RESULT "))
                .reduce((a, b) -> b)
                .orElse(null);
        if (code != 0 || last == null) {
            return part + ": FAILED in a JVM with -Xmx" + HEAP_CAP + " (exit " + code + ", see the output above)";
        }
        return last.substring("RESULT ".length());
    }

    private static void child(String part, String url, String schema) throws Exception {
        Actor root = Actor.user("u-root", "Support").platformAdmin().build();
        try (SupportJdbc jdbc = SupportJdbc.builder()
                .jdbcUrl(url)
                .schema(schema)
                .poolSize(2)
                .migrate(false)
                .build()) {
            Support support = Support.builder()
                    .store(jdbc.store())
                    .attachmentStore(jdbc.attachmentStore())
                    .attachmentPolicy(AttachmentPolicy.builder()
                            .maxFileSize(UPLOAD_BYTES + 1024)
                            .maxTotalPerTicket(2L * UPLOAD_BYTES)
                            .build())
                    .build();
            SupportHttp api = SupportHttp.builder(support, request -> Optional.of(root))
                    .maxUploadBytes(UPLOAD_BYTES + 1024 * 1024)
                    .build();
            long maxHeap = Runtime.getRuntime().maxMemory();
            if (part.equals("upload")) {
                upload(api, maxHeap);
            } else {
                export(api, maxHeap);
            }
        }
    }

    private static void upload(SupportHttp api, long maxHeap) throws Exception {
        String boundary = "bench-boundary-" + Long.toHexString(System.nanoTime());
        String head = field(boundary, "school", ListBenchmark.school(1))
                + field(boundary, "category", "/blog")
                + field(boundary, "subject", "Gros fichier")
                + field(boundary, "description", "Un PDF de 50 Mo")
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"gros.pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        long length = head.length() + (long) UPLOAD_BYTES + tail.length();
        ApiRequest request = ApiRequest.builder("POST", "/api/v1/tickets")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Content-Length", Long.toString(length))
                .body(() -> new SequenceInputStream(
                        new SequenceInputStream(
                                new java.io.ByteArrayInputStream(head.getBytes(StandardCharsets.UTF_8)),
                                new GeneratedPdf(UPLOAD_BYTES)),
                        new java.io.ByteArrayInputStream(tail.getBytes(StandardCharsets.UTF_8))))
                .build();
        resetPeaks();
        long t = System.nanoTime();
        long id;
        try (ApiResponse r = api.handle(request)) {
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            r.writeBody(body);
            if (r.status() != 201) {
                throw new IllegalStateException("upload answered " + r.status() + ": " + body);
            }
            String json = body.toString(StandardCharsets.UTF_8);
            id = Long.parseLong(json.replaceAll("(?s)^\\{\"id\":(\\d+),.*$", "$1"));
        }
        double up = (System.nanoTime() - t) / 1e9;
        long upPeak = peakHeap();
        // and back: the timeline names the attachment, the download streams it
        resetPeaks();
        long attachmentId;
        try (ApiResponse r = api.handle(
                ApiRequest.builder("GET", "/api/v1/tickets/" + id + "/timeline").build())) {
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            r.writeBody(body);
            String json = body.toString(StandardCharsets.UTF_8);
            attachmentId = Long.parseLong(json.replaceAll("(?s)^.*\"attachments\":\\[\\{\"id\":(\\d+),.*$", "$1"));
        }
        t = System.nanoTime();
        CountingSink sink = new CountingSink();
        try (ApiResponse r =
                api.handle(ApiRequest.builder("GET", "/api/v1/tickets/" + id + "/attachments/" + attachmentId)
                        .build())) {
            r.writeBody(sink);
        }
        double down = (System.nanoTime() - t) / 1e9;
        long downPeak = peakHeap();
        if (sink.bytes != UPLOAD_BYTES) {
            throw new IllegalStateException("downloaded " + sink.bytes + " bytes, expected " + UPLOAD_BYTES);
        }
        System.out.printf(
                Locale.ROOT,
                "RESULT 50 MB upload through POST /tickets (multipart, into the database store): %.1f s (%.1f MB/s),"
                        + " heap peak %d MB; download %.1f s, heap peak %d MB; heap cap %d MB: ok%n",
                up,
                UPLOAD_BYTES / 1048576.0 / up,
                upPeak >> 20,
                down,
                downPeak >> 20,
                maxHeap >> 20);
    }

    private static String field(String boundary, String name, String value) {
        return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    }

    private static void export(SupportHttp api, long maxHeap) throws Exception {
        resetPeaks();
        long t = System.nanoTime();
        CountingSink sink = new CountingSink();
        try (ApiResponse r = api.handle(
                ApiRequest.builder("GET", "/api/v1/tickets/export.csv").build())) {
            if (r.status() != 200) {
                throw new IllegalStateException("export answered " + r.status());
            }
            r.writeBody(sink);
        }
        double s = (System.nanoTime() - t) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "RESULT CSV export through GET /tickets/export.csv: %,d rows (%,d MB) in %.1f s, heap peak %d MB;"
                        + " heap cap %d MB: ok%n",
                sink.lines - 1,
                sink.bytes >> 20,
                s,
                peakHeap() >> 20,
                maxHeap >> 20);
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** The sum of the heap pools' peaks since the last reset (an upper bound of the live heap). */
    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** Counts bytes and lines, keeps nothing. */
    private static final class CountingSink extends OutputStream {
        long bytes;
        long lines;

        @Override
        public void write(int b) {
            bytes++;
            if (b == '\n') {
                lines++;
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    lines++;
                }
            }
        }
    }

    /** A PDF-looking stream of the given size, generated as it is read (never held in memory). */
    private static final class GeneratedPdf extends InputStream {
        private final long size;
        private final Random random = new Random(42);
        private final byte[] header = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
        private long position;

        GeneratedPdf(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - position);
            byte[] chunk = new byte[n];
            random.nextBytes(chunk);
            System.arraycopy(chunk, 0, b, off, n);
            for (int i = 0; i < n && position + i < header.length; i++) {
                b[off + i] = header[(int) position + i];
            }
            position += n;
            return n;
        }
    }
}

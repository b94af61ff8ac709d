package org.entsupport.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * What the database itself can do, measured in the same run as a benchmark's figure: {@code pgbench}
 * with custom scripts against the server the benchmark uses. Also the command-line options shared by
 * the benchmarks.
 */
final class Limits {

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");

    private Limits() {}

    /** {@code --name value} pairs; a flag without value ({@code --keep}) maps to {@code true}. */
    static Map<String, String> options(String[] args, String... flags) {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> flagList = List.of(flags);
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String name = args[i].substring(2);
            if (flagList.contains(name)) {
                out.put(name, "true");
            } else if (i + 1 < args.length) {
                out.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
        }
        return out;
    }

    /** The benchmark's PostgreSQL URL: {@code --url}, then {@code SUPPORT_BENCH_POSTGRES_URL}, then local. */
    static String url(Map<String, String> opts) {
        return opts.getOrDefault(
                "url",
                System.getenv()
                        .getOrDefault(
                                "SUPPORT_BENCH_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres"));
    }

    /**
     * Runs {@code pgbench} with one custom script for {@code seconds} over {@code clients} connections
     * and returns its transactions per second, or {@code NaN} (with a note) when pgbench is missing.
     *
     * @param url a {@code jdbc:postgresql://host:port/db?user=...} URL
     */
    static double pgbench(String url, String script, int clients, int seconds)
            throws IOException, InterruptedException {
        URI u = URI.create(url.substring("jdbc:".length()));
        Map<String, String> query = new LinkedHashMap<>();
        if (u.getQuery() != null) {
            for (String kv : u.getQuery().split("&")) {
                int eq = kv.indexOf('=');
                query.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        Path file = Files.createTempFile("support-bench-", ".sql");
        try {
            Files.writeString(file, script, StandardCharsets.UTF_8);
            List<String> cmd = new ArrayList<>(List.of(
                    "pgbench",
                    "-n",
                    "-M",
                    "prepared",
                    "-c",
                    Integer.toString(clients),
                    "-j",
                    Integer.toString(Math.min(clients, 2)),
                    "-T",
                    Integer.toString(seconds),
                    "-f",
                    file.toString(),
                    "-h",
                    u.getHost(),
                    "-p",
                    Integer.toString(u.getPort() < 0 ? 5432 : u.getPort()),
                    "-U",
                    query.getOrDefault("user", "postgres"),
                    u.getPath().substring(1)));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            if (query.containsKey("password")) {
                pb.environment().put("PGPASSWORD", query.get("password"));
            }
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                System.out.println("pgbench could not run (" + e.getMessage() + "): no limit measured");
                return Double.NaN;
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(seconds + 60L, TimeUnit.SECONDS);
            Matcher m = TPS.matcher(out);
            if (!m.find()) {
                System.out.println("pgbench gave no rate:\n" + out);
                return Double.NaN;
            }
            return Double.parseDouble(m.group(1));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Runs statements on a connection of {@code ds}, in auto-commit. */
    static void execute(DataSource ds, String... sql) throws SQLException {
        try (Connection c = ds.getConnection();
                Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }

    /** The load average and the number of processors, to print beside wall-clock figures. */
    static String machine() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return String.format(
                java.util.Locale.ROOT,
                "%d CPUs, load average %.2f",
                os.getAvailableProcessors(),
                os.getSystemLoadAverage());
    }
}

package org.entsupport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A 50 MB upload and download through the facade and the database attachment store, in a JVM whose heap
 * is capped at {@value #HEAP}: it passes only if no layer (checks, digest, store, driver, download) holds
 * the file in memory. The same file read into one array in that JVM runs out of memory: proof that the cap
 * is low enough to tell. One subclass per database; the child JVM gets the URL and a schema of its own.
 */
abstract class DatabaseLargeFileStreaming {

    static final long SIZE = 50L * 1024 * 1024;
    static final String HEAP = "-Xmx32m";

    /** The JDBC URL the child JVM opens (PostgreSQL, or H2 in a file, never in memory). */
    protected abstract String url();

    /** Drops {@code schema}, which the child JVM created, when it is not a temporary file anyway. */
    protected abstract void drop(String schema) throws SQLException;

    /** A schema of its own for each test, created by the child's migration. */
    private String schema;

    @BeforeEach
    void newSchema() {
        schema = TestDatabase.uniqueName();
    }

    @AfterEach
    void dropSchema() throws SQLException {
        drop(schema);
    }

    /** The qualified name of a table in {@code schema}. */
    protected String qualified(String schema, String table) {
        return "\"" + schema + "\"." + table;
    }

    /** A connection to {@link #url()}. */
    protected Connection connect() throws SQLException {
        return DriverManager.getConnection(SupportJdbc.completeUrl(url()));
    }

    record Result(int exit, String output, long millis) {}

    private Result run(String mode) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP,
                "-XX:+UseSerialGC",
                "-Dorg.jooq.no-logo=true",
                "-Dorg.jooq.no-tips=true",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp",
                System.getProperty("java.class.path"),
                DatabaseLargeFileRoundTrip.class.getName(),
                mode,
                url(),
                schema,
                Long.toString(SIZE)));
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS))
                .as("the child JVM finished in time")
                .isTrue();
        Result r = new Result(
                p.exitValue(), new String(out, StandardCharsets.UTF_8), (System.nanoTime() - start) / 1_000_000);
        System.out.println("[" + getClass().getSimpleName() + "] " + mode + " " + HEAP + " in " + r.millis() + " ms: "
                + r.output()
                        .lines()
                        .filter(l -> l.startsWith("OK")
                                || l.contains("Error")
                                || l.startsWith("STORED")
                                || l.startsWith("READ"))
                        .toList());
        return r;
    }

    private long count(String table) throws SQLException {
        try (Connection c = connect();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + qualified(schema, table))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void fiftyMegabytesGoInAndOutThroughTheDatabaseStoreWithA32MegabyteHeap() throws Exception {
        Result r = run("facade");

        assertThat(r.output()).as(r.output()).contains("OK size=52428800 stored=52428800 sha256=");
        assertThat(r.exit()).isZero();
        assertThat(count("support_attachment_content")).isEqualTo(1);
        assertThat(count("support_attachment_chunks")).isEqualTo(SIZE / JdbcAttachmentStore.CHUNK_SIZE);
    }

    @Test
    void theHeapCapIsLowEnoughToCatchADownloadThatBuffers() throws Exception {
        Result r = run("whole");

        assertThat(r.output())
                .as(r.output())
                .contains("STORED size=52428800")
                .contains("java.lang.OutOfMemoryError")
                .doesNotContain("READ WHOLE");
        assertThat(r.exit()).isNotZero();
    }
}

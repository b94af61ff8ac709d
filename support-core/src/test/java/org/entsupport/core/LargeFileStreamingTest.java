package org.entsupport.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 50 MB upload and download through the file-system store in a JVM whose heap is capped at 32 MB: it
 * passes only if no layer (sniffing, size check, digest, scanner, store, download) holds the file in memory.
 * The same round trip through the in-memory store, which does hold it, runs out of memory in that JVM:
 * proof that the cap is low enough to tell.
 */
class LargeFileStreamingTest {

    private static final long SIZE = 50L * 1024 * 1024;

    @TempDir
    Path dir;

    private static Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx32m",
                "-XX:+UseSerialGC",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp",
                System.getProperty("java.class.path"),
                LargeFileRoundTrip.class.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS))
                .as("the child JVM finished in time")
                .isTrue();
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    record Result(int exit, String output) {}

    @Test
    void fiftyMegabytesGoInAndOutThroughTheFileSystemStoreWithA32MegabyteHeap() throws Exception {
        Result r = run("fs", dir.toString(), Long.toString(SIZE));

        assertThat(r.output()).as(r.output()).contains("OK size=52428800 stored=52428800 scanned=52428800 sha256=");
        assertThat(r.exit()).isZero();
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile).toList())
                    .singleElement()
                    .satisfies(f -> assertThat(Files.size(f)).isEqualTo(SIZE));
        }
    }

    @Test
    void theHeapCapIsLowEnoughToCatchAStoreThatBuffers() throws Exception {
        Result r = run("memory", Long.toString(SIZE));

        assertThat(r.output()).contains("java.lang.OutOfMemoryError");
        assertThat(r.exit()).isNotZero();
    }
}

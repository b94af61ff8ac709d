package org.entsupport.jdbc;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DatabaseLargeFileStreaming} on H2 in a file of a temporary directory (in memory, H2 itself would
 * hold the 50 MB in the heap). H2 runs inside the capped JVM, so its page cache (16 MB by default, half of
 * that heap) is set to 4 MB: otherwise H2's own cache, not the store, runs out of memory.
 */
class H2LargeFileStreamingTest extends DatabaseLargeFileStreaming {

    @TempDir
    Path dir;

    @Override
    protected String url() {
        return "jdbc:h2:file:" + dir.resolve("support").toAbsolutePath() + ";CACHE_SIZE=4096";
    }

    @Override
    protected void drop(String schema) {
        // the temporary directory goes with the database
    }
}

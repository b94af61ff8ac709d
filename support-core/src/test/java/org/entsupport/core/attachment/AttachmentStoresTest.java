package org.entsupport.core.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listing old content for housekeeping, digests and sizes, and the checks of {@link StoredContent}. */
class AttachmentStoresTest {

    @TempDir
    Path dir;

    private static final Instant OLD = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant CUTOFF = Instant.parse("2026-02-01T00:00:00Z");

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** Writes content under {@code key} as the store lays it out, last modified at {@code time}. */
    private static Path put(Path root, String key, Instant time) throws IOException {
        Path file =
                root.resolve(key.substring(0, 2)).resolve(key.substring(2, 4)).resolve(key);
        Files.createDirectories(file.getParent());
        Files.writeString(file, key);
        Files.setLastModifiedTime(file, FileTime.from(time));
        return file;
    }

    private static String key(String prefix) {
        return prefix + "0".repeat(32 - prefix.length());
    }

    @Test
    void storedBeforeListsOldContentInKeyOrderPageByPage() throws IOException {
        Path root = dir.resolve("files");
        FileSystemAttachmentStore store = new FileSystemAttachmentStore(root);
        String a = key("0a0b");
        String b = key("0a0b1");
        String c = key("0a0c");
        String d = key("f0");
        String recent = key("77");
        put(root, d, OLD);
        put(root, b, OLD);
        put(root, a, OLD);
        put(root, c, CUTOFF.minusMillis(1000));
        put(root, recent, CUTOFF);

        assertThat(store.storedBefore(CUTOFF, "", 100)).containsExactly(a, b, c, d);
        assertThat(store.storedBefore(CUTOFF, "", 2)).containsExactly(a, b);
        assertThat(store.storedBefore(CUTOFF, "", 1)).containsExactly(a);
        assertThat(store.storedBefore(CUTOFF, b, 2)).containsExactly(c, d);
        assertThat(store.storedBefore(CUTOFF, a, 100)).containsExactly(b, c, d);
        assertThat(store.storedBefore(CUTOFF, c, 100)).containsExactly(d);
        assertThat(store.storedBefore(CUTOFF, d, 100)).isEmpty();
        assertThat(store.storedBefore(CUTOFF, "0a", 100)).containsExactly(a, b, c, d);
        assertThat(store.storedBefore(CUTOFF, "0a0b", 100)).containsExactly(a, b, c, d);
        assertThat(store.storedBefore(CUTOFF, "0a0c", 100)).containsExactly(c, d);
        assertThat(store.storedBefore(CUTOFF, "1", 100)).containsExactly(d);
        assertThat(store.storedBefore(CUTOFF, "f", 100)).containsExactly(d);
        assertThat(store.storedBefore(CUTOFF.plusSeconds(1), c, 100)).containsExactly(recent, d);
        assertThat(store.storedBefore(OLD, "", 100)).isEmpty();
    }

    @Test
    void storedBeforeSkipsWhatIsNotContentAndUploadsInProgress() throws Exception {
        Path root = dir.resolve("files");
        FileSystemAttachmentStore store = new FileSystemAttachmentStore(root);
        String good = key("abcd");
        put(root, good, OLD);
        // a key in a shard that is not its own
        Path misplaced = root.resolve("00/00").resolve(key("ff"));
        Files.createDirectories(misplaced.getParent());
        Files.writeString(misplaced, "x");
        Files.setLastModifiedTime(misplaced, FileTime.from(OLD));
        // files where directories are expected, with names close to shard names
        for (String name : new String[] {"g0", "`0", ":0", "0:", "/0".substring(1) + "g", "AB", "abc", "a", "notes"}) {
            Files.writeString(root.resolve(name), "x");
        }
        Files.createDirectories(root.resolve("ab"));
        for (String name : new String[] {"cG", "c", "cde", "@c", "[c"}) {
            Files.writeString(root.resolve("ab").resolve(name), "x");
        }
        // other files next to the content
        Path shard = root.resolve("ab/cd");
        Files.writeString(shard.resolve(good.toUpperCase(java.util.Locale.ROOT)), "x");
        Files.writeString(shard.resolve(good + "0"), "x");
        Files.writeString(shard.resolve("abcd"), "x");
        // an upload in progress
        InputStream slow = new ByteArrayInputStream(new byte[10]) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                try {
                    assertThat(store.storedBefore(Instant.now().plusSeconds(3600), "", 100))
                            .containsExactly(good);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return super.read(b, off, len);
            }
        };
        StoredContent stored = store.store(slow);
        assertThat(store.storedBefore(CUTOFF, "", 100)).containsExactly(good);
        assertThat(store.storedBefore(Instant.now().plusSeconds(3600), "", 100))
                .containsExactlyInAnyOrder(good, stored.key())
                .isSorted();
    }

    @Test
    void anEmptyStoreListsNothing() throws IOException {
        FileSystemAttachmentStore store = new FileSystemAttachmentStore(dir.resolve("empty"));
        assertThat(store.storedBefore(CUTOFF, "", 10)).isEmpty();
        assertThat(store.storedBefore(CUTOFF, key("ff"), 10)).isEmpty();
    }

    @Test
    void theRootIsCreatedNormalisedAndShown() {
        Path nested = dir.resolve("a/b/../c");
        FileSystemAttachmentStore store = new FileSystemAttachmentStore(nested);
        assertThat(store.root()).isEqualTo(dir.resolve("a/c").toAbsolutePath());
        assertThat(store.root().resolve(".tmp")).isDirectory();
        assertThat(store.toString()).isEqualTo("FileSystemAttachmentStore[" + store.root() + "]");
    }

    @Test
    void aRootThatCannotBeCreatedFails() throws IOException {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        assertThatThrownBy(() -> new FileSystemAttachmentStore(file.resolve("sub")))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot create the attachment directory");
    }

    @Test
    void largeContentIsWrittenWholeWithItsDigest() throws Exception {
        FileSystemAttachmentStore store = new FileSystemAttachmentStore(dir);
        byte[] bytes = new byte[200_000];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31);
        }
        StoredContent s = store.store(new ByteArrayInputStream(bytes));
        assertThat(s.size()).isEqualTo(bytes.length);
        assertThat(s.sha256()).isEqualTo(sha256(bytes));
        try (InputStream in = store.open(s.key()).orElseThrow()) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
        StoredContent empty = store.store(new ByteArrayInputStream(new byte[0]));
        assertThat(empty.size()).isZero();
        assertThat(empty.sha256()).isEqualTo(sha256(new byte[0]));
        try (Stream<Path> s2 = Files.list(dir.resolve(".tmp"))) {
            assertThat(s2).isEmpty();
        }
    }

    // ---- in memory

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        private Instant now = OLD;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void theInMemoryStoreListsOldContentByKey() throws Exception {
        MovingClock clock = new MovingClock();
        InMemoryAttachmentStore store = new InMemoryAttachmentStore(clock);
        String k1 = store.store(new ByteArrayInputStream(new byte[] {1})).key();
        String k2 = store.store(new ByteArrayInputStream(new byte[] {2})).key();
        String k3 = store.store(new ByteArrayInputStream(new byte[] {3})).key();
        clock.now = CUTOFF;
        String atCutoff = store.store(new ByteArrayInputStream(new byte[] {4})).key();
        List<String> old = Stream.of(k1, k2, k3).sorted().toList();

        assertThat(store.storedBefore(CUTOFF, "", 10)).containsExactlyElementsOf(old);
        assertThat(store.storedBefore(CUTOFF, "", 2)).containsExactlyElementsOf(old.subList(0, 2));
        assertThat(store.storedBefore(CUTOFF, old.get(0), 10)).containsExactlyElementsOf(old.subList(1, 3));
        assertThat(store.storedBefore(CUTOFF.plus(Duration.ofNanos(1)), old.get(2), 10))
                .containsExactlyElementsOf(Stream.of(atCutoff)
                        .filter(k -> k.compareTo(old.get(2)) > 0)
                        .toList());
        assertThat(store.storedBefore(CUTOFF.plusSeconds(1), "", 10)).hasSize(4).contains(atCutoff);
        assertThat(store.storedBefore(OLD, "", 10)).isEmpty();
        store.delete(old.get(1));
        assertThat(store.storedBefore(CUTOFF, "", 10)).containsExactly(old.get(0), old.get(2));
        assertThat(store.keys()).containsExactlyInAnyOrder(old.get(0), old.get(2), atCutoff);
        assertThat(store.size()).isEqualTo(3);
    }

    @Test
    void theInMemoryStoreDigestsWhatItKeeps() throws Exception {
        InMemoryAttachmentStore store = new InMemoryAttachmentStore();
        byte[] bytes = "x".repeat(20_000).getBytes(StandardCharsets.US_ASCII);
        StoredContent s = store.store(new ByteArrayInputStream(bytes));
        assertThat(s.sha256()).isEqualTo(sha256(bytes));
        assertThat(s.size()).isEqualTo(20_000);
        assertThat(s.key()).startsWith("mem-");
        assertThat(store.size()).isEqualTo(1);
        assertThat(store.keys()).containsExactly(s.key());
        assertThat(store.open("mem-other")).isEmpty();
    }

    // ---- StoredContent

    private static final String DIGEST = "0123456789abcdef".repeat(4);

    @Test
    void storedContentAcceptsItsWholeRange() {
        assertThat(new StoredContent("k", 0, DIGEST).size()).isZero();
        assertThat(new StoredContent("x".repeat(255), 1, DIGEST).key()).hasSize(255);
        assertThat(new StoredContent("!~", 1, DIGEST).key()).isEqualTo("!~");
    }

    @Test
    void storedContentRefusesWhatNoStoreCouldMean() {
        assertThatThrownBy(() -> new StoredContent("", 0, DIGEST))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key must be 1..255 printable ASCII characters without spaces, but was ''");
        assertThatThrownBy(() -> new StoredContent("x".repeat(256), 0, DIGEST))
                .isInstanceOf(IllegalArgumentException.class);
        for (String key : new String[] {"a b", "a\u007F", "a\u0000", "é", "a\u001F"}) {
            assertThatThrownBy(() -> new StoredContent(key, 0, DIGEST))
                    .as(key)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new StoredContent("k", -1, DIGEST))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("size must be zero or more, but was -1");
        assertThatThrownBy(() -> new StoredContent("k", 0, DIGEST.toUpperCase(java.util.Locale.ROOT)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("sha256 must be 64 lower-case hexadecimal digits");
        assertThatThrownBy(() -> new StoredContent("k", 0, DIGEST + "0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StoredContent(null, 0, DIGEST)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new StoredContent("k", 0, null)).isInstanceOf(NullPointerException.class);
    }
}

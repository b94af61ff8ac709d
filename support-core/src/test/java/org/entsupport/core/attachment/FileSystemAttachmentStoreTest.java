package org.entsupport.core.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileSystemAttachmentStoreTest {

    @TempDir
    Path dir;

    private List<Path> regularFiles() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void storesUnderARandomShardedKeyAndReadsBack() throws Exception {
        FileSystemAttachmentStore store = new FileSystemAttachmentStore(dir.resolve("files"));
        byte[] bytes = "bonjour".getBytes(StandardCharsets.UTF_8);

        StoredContent a = store.store(new ByteArrayInputStream(bytes));
        StoredContent b = store.store(new ByteArrayInputStream(bytes));

        assertThat(a.key()).matches("[0-9a-f]{32}").isNotEqualTo(b.key());
        assertThat(a.size()).isEqualTo(7);
        assertThat(a.sha256())
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        Path expected = dir.resolve("files")
                .resolve(a.key().substring(0, 2))
                .resolve(a.key().substring(2, 4))
                .resolve(a.key());
        assertThat(expected).hasBinaryContent(bytes);
        try (InputStream in = store.open(a.key()).orElseThrow()) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
        assertThat(regularFiles()).hasSize(2); // no temporary file left

        assertThat(store.delete(a.key())).isTrue();
        assertThat(store.delete(a.key())).isFalse();
        assertThat(store.open(a.key())).isEmpty();
        assertThat(store.open(b.key())).isPresent().get().satisfies(InputStream::close);
    }

    @Test
    void aFailingSourceLeavesNothingAndTheSameExceptionIsRethrown() throws IOException {
        FileSystemAttachmentStore store = new FileSystemAttachmentStore(dir);
        IOException boom = new IOException("client went away");
        InputStream failing = new SequenceInputStream(new ByteArrayInputStream(new byte[100_000]), new InputStream() {
            @Override
            public int read() throws IOException {
                throw boom;
            }
        });

        assertThatThrownBy(() -> store.store(failing)).isSameAs(boom);
        assertThat(regularFiles()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "../../etc/passwd",
                "..",
                "../outside",
                "/etc/passwd",
                "ab/cd/0123456789abcdef0123456789abcdef",
                "0123456789abcdef0123456789abcde/",
                "..\\..\\windows\\win.ini",
                "C:\\secret.txt",
                "0123456789ABCDEF0123456789ABCDEF",
                "0123456789abcdef0123456789abcde",
                "0123456789abcdef0123456789abcdef0",
                "",
                " 0123456789abcdef0123456789abcdef",
                "0123456789abcdef0123456789abcde\u0000",
                ".tmp"
            })
    void keysThatAreNotItsOwnNeverReachTheFileSystem(String key) throws IOException {
        Path root = dir.resolve("root");
        FileSystemAttachmentStore store = new FileSystemAttachmentStore(root);
        // Bait files where a naive store would resolve those keys.
        Files.writeString(dir.resolve("outside"), "secret");
        Files.createDirectories(root.resolve("ab/cd"));
        Files.writeString(root.resolve("ab/cd/0123456789abcdef0123456789abcdef"), "bait");

        assertThat(FileSystemAttachmentStore.isKey(key)).isFalse();
        assertThat(store.open(key)).isEmpty();
        assertThat(store.delete(key)).isFalse();
        assertThat(dir.resolve("outside")).hasContent("secret");
        assertThat(root.resolve("ab/cd/0123456789abcdef0123456789abcdef")).hasContent("bait");
    }

    @Test
    void aRootThatIsAFileIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        assertThatThrownBy(() -> new FileSystemAttachmentStore(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("root must be a directory, but " + file + " is a file");
    }

    @Test
    void theInMemoryStoreFollowsTheSameContract() throws IOException {
        InMemoryAttachmentStore store = new InMemoryAttachmentStore();
        StoredContent a = store.store(new ByteArrayInputStream(new byte[] {1, 2, 3}));
        assertThat(a.size()).isEqualTo(3);
        assertThat(store.open(a.key()).orElseThrow().readAllBytes()).containsExactly(1, 2, 3);
        assertThat(store.open("../" + a.key())).isEmpty();
        assertThat(store.delete(a.key())).isTrue();
        assertThat(store.delete(a.key())).isFalse();
        assertThat(store.size()).isZero();
    }
}

package org.entsupport.core.attachment;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.entsupport.core.attachment.internal.Sha256;

/**
 * Keeps attachments in memory, for tests and examples: everything is lost when the JVM stops, and each
 * file takes its size in heap. Thread-safe.
 */
public final class InMemoryAttachmentStore implements AttachmentStore {

    private final ConcurrentHashMap<String, byte[]> contents = new ConcurrentHashMap<>();

    /** An empty store. */
    public InMemoryAttachmentStore() {}

    @Override
    public StoredContent store(InputStream content) throws IOException {
        Objects.requireNonNull(content, "content");
        MessageDigest digest = Sha256.newDigest();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = content.read(buffer)) != -1) {
            digest.update(buffer, 0, n);
            out.write(buffer, 0, n);
        }
        String key = "mem-" + UUID.randomUUID();
        contents.put(key, out.toByteArray());
        return new StoredContent(key, out.size(), Sha256.hex(digest));
    }

    @Override
    public Optional<InputStream> open(String key) {
        byte[] bytes = contents.get(Objects.requireNonNull(key, "key"));
        return bytes == null ? Optional.empty() : Optional.of(new ByteArrayInputStream(bytes));
    }

    @Override
    public boolean delete(String key) {
        return contents.remove(Objects.requireNonNull(key, "key")) != null;
    }

    /**
     * The keys of the content kept now (a snapshot).
     *
     * @return the keys of the content kept now (a snapshot)
     */
    public Set<String> keys() {
        return Set.copyOf(contents.keySet());
    }

    /**
     * How many files are kept now.
     *
     * @return how many files are kept now
     */
    public int size() {
        return contents.size();
    }
}

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
    private final ConcurrentHashMap<String, java.time.Instant> storedAt = new ConcurrentHashMap<>();
    private final java.time.Clock clock;

    /** An empty store. */
    public InMemoryAttachmentStore() {
        this(java.time.Clock.systemUTC());
    }

    /**
     * An empty store that dates its content with {@code clock} (for {@link #storedBefore}).
     *
     * @param clock the time source
     */
    public InMemoryAttachmentStore(java.time.Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

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
        storedAt.put(key, clock.instant());
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
        storedAt.remove(Objects.requireNonNull(key, "key"));
        return contents.remove(key) != null;
    }

    @Override
    public java.util.List<String> storedBefore(java.time.Instant cutoff, String afterKey, int limit) {
        return storedAt.entrySet().stream()
                .filter(e -> e.getValue().isBefore(cutoff) && e.getKey().compareTo(afterKey) > 0)
                .map(java.util.Map.Entry::getKey)
                .filter(contents::containsKey)
                .sorted()
                .limit(limit)
                .toList();
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

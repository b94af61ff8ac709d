package org.entsupport.core.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.entsupport.core.attachment.internal.Sha256;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps attachments as files under one root directory.
 *
 * <pre>{@code
 * AttachmentStore files = new FileSystemAttachmentStore(Path.of("/var/lib/support/attachments"));
 * }</pre>
 *
 * <p>Keys are 32 random hexadecimal digits (128 bits from {@link SecureRandom}), stored at
 * {@code root/ab/cd/abcd...}: two levels of 256 directories keep each directory small. No part of a path
 * ever comes from a user: a key that does not match this exact format is refused before any file-system
 * call. Content is written to {@code root/.tmp/}, forced to disk, then moved into place atomically, so a
 * reader never sees a partial file and a crash leaves at most a temporary file behind.
 *
 * <p>Several nodes may share the root over a network file system that supports atomic rename. Thread-safe.
 */
public final class FileSystemAttachmentStore implements AttachmentStore {

    private static final Logger LOG = LoggerFactory.getLogger(FileSystemAttachmentStore.class);
    private static final Pattern KEY = Pattern.compile("[0-9a-f]{32}");
    private static final int BUFFER = 64 * 1024;

    private final Path root;
    private final Path temp;
    private final SecureRandom random = new SecureRandom();

    /**
     * Uses {@code root}, creating it (and its temporary directory) when missing.
     *
     * @param root the directory that holds every attachment; dedicate it to this store
     * @throws java.io.UncheckedIOException when the directories cannot be created
     * @throws IllegalArgumentException when {@code root} exists and is not a directory
     */
    public FileSystemAttachmentStore(Path root) {
        Objects.requireNonNull(root, "root");
        this.root = root.toAbsolutePath().normalize();
        this.temp = this.root.resolve(".tmp");
        if (Files.exists(this.root) && !Files.isDirectory(this.root)) {
            throw new IllegalArgumentException("root must be a directory, but " + this.root + " is a file");
        }
        try {
            Files.createDirectories(temp);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot create the attachment directory " + temp, e);
        }
    }

    /**
     * The root directory.
     *
     * @return the root directory
     */
    public Path root() {
        return root;
    }

    /**
     * Whether {@code key} has the format of the keys this store generates (32 lower-case hex digits).
     *
     * @param key a storage key
     * @return whether {@code key} has the format of the keys this store generates (32 lower-case hex digits)
     */
    public static boolean isKey(String key) {
        return KEY.matcher(key).matches();
    }

    @Override
    public StoredContent store(InputStream content) throws IOException {
        Objects.requireNonNull(content, "content");
        String key = newKey();
        Path tmp = temp.resolve(key + ".part");
        MessageDigest digest = Sha256.newDigest();
        long size = 0;
        boolean done = false;
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                byte[] buffer = new byte[BUFFER];
                int n;
                while ((n = content.read(buffer)) != -1) {
                    digest.update(buffer, 0, n);
                    ByteBuffer bb = ByteBuffer.wrap(buffer, 0, n);
                    while (bb.hasRemaining()) {
                        out.write(bb);
                    }
                    size += n;
                }
                out.force(true);
            }
            Path target = path(key);
            Files.createDirectories(target.getParent());
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the file system of " + root + " cannot rename atomically; use a local disk", e);
            }
            done = true;
            LOG.debug("stored attachment content {} ({} bytes)", key, size);
            return new StoredContent(key, size, Sha256.hex(digest));
        } finally {
            if (!done) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    LOG.warn("could not remove the temporary file {} after a failed write: {}", tmp, e.toString());
                }
            }
        }
    }

    @Override
    public Optional<InputStream> open(String key) throws IOException {
        Objects.requireNonNull(key, "key");
        if (!isKey(key)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.newInputStream(path(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean delete(String key) throws IOException {
        Objects.requireNonNull(key, "key");
        if (!isKey(key)) {
            return false;
        }
        boolean deleted = Files.deleteIfExists(path(key));
        if (deleted) {
            LOG.debug("deleted attachment content {}", key);
        }
        return deleted;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Walks the two levels of directories in key order, skipping those before {@code afterKey}; a file's
     * age is its last-modified time. Temporary files of uploads in progress are never listed.
     */
    @Override
    public java.util.List<String> storedBefore(java.time.Instant cutoff, String afterKey, int limit)
            throws IOException {
        Objects.requireNonNull(cutoff, "cutoff");
        Objects.requireNonNull(afterKey, "afterKey");
        java.util.List<String> keys = new java.util.ArrayList<>();
        String afterFirst = afterKey.length() >= 2 ? afterKey.substring(0, 2) : "";
        String afterSecond = afterKey.length() >= 4 ? afterKey.substring(0, 4) : "";
        for (Path first : sortedChildren(root, 2)) {
            String a = first.getFileName().toString();
            if (a.compareTo(afterFirst) < 0) {
                continue;
            }
            for (Path second : sortedChildren(first, 2)) {
                String ab = a + second.getFileName();
                if (ab.compareTo(afterSecond) < 0) {
                    continue;
                }
                for (Path file : sortedChildren(second, 32)) {
                    String key = file.getFileName().toString();
                    if (!isKey(key) || !key.startsWith(ab) || key.compareTo(afterKey) <= 0) {
                        continue;
                    }
                    try {
                        if (Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)) {
                            keys.add(key);
                            if (keys.size() >= limit) {
                                return keys;
                            }
                        }
                    } catch (NoSuchFileException e) {
                        // deleted meanwhile
                    }
                }
            }
        }
        return keys;
    }

    /** The entries of {@code dir} whose names have {@code length} lower-case hex digits, sorted. */
    private static java.util.List<Path> sortedChildren(Path dir, int length) throws IOException {
        try (java.util.stream.Stream<Path> children = Files.list(dir)) {
            return children.filter(p -> {
                        String n = p.getFileName().toString();
                        return n.length() == length
                                && n.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
                    })
                    .sorted()
                    .toList();
        } catch (NoSuchFileException e) {
            return java.util.List.of();
        }
    }

    private String newKey() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The file of a key already checked by {@link #isKey}. */
    private Path path(String key) {
        return root.resolve(key.substring(0, 2)).resolve(key.substring(2, 4)).resolve(key);
    }

    @Override
    public String toString() {
        return "FileSystemAttachmentStore[" + root + "]";
    }
}

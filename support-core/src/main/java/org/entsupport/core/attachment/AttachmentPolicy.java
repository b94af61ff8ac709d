package org.entsupport.core.attachment;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Which files are accepted, and how many. Immutable; validated when built, with messages that name the
 * property, the limit and the value.
 *
 * <pre>{@code
 * AttachmentPolicy policy = AttachmentPolicy.builder()
 *         .maxFileSize(5 * 1024 * 1024)                 // 5 MiB per file
 *         .maxTotalPerTicket(20 * 1024 * 1024)
 *         .allowedTypes(EnumSet.of(FileType.PNG, FileType.JPEG, FileType.PDF))
 *         .build();
 * }</pre>
 *
 * <p>The limits per ticket count every attachment of the ticket, including references to files the host
 * stored ({@link org.entsupport.core.NewAttachment}, counted at their declared size). The type of a file is
 * always decided from its content: see {@link FileType}.
 */
public final class AttachmentPolicy {

    /** The default size limit per file: 10 MiB (10,485,760 bytes). */
    public static final long DEFAULT_MAX_FILE_SIZE = 10L * 1024 * 1024;
    /** The default size limit for all the files of one ticket: 50 MiB. */
    public static final long DEFAULT_MAX_TOTAL_PER_TICKET = 50L * 1024 * 1024;
    /** The default number of files one ticket may hold. */
    public static final int DEFAULT_MAX_FILES_PER_TICKET = 20;

    /** The largest limit accepted for a size: 1 TiB. */
    private static final long MAX_SIZE_LIMIT = 1L << 40;

    private final long maxFileSize;
    private final long maxTotalPerTicket;
    private final int maxFilesPerTicket;
    private final Set<FileType> allowedTypes;

    private AttachmentPolicy(Builder b) {
        requireRange("maxFileSize", b.maxFileSize, 1, MAX_SIZE_LIMIT);
        requireRange("maxTotalPerTicket", b.maxTotalPerTicket, 1, MAX_SIZE_LIMIT);
        requireRange("maxFilesPerTicket", b.maxFilesPerTicket, 1, 10_000);
        if (b.maxTotalPerTicket < b.maxFileSize) {
            throw new IllegalArgumentException("maxTotalPerTicket must be at least maxFileSize (" + b.maxFileSize
                    + "), but was " + b.maxTotalPerTicket);
        }
        if (b.allowedTypes.isEmpty()) {
            throw new IllegalArgumentException("allowedTypes must name at least one FileType, but was empty");
        }
        this.maxFileSize = b.maxFileSize;
        this.maxTotalPerTicket = b.maxTotalPerTicket;
        this.maxFilesPerTicket = b.maxFilesPerTicket;
        this.allowedTypes = Set.copyOf(b.allowedTypes);
    }

    private static void requireRange(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", but was " + value);
        }
    }

    /**
     * The defaults: 10 MiB per file, 50 MiB and 20 files per ticket, every {@link FileType}.
     *
     * @return the defaults: 10 MiB per file, 50 MiB and 20 files per ticket, every {@link FileType}
     */
    public static AttachmentPolicy defaults() {
        return builder().build();
    }

    /**
     * Starts from the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this policy's values, to change some of them.
     *
     * @return this builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.maxFileSize = maxFileSize;
        b.maxTotalPerTicket = maxTotalPerTicket;
        b.maxFilesPerTicket = maxFilesPerTicket;
        b.allowedTypes = EnumSet.copyOf(allowedTypes);
        return b;
    }

    /**
     * The largest file accepted, in bytes (default 10 MiB; 1 byte..1 TiB).
     *
     * @return the largest file accepted, in bytes (default 10 MiB; 1 byte..1 TiB)
     */
    public long maxFileSize() {
        return maxFileSize;
    }

    /**
     * The largest total of one ticket's files, in bytes (default 50 MiB; at least {@link #maxFileSize()}).
     *
     * @return the largest total of one ticket's files, in bytes (default 50 MiB; at least {@link #maxFileSize()})
     */
    public long maxTotalPerTicket() {
        return maxTotalPerTicket;
    }

    /**
     * The most files one ticket may hold (default 20; 1..10,000).
     *
     * @return the most files one ticket may hold (default 20; 1..10,000)
     */
    public int maxFilesPerTicket() {
        return maxFilesPerTicket;
    }

    /**
     * The types accepted (default: all of {@link FileType}; never empty).
     *
     * @return the types accepted (default: all of {@link FileType}; never empty)
     */
    public Set<FileType> allowedTypes() {
        return allowedTypes;
    }

    @Override
    public String toString() {
        return "AttachmentPolicy[maxFileSize=" + maxFileSize + ", maxTotalPerTicket=" + maxTotalPerTicket
                + ", maxFilesPerTicket=" + maxFilesPerTicket + ", allowedTypes=" + allowedTypes + "]";
    }

    /** Builds an {@link AttachmentPolicy}, starting from the defaults. */
    public static final class Builder {
        private long maxFileSize = DEFAULT_MAX_FILE_SIZE;
        private long maxTotalPerTicket = DEFAULT_MAX_TOTAL_PER_TICKET;
        private int maxFilesPerTicket = DEFAULT_MAX_FILES_PER_TICKET;
        private EnumSet<FileType> allowedTypes = EnumSet.allOf(FileType.class);

        private Builder() {}

        /**
         * The largest file accepted, in bytes.
         *
         * @param bytes the largest file, in bytes (1 byte..1 TiB)
         * @return this builder
         */
        public Builder maxFileSize(long bytes) {
            this.maxFileSize = bytes;
            return this;
        }

        /**
         * The largest total of one ticket's files, in bytes.
         *
         * @param bytes the largest total, in bytes (at least the largest file)
         * @return this builder
         */
        public Builder maxTotalPerTicket(long bytes) {
            this.maxTotalPerTicket = bytes;
            return this;
        }

        /**
         * The most files one ticket may hold.
         *
         * @param count the most files (1..10,000)
         * @return this builder
         */
        public Builder maxFilesPerTicket(int count) {
            this.maxFilesPerTicket = count;
            return this;
        }

        /**
         * The types accepted; replaces the current set.
         *
         * @param types the types accepted, not empty
         * @return this builder
         */
        public Builder allowedTypes(Set<FileType> types) {
            Objects.requireNonNull(types, "allowedTypes");
            this.allowedTypes = types.isEmpty() ? EnumSet.noneOf(FileType.class) : EnumSet.copyOf(types);
            return this;
        }

        /**
         * Builds the policy.
         *
         * @return the policy
         * @throws IllegalArgumentException naming the first property out of range, its limit and its value
         */
        public AttachmentPolicy build() {
            return new AttachmentPolicy(this);
        }
    }
}

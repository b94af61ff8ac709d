package org.entsupport.core;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The tunable limits and delays of the library. Immutable; validated when built, with messages that
 * name the property, the limit and the value.
 *
 * <pre>{@code
 * SupportSettings settings = SupportSettings.builder()
 *         .reopenWindow(Duration.ofDays(15))
 *         .autoCloseAfter(Duration.ofDays(10))
 *         .build();
 * }</pre>
 *
 * @param maxDescriptionLength the longest description, in characters (default 20,000; 1..1,000,000)
 * @param maxCommentLength     the longest comment, in characters (default 20,000; 1..1,000,000)
 * @param reopenWindow         how long after it was resolved or closed a comment still reopens a
 *                             ticket; later comments are refused (default 30 days; positive)
 * @param autoCloseAfter       how long a RESOLVED ticket waits before it closes itself (default 7 days; positive)
 * @param maxPageSize          the largest page a list may ask for (default 200; 1..10,000)
 * @param maxBulkSize          the most tickets one bulk operation may name (default 1,000; 1..100,000)
 * @param maxAttachments       the most attachment references one request may carry (default 20; 0..1,000)
 * @param autoCloseBatchSize   how many tickets one auto-close run closes at most (default 500; 1..100,000)
 * @param imageUrlPrefixes     URL prefixes of the host's own attachments: an image in rich text is kept only
 *                             when its {@code src} starts with one of them (default none: images are removed)
 * @param maxCommentsPerTicket the most comments one ticket accepts, those from a desk included (default 1,000;
 *                             1..100,000)
 * @param maxAttachmentsPerTicket the most attachments one ticket accepts, its comments' included (default 100;
 *                             0..10,000)
 * @param deliveredOutboxRetention how long delivered outbox messages are kept before the housekeeping deletes
 *                             them (default 7 days; 1 minute..10 years); dead messages are never deleted by it
 */
public record SupportSettings(
        int maxDescriptionLength,
        int maxCommentLength,
        Duration reopenWindow,
        Duration autoCloseAfter,
        int maxPageSize,
        int maxBulkSize,
        int maxAttachments,
        int autoCloseBatchSize,
        List<String> imageUrlPrefixes,
        int maxCommentsPerTicket,
        int maxAttachmentsPerTicket,
        Duration deliveredOutboxRetention) {

    /**
     * Validates every property.
     *
     * @param maxDescriptionLength the longest description, in characters (default 20,000; 1..1,000,000)
     * @param maxCommentLength the longest comment, in characters (default 20,000; 1..1,000,000)
     * @param reopenWindow how long after it was resolved or closed a comment still reopens a ticket; later comments
     *         are refused (default 30 days; positive)
     * @param autoCloseAfter how long a RESOLVED ticket waits before it closes itself (default 7 days; positive)
     * @param maxPageSize the largest page a list may ask for (default 200; 1..10,000)
     * @param maxBulkSize the most tickets one bulk operation may name (default 1,000; 1..100,000)
     * @param maxAttachments the most attachment references one request may carry (default 20; 0..1,000)
     * @param autoCloseBatchSize how many tickets one auto-close run closes at most (default 500; 1..100,000)
     * @param imageUrlPrefixes URL prefixes of the host's own attachments, each an absolute path ({@code /...}) or
     *         an {@code https://} or {@code http://} URL ending with {@code /}
     * @param maxCommentsPerTicket the most comments one ticket accepts (default 1,000; 1..100,000)
     * @param maxAttachmentsPerTicket the most attachments one ticket accepts (default 100; 0..10,000)
     * @param deliveredOutboxRetention how long delivered outbox messages are kept (default 7 days; 1 minute..10
     *         years)
     */
    public SupportSettings {
        imageUrlPrefixes = List.copyOf(imageUrlPrefixes);
        for (String prefix : imageUrlPrefixes) {
            boolean path = prefix.startsWith("/") && !prefix.startsWith("//");
            boolean url = prefix.startsWith("https://") || prefix.startsWith("http://");
            if (!(path || url) || !prefix.endsWith("/") || prefix.length() < 2 || prefix.contains("..")) {
                throw new IllegalArgumentException(
                        "imageUrlPrefixes must be absolute paths or http(s) URLs ending with '/', but one was '"
                                + prefix + "'");
            }
        }
        requireRange("maxDescriptionLength", maxDescriptionLength, 1, 1_000_000);
        requireRange("maxCommentLength", maxCommentLength, 1, 1_000_000);
        requirePositive("reopenWindow", reopenWindow);
        requirePositive("autoCloseAfter", autoCloseAfter);
        requireRange("maxPageSize", maxPageSize, 1, 10_000);
        requireRange("maxBulkSize", maxBulkSize, 1, 100_000);
        requireRange("maxAttachments", maxAttachments, 0, 1_000);
        requireRange("autoCloseBatchSize", autoCloseBatchSize, 1, 100_000);
        requireRange("maxCommentsPerTicket", maxCommentsPerTicket, 1, 100_000);
        requireRange("maxAttachmentsPerTicket", maxAttachmentsPerTicket, 0, 10_000);
        requirePositive("deliveredOutboxRetention", deliveredOutboxRetention);
        if (deliveredOutboxRetention.compareTo(Duration.ofMinutes(1)) < 0
                || deliveredOutboxRetention.compareTo(Duration.ofDays(3_653)) > 0) {
            throw new IllegalArgumentException(
                    "deliveredOutboxRetention must be between 1 minute and 10 years, but was "
                            + deliveredOutboxRetention);
        }
    }

    /**
     * The defaults.
     *
     * @return the defaults
     */
    public static SupportSettings defaults() {
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

    private static void requireRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", but was " + value);
        }
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, but was " + value);
        }
    }

    /** Builds {@link SupportSettings}, starting from the defaults. */
    public static final class Builder {
        private int maxDescriptionLength = 20_000;
        private int maxCommentLength = 20_000;
        private Duration reopenWindow = Duration.ofDays(30);
        private Duration autoCloseAfter = Duration.ofDays(7);
        private int maxPageSize = 200;
        private int maxBulkSize = 1_000;
        private int maxAttachments = 20;
        private List<String> imageUrlPrefixes = List.of();
        private int autoCloseBatchSize = 500;
        private int maxCommentsPerTicket = 1_000;
        private int maxAttachmentsPerTicket = 100;
        private Duration deliveredOutboxRetention = Duration.ofDays(7);

        private Builder() {}

        /**
         * The most comments one ticket accepts; the next one is refused.
         *
         * @param value the most comments one ticket accepts
         * @return this builder
         */
        public Builder maxCommentsPerTicket(int value) {
            this.maxCommentsPerTicket = value;
            return this;
        }

        /**
         * The most attachments one ticket accepts, its comments' included; the next one is refused.
         *
         * @param value the most attachments one ticket accepts
         * @return this builder
         */
        public Builder maxAttachmentsPerTicket(int value) {
            this.maxAttachmentsPerTicket = value;
            return this;
        }

        /**
         * How long delivered outbox messages are kept before the housekeeping deletes them.
         *
         * @param value how long delivered outbox messages are kept
         * @return this builder
         */
        public Builder deliveredOutboxRetention(Duration value) {
            this.deliveredOutboxRetention = value;
            return this;
        }

        /**
         * The longest description, in characters.
         *
         * @param value the longest description, in characters
         * @return this builder
         */
        public Builder maxDescriptionLength(int value) {
            this.maxDescriptionLength = value;
            return this;
        }

        /**
         * The longest comment, in characters.
         *
         * @param value the longest comment, in characters
         * @return this builder
         */
        public Builder maxCommentLength(int value) {
            this.maxCommentLength = value;
            return this;
        }

        /**
         * How long a comment still reopens a resolved or closed ticket.
         *
         * @param value how long a comment still reopens a resolved or closed ticket
         * @return this builder
         */
        public Builder reopenWindow(Duration value) {
            this.reopenWindow = value;
            return this;
        }

        /**
         * How long a resolved ticket waits before it closes itself.
         *
         * @param value how long a resolved ticket waits before it closes itself
         * @return this builder
         */
        public Builder autoCloseAfter(Duration value) {
            this.autoCloseAfter = value;
            return this;
        }

        /**
         * The largest page a list may ask for.
         *
         * @param value the largest page a list may ask for
         * @return this builder
         */
        public Builder maxPageSize(int value) {
            this.maxPageSize = value;
            return this;
        }

        /**
         * The most tickets one bulk operation may name.
         *
         * @param value the most tickets one bulk operation may name
         * @return this builder
         */
        public Builder maxBulkSize(int value) {
            this.maxBulkSize = value;
            return this;
        }

        /**
         * The most attachment references one request may carry.
         *
         * @param value the most attachment references one request may carry
         * @return this builder
         */
        public Builder maxAttachments(int value) {
            this.maxAttachments = value;
            return this;
        }

        /**
         * How many tickets one auto-close run closes at most.
         *
         * @param value how many tickets one auto-close run closes at most
         * @return this builder
         */
        public Builder autoCloseBatchSize(int value) {
            this.autoCloseBatchSize = value;
            return this;
        }

        /**
         * URL prefixes of the host's own attachments, from which rich text may show images.
         *
         * @param value absolute paths ({@code /workspace/document/}) or http(s) URLs, each ending with {@code /}
         * @return this builder
         */
        public Builder imageUrlPrefixes(String... value) {
            this.imageUrlPrefixes = List.of(value);
            return this;
        }

        /**
         * Builds the settings.
         *
         * @return the settings
         * @throws IllegalArgumentException naming the first property out of range
         */
        public SupportSettings build() {
            return new SupportSettings(
                    maxDescriptionLength,
                    maxCommentLength,
                    reopenWindow,
                    autoCloseAfter,
                    maxPageSize,
                    maxBulkSize,
                    maxAttachments,
                    autoCloseBatchSize,
                    imageUrlPrefixes,
                    maxCommentsPerTicket,
                    maxAttachmentsPerTicket,
                    deliveredOutboxRetention);
        }
    }
}

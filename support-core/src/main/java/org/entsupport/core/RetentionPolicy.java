package org.entsupport.core;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How long the library keeps what it no longer needs, and how its housekeeping removes it: CLOSED requests
 * older than a retention period (with their comments, history, feed entries, attachments and desk links) and
 * stored content that no attachment references any more.
 *
 * <pre>{@code
 * Support support = Support.builder()
 *         .store(store)
 *         .retention(RetentionPolicy.keepClosedTicketsFor(Duration.ofDays(365)))
 *         .build();
 * }</pre>
 *
 * <p>{@link Support#start()} runs it every {@link #interval()}; {@link DataProtection#purgeExpired} and
 * {@link DataProtection#removeOrphanContent} run it on demand. Immutable.
 *
 * @param closedTicketsKeptFor how long a request stays after it was closed; {@code null} keeps them forever
 * @param orphanGracePeriod    how old stored content must be before, unreferenced, it is removed: longer
 *                             than any upload and its transaction
 * @param batchSize            how many requests, rows or files one short transaction handles
 * @param interval             how often {@link Support#start() the runtime} runs the housekeeping
 * @param anonymisedLocale     the language of the name anonymised people get ("Utilisateur anonymisé",
 *                             "Anonymised user")
 */
public record RetentionPolicy(
        @Nullable Duration closedTicketsKeptFor,
        Duration orphanGracePeriod,
        int batchSize,
        Duration interval,
        Locale anonymisedLocale) {

    /**
     * Checks the values.
     *
     * @param closedTicketsKeptFor how long a request stays after it was closed; {@code null} keeps them forever
     * @param orphanGracePeriod    how old unreferenced content must be before it is removed (1 minute or more)
     * @param batchSize            rows per transaction (1..10 000)
     * @param interval             how often the runtime runs it (1 s..1 day)
     * @param anonymisedLocale     the language of the name anonymised people get
     * @throws IllegalArgumentException naming the property, the limit and the value
     */
    public RetentionPolicy {
        Objects.requireNonNull(orphanGracePeriod, "orphanGracePeriod");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(anonymisedLocale, "anonymisedLocale");
        if (closedTicketsKeptFor != null && (closedTicketsKeptFor.isNegative() || closedTicketsKeptFor.isZero())) {
            throw new IllegalArgumentException(
                    "closedTicketsKeptFor must be positive, but was " + closedTicketsKeptFor);
        }
        if (orphanGracePeriod.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("orphanGracePeriod must be at least PT1M, but was " + orphanGracePeriod);
        }
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("batchSize must be between 1 and 10000, but was " + batchSize);
        }
        if (interval.compareTo(Duration.ofSeconds(1)) < 0 || interval.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("interval must be between PT1S and PT24H, but was " + interval);
        }
    }

    /**
     * The default: requests are kept forever, unreferenced content older than a day is removed, 100 rows per
     * transaction, every hour, anonymised people named in French.
     *
     * @return the default policy
     */
    public static RetentionPolicy defaults() {
        return new RetentionPolicy(null, Duration.ofDays(1), 100, Duration.ofHours(1), Locale.FRENCH);
    }

    /**
     * The default policy, with CLOSED requests purged {@code period} after they were closed.
     *
     * @param period how long a request stays after it was closed, positive
     * @return the policy
     * @throws IllegalArgumentException when {@code period} is not positive
     */
    public static RetentionPolicy keepClosedTicketsFor(Duration period) {
        return defaults().withClosedTicketsKeptFor(Objects.requireNonNull(period, "period"));
    }

    /**
     * The retention period, when there is one.
     *
     * @return how long a request stays after it was closed, or empty when requests are kept forever
     */
    public Optional<Duration> retention() {
        return Optional.ofNullable(closedTicketsKeptFor);
    }

    /**
     * This policy with another retention period.
     *
     * @param period how long a request stays after it was closed, positive
     * @return the changed policy
     */
    public RetentionPolicy withClosedTicketsKeptFor(Duration period) {
        return new RetentionPolicy(
                Objects.requireNonNull(period, "period"), orphanGracePeriod, batchSize, interval, anonymisedLocale);
    }

    /**
     * This policy with another grace period for unreferenced content.
     *
     * @param value at least one minute, longer than any upload
     * @return the changed policy
     */
    public RetentionPolicy withOrphanGracePeriod(Duration value) {
        return new RetentionPolicy(closedTicketsKeptFor, value, batchSize, interval, anonymisedLocale);
    }

    /**
     * This policy with another batch size.
     *
     * @param value rows per transaction, 1..10 000
     * @return the changed policy
     */
    public RetentionPolicy withBatchSize(int value) {
        return new RetentionPolicy(closedTicketsKeptFor, orphanGracePeriod, value, interval, anonymisedLocale);
    }

    /**
     * This policy with another interval between two runs of the runtime's housekeeping.
     *
     * @param value 1 second..1 day
     * @return the changed policy
     */
    public RetentionPolicy withInterval(Duration value) {
        return new RetentionPolicy(closedTicketsKeptFor, orphanGracePeriod, batchSize, value, anonymisedLocale);
    }

    /**
     * This policy with another language for the name anonymised people get.
     *
     * @param value French locales give "Utilisateur anonymisé", others "Anonymised user"
     * @return the changed policy
     */
    public RetentionPolicy withAnonymisedLocale(Locale value) {
        return new RetentionPolicy(closedTicketsKeptFor, orphanGracePeriod, batchSize, interval, value);
    }
}

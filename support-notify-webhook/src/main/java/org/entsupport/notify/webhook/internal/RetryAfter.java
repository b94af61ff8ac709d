package org.entsupport.notify.webhook.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Parses an HTTP {@code Retry-After} header (RFC 9110 §10.2.3). */
public final class RetryAfter {

    private RetryAfter() {}

    /**
     * The delay a {@code Retry-After} value asks for.
     *
     * @param value the header value: delay seconds ({@code 120}) or an HTTP-date
     *              ({@code Fri, 14 Mar 2025 09:30:00 GMT}); may be {@code null}
     * @param now   the current instant, to turn a date into a delay
     * @return the delay, zero for a date in the past; empty when absent or unreadable
     */
    public static Optional<Duration> parse(@Nullable String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.strip();
        if (v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
            } catch (NumberFormatException e) {
                return Optional.empty(); // too many digits
            }
        }
        try {
            Instant at =
                    ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration delay = Duration.between(now, at);
            return Optional.of(delay.isNegative() ? Duration.ZERO : delay);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}

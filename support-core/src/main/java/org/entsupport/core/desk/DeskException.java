package org.entsupport.core.desk;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A desk call that did not succeed. Checked: every caller of a {@link SupportDesk} decides between
 * trying again and giving up.
 *
 * <ul>
 *   <li>{@link #retryable()} {@code true}: the desk was unreachable, timed out, answered 5xx, 408 or
 *       429. The call may be repeated later with the same idempotency key; {@link #retryAfter()}
 *       says how long the desk asked us to wait, when it did.</li>
 *   <li>{@code false}: the desk refused the request (4xx: bad credentials, validation, unknown
 *       issue, redirect). Repeating the same call will fail again; the escalation should become
 *       FAILED with {@link #getMessage()} as the reason.</li>
 * </ul>
 *
 * <p>Messages name the desk, the operation and the desk's own error text (bounded), never credentials.
 */
public class DeskException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Whether a later attempt may succeed. */
    private final boolean retryable;
    /** How long the desk asked to wait, or {@code null}. */
    private final @Nullable Duration retryAfter;
    /** The HTTP status the desk answered, or 0 when there was no answer. */
    private final int httpStatus;

    /**
     * Creates an exception; prefer the factories.
     *
     * @param message    what failed, with the desk, the operation and the desk's error text
     * @param retryable  whether the same call may succeed later
     * @param retryAfter how long the desk asked us to wait, or {@code null}
     * @param httpStatus the HTTP status the desk answered, or 0 when there was no answer
     * @param cause      the underlying failure, or {@code null}
     */
    public DeskException(
            String message,
            boolean retryable,
            @Nullable Duration retryAfter,
            int httpStatus,
            @Nullable Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.retryable = retryable;
        this.retryAfter = retryAfter;
        this.httpStatus = httpStatus;
    }

    /**
     * A failure that may go away: the desk is down, slow or overloaded.
     *
     * @param message what failed, with the desk, the operation and the desk's error text
     * @param cause the underlying failure, or {@code null}
     * @return a failure that may go away: the desk is down, slow or overloaded
     */
    public static DeskException retryable(String message, @Nullable Throwable cause) {
        return new DeskException(message, true, null, 0, cause);
    }

    /**
     * A failure that may go away, after at least {@code retryAfter} as the desk asked (HTTP 429/503).
     *
     * @param message what failed, with the desk, the operation and the desk's error text
     * @param retryAfter how long the desk asked us to wait, or {@code null}
     * @param httpStatus the HTTP status the desk answered, or 0 when there was no answer
     * @return a failure that may go away, after at least {@code retryAfter} as the desk asked (HTTP 429/503)
     */
    public static DeskException retryable(String message, Duration retryAfter, int httpStatus) {
        return new DeskException(message, true, Objects.requireNonNull(retryAfter, "retryAfter"), httpStatus, null);
    }

    /**
     * A refusal: repeating the call will not help.
     *
     * @param message what failed, with the desk, the operation and the desk's error text
     * @return a refusal: repeating the call will not help
     */
    public static DeskException permanent(String message) {
        return new DeskException(message, false, null, 0, null);
    }

    /**
     * A refusal answered with the given HTTP status.
     *
     * @param message what failed, with the desk, the operation and the desk's error text
     * @param httpStatus the HTTP status the desk answered, or 0 when there was no answer
     * @return a refusal answered with the given HTTP status
     */
    public static DeskException permanent(String message, int httpStatus) {
        return new DeskException(message, false, null, httpStatus, null);
    }

    /**
     * A refusal caused by {@code cause} (for instance an answer we cannot parse).
     *
     * @param message what failed, with the desk, the operation and the desk's error text
     * @param cause the underlying failure, or {@code null}
     * @return a refusal caused by {@code cause} (for instance an answer we cannot parse)
     */
    public static DeskException permanent(String message, @Nullable Throwable cause) {
        return new DeskException(message, false, null, 0, cause);
    }

    /**
     * Whether the same call may succeed later.
     *
     * @return whether the same call may succeed later
     */
    public boolean retryable() {
        return retryable;
    }

    /**
     * How long the desk asked us to wait before the next call, when it said so.
     *
     * @return how long the desk asked us to wait before the next call, when it said so
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /**
     * The HTTP status the desk answered, or 0 when it did not answer (timeout, connection refused).
     *
     * @return the HTTP status the desk answered, or 0 when it did not answer (timeout, connection refused)
     */
    public int httpStatus() {
        return httpStatus;
    }
}

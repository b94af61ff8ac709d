package org.entsupport.core.desk;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An external support desk that escalated requests are handed over to (Redmine, Zendesk, ...).
 *
 * <p><b>Who calls it.</b> Never a user request thread: the library calls {@link #open} and
 * {@link #forwardComment} from its outbox relay, after the commit that asked for them, and
 * {@link #changesSince} / {@link #changesOf} from the synchroniser (one node at a time per desk,
 * under a lease). Calls block on the calling thread for as long as the desk takes, bounded by the
 * connector's timeouts. Implementations must be safe for use by several threads at once and must
 * not keep per-call state between calls: everything the next call needs is in its arguments (the
 * external id, the idempotency key, the cursor), which the library persists.
 *
 * <p><b>Failures.</b> Every method throws {@link DeskException}. When it is
 * {@linkplain DeskException#retryable() retryable} the outbox calls again later with the same
 * arguments (and the same idempotency key), honouring {@link DeskException#retryAfter()}; the
 * synchroniser keeps its cursor and polls again next time. When it is permanent, an escalation
 * becomes FAILED with the exception's message and the admin who escalated is told.
 *
 * <p><b>At least once, never twice.</b> The outbox may call {@code open} or {@code forwardComment}
 * again after a crash between the desk's answer and our commit. Implementations make the repeat
 * harmless: they look for the issue or comment they may already have created (idempotency key,
 * our ticket id or comment id written on the desk) before creating it again.
 *
 * <p><b>Reading changes.</b> The synchroniser persists the cursor that {@link #changesSince}
 * returns and passes it back next time. Results may overlap the previous ones (a connector re-reads
 * a short window so that nothing committed late on the desk is missed): the caller imports each
 * comment once by {@link DeskComment#id()} and treats statuses as current values, never as events.
 *
 * <p>Run {@code SupportDeskContract} from {@code support-tck} against an implementation.
 */
public interface SupportDesk {

    /**
     * The desk's stable name ({@code "redmine"}, {@code "zendesk"}), stored with each escalation to
     * route later calls and the synchroniser's cursor. Must not change between releases.
     *
     * @return the name, lower case, without blanks
     */
    String name();

    /**
     * Opens an issue on the desk for an escalated ticket, with its description, its comments so far
     * and their files. Called by the outbox relay; may be called again for the same ticket after a
     * crash or a retryable failure.
     *
     * <p>Idempotent: when an issue already exists for {@code request.ticketId()} (created by an
     * earlier call with this key or any other), it is returned and nothing new is created.
     *
     * @param request        the ticket snapshot
     * @param idempotencyKey the outbox command's key, the same on every retry (1..255 characters)
     * @return the desk issue
     * @throws DeskException retryable when the desk is unavailable, permanent when it refuses the
     *         request (the escalation then fails with the message)
     */
    DeskIssue open(EscalationRequest request, String idempotencyKey) throws DeskException;

    /**
     * Adds one of our comments, with its files, to an escalated issue. Called by the outbox relay
     * for each comment written after the escalation succeeded.
     *
     * <p>Idempotent where the desk allows it: connectors look for the comment's marker among the
     * issue's latest comments before adding it again, and return the existing id when found.
     *
     * @param externalId     the issue, as {@link DeskIssue#externalId()} returned it
     * @param comment        our comment
     * @param idempotencyKey the outbox command's key, the same on every retry
     * @return the desk's id of the comment it holds now; the synchroniser skips the comment with
     *         this {@link DeskComment#id()} when it reads it back (its echo)
     * @throws DeskException retryable when the desk is unavailable; permanent when it refuses
     *         (unknown issue, closed issue that takes no comment, ...)
     */
    String forwardComment(String externalId, ForwardedComment comment, String idempotencyKey) throws DeskException;

    /**
     * Reads every issue of ours (opened by this library, on this desk) that changed since the
     * cursor, reading all pages the desk has. Called by the synchroniser, periodically.
     *
     * <p>{@code cursor == null} starts from the desk's present: the result holds only what changed
     * within the connector's overlap window (possibly nothing), and its cursor is the place to poll
     * from next. Use {@link #cursorAt(Instant)} instead to start from a known time (for instance
     * the first escalation).
     *
     * <p>The result may repeat issues and comments that an earlier call returned: connectors re-read
     * an overlap window before the cursor's point so that a change committed late on the desk is not
     * missed, and a desk that cannot filter comments by time returns the issue's whole thread.
     * De-duplicate by {@link DeskComment#id()}. A comment created after the cursor's point is
     * never missed.
     *
     * @param cursor a cursor returned by an earlier call or by {@link #cursorAt}, or {@code null}
     * @return the changed issues and the next cursor
     * @throws DeskException retryable when the desk is unavailable (keep the old cursor and try
     *         again next time); permanent when the cursor is not one of this desk's or the desk
     *         refuses the credentials
     */
    DeskChanges changesSince(@Nullable String cursor) throws DeskException;

    /**
     * A cursor that stands for {@code instant}: {@code changesSince(cursorAt(t))} returns the issues
     * changed at or after {@code t} (minus the overlap). For a first poll that must not miss what
     * happened since a known time. Computes locally; does not call the desk.
     *
     * @param instant the point to read from
     * @return an opaque cursor
     */
    String cursorAt(Instant instant);

    /**
     * Reads one issue now, with all its comments. Called by the synchroniser for "sync this ticket
     * now" (a platform admin's request) and after a failed import of that issue.
     *
     * @param externalId the issue
     * @return its status and all its comments
     * @throws DeskException permanent when the desk does not know the issue; retryable when it is
     *         unavailable
     */
    IssueChanges changesOf(String externalId) throws DeskException;

    /**
     * How this desk's statuses map onto ticket statuses, as configured. The synchroniser applies
     * it to {@link IssueChanges#status()}.
     *
     * @return the mapping; the default maps nothing
     */
    default DeskStatusMapping statusMapping() {
        return DeskStatusMapping.none();
    }

    /**
     * Checks that the desk answers and accepts the credentials, for a host's start-up or health
     * check. The default does nothing.
     *
     * @throws DeskException permanent when the credentials or the configuration are refused,
     *         retryable when the desk is unavailable
     */
    default void verify() throws DeskException {}
}

package org.entsupport.core.desk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
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
 * <p><b>Sharing a desk.</b> Several installations of the library (several platforms) may share one
 * desk project. The library calls {@link #forInstallation} once with its {@link InstallationId} and
 * uses the desk it returns: its markers name the installation, and it never reports an issue whose
 * marker names another one.
 *
 * <p><b>Echoes.</b> A comment the connector reads back is an echo ({@link DeskComment#isEcho()}) only
 * when its own desk account wrote it, exactly in the form it posts. An agent's reply that quotes one
 * of our notes (and so contains its marker) is a reply.
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
     * <p>Idempotent whatever the comment says: connectors look among the issue's comments for the note
     * they wrote for this comment (their own account, their own form, the comment's marker last) and
     * return its id when found. A comment whose text contains marker-like text, or that quotes an
     * earlier note, is still posted once.
     *
     * @param externalId     the issue, as {@link DeskIssue#externalId()} returned it
     * @param comment        our comment
     * @param idempotencyKey the outbox command's key, the same on every retry
     * @return the desk's id of the comment it holds now; the synchroniser skips the comment with
     *         this {@link DeskComment#id()} when it reads it back (its echo)
     * @throws IssueGoneException when the issue was deleted or is no longer visible
     * @throws DeskException retryable when the desk is unavailable; permanent when it refuses
     *         (closed issue that takes no comment, ...)
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
     * @throws IssueGoneException when the issue was deleted or is no longer visible to the connector
     * @throws DeskException permanent when the external id is not one of this desk's; retryable when
     *         the desk is unavailable
     */
    IssueChanges changesOf(String externalId) throws DeskException;

    /**
     * Which of these issues the desk no longer shows: deleted, or moved where the connector's account
     * cannot see them. Called by the synchroniser now and then for the escalations it holds open, since
     * most desks do not report deletions in their change feed. An issue moved to another project that
     * the account still sees is not gone.
     *
     * <p>The default reads each issue with {@link #changesOf} and collects the
     * {@link IssueGoneException}s; connectors override it with a cheaper call.
     *
     * @param externalIds the issues to check (at most a few hundred per call)
     * @return the gone ones, in any order; empty when all are there
     * @throws DeskException retryable when the desk is unavailable (nothing is concluded)
     */
    default List<IssueGone> goneIssues(Collection<String> externalIds) throws DeskException {
        List<IssueGone> gone = new ArrayList<>();
        for (String externalId : externalIds) {
            try {
                changesOf(externalId);
            } catch (IssueGoneException e) {
                gone.add(e.gone());
            }
        }
        return gone;
    }

    /**
     * Tells the desk's agents about a status change made on our side (resolved, closed, reopened by
     * the requester), so that nobody works on a request that is already solved: a note, and the
     * matching desk status where the connector is configured for it and the desk's workflow allows
     * it. Called by the outbox relay, after the commit of the change; may be called again after a
     * crash: connectors find the note they wrote for {@link StatusChange#changeId()} instead of adding
     * it twice.
     *
     * @param externalId     the issue
     * @param change         the change
     * @param idempotencyKey the outbox command's key, the same on every retry
     * @return what the desk holds now, or empty when this desk takes no status changes (the default)
     * @throws IssueGoneException when the issue was deleted or is no longer visible
     * @throws DeskException retryable when the desk is unavailable; permanent when it refuses the note
     */
    default Optional<StatusForwarded> forwardStatus(String externalId, StatusChange change, String idempotencyKey)
            throws DeskException {
        return Optional.empty();
    }

    /**
     * This desk, for one installation of the library: the returned desk writes {@code installation}
     * into its markers and reports only the issues whose markers name it (or name no installation,
     * as earlier versions wrote them). The library calls it once, at start-up, with the installation
     * id kept in its database, and uses the returned desk from then on.
     *
     * <p>The default returns this desk unchanged (a desk that keeps no marker needs none).
     * Implementations return a new instance and leave this one as it is.
     *
     * @param installation the installation
     * @return a desk for that installation, with the same name
     */
    default SupportDesk forInstallation(InstallationId installation) {
        return this;
    }

    /**
     * The installation this desk writes into its markers, when it has one ({@link #forInstallation}).
     *
     * @return the installation, or empty for a desk not yet bound to one (it writes markers without
     *         an installation, as earlier versions did)
     */
    default Optional<InstallationId> installation() {
        return Optional.empty();
    }

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
     * Checks that the desk answers, accepts the credentials and knows what the configuration names
     * (project, tracker, priority, statuses...), for a host's start-up or health check. The default
     * does nothing.
     *
     * @throws DeskException permanent when the credentials or the configuration are refused,
     *         retryable when the desk is unavailable
     */
    default void verify() throws DeskException {}
}

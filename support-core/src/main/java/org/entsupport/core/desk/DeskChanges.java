package org.entsupport.core.desk;

import java.util.List;
import java.util.Objects;

/**
 * What {@link SupportDesk#changesSince} found: the issues of ours that changed, and the cursor to
 * ask from next time.
 *
 * @param issues     the changed issues, each once, oldest change first where the desk allows
 * @param nextCursor an opaque string; persist it (in the same transaction as the imported changes,
 *                   or after them) and pass it to the next call. Never parse it.
 * @param gone       issues of ours that the desk reported deleted since the cursor (desks whose change
 *                   feed carries deletions, such as Zendesk's incremental export); desks that cannot
 *                   tell leave it empty and answer {@link SupportDesk#goneIssues} instead
 */
public record DeskChanges(List<IssueChanges> issues, String nextCursor, List<IssueGone> gone) {

    /**
     * Checks the components and copies the lists.
     *
     * @param issues the changed issues, each once, oldest change first where the desk allows
     * @param nextCursor an opaque string; persist it (in the same transaction as the imported changes, or after
     *         them) and pass it to the next call. Never parse it.
     * @param gone issues of ours that the desk reported deleted since the cursor
     */
    public DeskChanges {
        issues = List.copyOf(issues);
        Objects.requireNonNull(nextCursor, "nextCursor");
        gone = List.copyOf(gone);
    }

    /**
     * Changes without deletions.
     *
     * @param issues the changed issues, each once, oldest change first where the desk allows
     * @param nextCursor an opaque string to pass to the next call
     */
    public DeskChanges(List<IssueChanges> issues, String nextCursor) {
        this(issues, nextCursor, List.of());
    }

    /**
     * Whether no issue changed and none is gone.
     *
     * @return whether no issue changed and none is gone
     */
    public boolean isEmpty() {
        return issues.isEmpty() && gone.isEmpty();
    }
}

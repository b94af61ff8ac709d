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
 */
public record DeskChanges(List<IssueChanges> issues, String nextCursor) {

    /**
     * Checks the components and copies the list.
     *
     * @param issues the changed issues, each once, oldest change first where the desk allows
     * @param nextCursor an opaque string; persist it (in the same transaction as the imported changes, or after
     *         them) and pass it to the next call. Never parse it.
     */
    public DeskChanges {
        issues = List.copyOf(issues);
        Objects.requireNonNull(nextCursor, "nextCursor");
    }

    /**
     * Whether no issue changed.
     *
     * @return whether no issue changed
     */
    public boolean isEmpty() {
        return issues.isEmpty();
    }
}

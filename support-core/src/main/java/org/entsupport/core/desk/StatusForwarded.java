package org.entsupport.core.desk;

import java.util.Objects;

/**
 * What {@link SupportDesk#forwardStatus} did on the desk.
 *
 * @param noteId        the desk's id of the note that tells the agents; the synchroniser skips the
 *                      comment with this id when it reads it back (its echo)
 * @param deskStatus    the raw desk status after the call
 * @param statusApplied whether the issue now carries the desk status that matches ours (set by this
 *                      call or already there); {@code false} when the desk's workflow refused it or
 *                      when no desk status is configured for our status: the note alone tells the agents
 */
public record StatusForwarded(String noteId, String deskStatus, boolean statusApplied) {

    /**
     * Checks the components.
     *
     * @param noteId the desk's id of the note that tells the agents
     * @param deskStatus the desk status after the call
     * @param statusApplied whether the desk took the status (its workflow may refuse it)
     */
    public StatusForwarded {
        Objects.requireNonNull(noteId, "noteId");
        Objects.requireNonNull(deskStatus, "deskStatus");
    }
}

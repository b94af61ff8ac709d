package org.entsupport.core.desk;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The state of one desk issue and its comments, as read by {@link SupportDesk#changesSince} or
 * {@link SupportDesk#changesOf}.
 *
 * <p>Reading it is idempotent for the caller: the status is the current one (map it and compare),
 * and comments are identified by {@link DeskComment#id()} (import each id once).
 *
 * @param externalId  the desk's id of the issue
 * @param ticketId    our ticket id, when the connector found its marker on the issue; {@code null}
 *                    when it could not (look the external id up in the escalations instead)
 * @param status      the desk's raw status now (Redmine status id such as {@code "3"}, Zendesk status
 *                    such as {@code "solved"}); map it with {@link SupportDesk#statusMapping()}
 * @param statusLabel the status as people read it on the desk ({@code "Resolved"}), for messages
 * @param updatedAt   when the desk last changed the issue, by the desk's clock
 * @param comments    comments in creation order: every comment created since the cursor's point
 *                    (minus the connector's overlap) — and, for {@code changesOf}, every comment;
 *                    public and private alike, flagged by {@link DeskComment#isPublic()}. Never the
 *                    issue's opening text (the description {@link SupportDesk#open} wrote), which
 *                    is not a reply even on desks that store it as a first comment
 * @param installation the installation the issue's marker names, when it names one; an issue whose
 *                    marker names another installation than ours is never ours, whatever its ticket
 *                    number says (connectors then report {@code ticketId} as {@code null}). {@code null}
 *                    for markers that name no installation (written by earlier versions) and for
 *                    desks that keep no marker
 */
public record IssueChanges(
        String externalId,
        @Nullable Long ticketId,
        String status,
        String statusLabel,
        Instant updatedAt,
        List<DeskComment> comments,
        @Nullable InstallationId installation) {

    /**
     * Checks the components and copies the list.
     *
     * @param externalId the desk's id of the issue
     * @param ticketId our ticket id, when the connector found its marker on the issue; {@code null} when it could
     *         not (look the external id up in the escalations instead)
     * @param status the desk's raw status now (Redmine status id such as {@code "3"}, Zendesk status such as {@code
     *         "solved"}); map it with {@link SupportDesk#statusMapping()}
     * @param statusLabel the status as people read it on the desk ({@code "Resolved"}), for messages
     * @param updatedAt when the desk last changed the issue, by the desk's clock
     * @param comments comments in creation order: every comment created since the cursor's point (minus the
     *         connector's overlap) — and, for {@code changesOf}, every comment; public and private alike, flagged
     *         by {@link DeskComment#isPublic()}. Never the issue's opening text (the description {@link
     *         SupportDesk#open} wrote), which is not a reply even on desks that store it as a first comment
     * @param installation the installation the issue's marker names, or {@code null} when it names none
     */
    public IssueChanges {
        Objects.requireNonNull(externalId, "externalId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(statusLabel, "statusLabel");
        Objects.requireNonNull(updatedAt, "updatedAt");
        comments = List.copyOf(comments);
    }

    /**
     * An issue whose marker names no installation (the form of earlier versions of this record).
     *
     * @param externalId the desk's id of the issue
     * @param ticketId our ticket id, when the connector found its marker on the issue, else {@code null}
     * @param status the desk's raw status now
     * @param statusLabel the status as people read it on the desk
     * @param updatedAt when the desk last changed the issue, by the desk's clock
     * @param comments comments in creation order
     */
    public IssueChanges(
            String externalId,
            @Nullable Long ticketId,
            String status,
            String statusLabel,
            Instant updatedAt,
            List<DeskComment> comments) {
        this(externalId, ticketId, status, statusLabel, updatedAt, comments, null);
    }

    /**
     * Whether the issue's marker names an installation other than {@code ours}: such an issue belongs to
     * another platform sharing the desk and must never be imported.
     *
     * @param ours this installation's id
     * @return whether the issue belongs to another installation
     */
    public boolean belongsToAnotherInstallation(InstallationId ours) {
        return installation != null && !installation.equals(ours);
    }

    /**
     * Our ticket id, when the connector recognised the issue as ours.
     *
     * @return our ticket id, or empty when the issue is not one of ours
     */
    public Optional<Long> ticket() {
        return Optional.ofNullable(ticketId);
    }

    /**
     * The comment with the given desk id, if this read contains it.
     *
     * @param commentId the comment's id on the desk
     * @return the comment, or empty when this read does not contain it
     */
    public Optional<DeskComment> comment(String commentId) {
        return comments.stream().filter(c -> c.id().equals(commentId)).findFirst();
    }
}

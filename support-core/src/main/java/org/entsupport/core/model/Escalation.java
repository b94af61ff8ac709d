package org.entsupport.core.model;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The hand-over of a ticket to an external support desk.
 *
 * @param escalatedBy  the user who escalated the ticket
 * @param escalatedAt  when the escalation was asked for
 * @param desk         the name of the desk that holds the issue, once known
 * @param externalId   the issue id on the desk, once the desk accepted it
 * @param externalUrl  a link to the issue on the desk, once known
 * @param lastSync     the last time the desk's changes were read for this ticket
 * @param failure      why the last attempt failed, when the escalation status is FAILED
 * @param deskStatus   the desk's raw status when the synchroniser last read it (a desk status is
 *                     applied to the ticket only when it changes)
 */
public record Escalation(
        String escalatedBy,
        Instant escalatedAt,
        @Nullable String desk,
        @Nullable String externalId,
        @Nullable String externalUrl,
        @Nullable Instant lastSync,
        @Nullable String failure,
        @Nullable String deskStatus) {

    /**
     * Checks the required components.
     *
     * @param escalatedBy the user who escalated the ticket
     * @param escalatedAt when the escalation was asked for
     * @param desk the name of the desk that holds the issue, once known
     * @param externalId the issue id on the desk, once the desk accepted it
     * @param externalUrl a link to the issue on the desk, once known
     * @param lastSync the last time the desk's changes were read for this ticket
     * @param failure why the last attempt failed, when the escalation status is FAILED
     * @param deskStatus the desk's raw status when the synchroniser last read it (a desk status is applied to the
     *         ticket only when it changes)
     */
    public Escalation {
        Objects.requireNonNull(escalatedBy, "escalatedBy");
        Objects.requireNonNull(escalatedAt, "escalatedAt");
    }
}

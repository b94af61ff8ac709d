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

    /**
     * A fresh escalation to {@code desk} asked for by {@code by} at {@code at}, not yet accepted.
     *
     * @param by the user id of who escalated
     * @param at when it was asked for
     * @param desk the name of the desk that holds the issue, once known
     * @return a fresh escalation to {@code desk} asked for by {@code by} at {@code at}, not yet accepted
     */
    public static Escalation requested(String by, Instant at, @Nullable String desk) {
        return new Escalation(by, at, desk, null, null, null, null, null);
    }

    /**
     * This escalation, accepted by the desk as the issue {@code id} at {@code url} in {@code status}.
     *
     * @param deskName the desk that accepted it
     * @param id the id on the desk
     * @param url a link for people to the issue on the desk
     * @param status the status on the desk
     * @return this escalation, accepted by the desk as the issue {@code id} at {@code url} in {@code status}
     */
    public Escalation accepted(String deskName, String id, String url, String status) {
        return new Escalation(escalatedBy, escalatedAt, deskName, id, url, lastSync, null, status);
    }

    /**
     * This escalation, refused or given up for {@code reason}.
     *
     * @param reason why, in English
     * @return this escalation, refused or given up for {@code reason}
     */
    public Escalation failed(String reason) {
        return new Escalation(escalatedBy, escalatedAt, desk, externalId, externalUrl, lastSync, reason, deskStatus);
    }

    /**
     * This escalation, synchronised at {@code at} with the desk status {@code status}.
     *
     * @param at when it was synchronised
     * @param status the status on the desk
     * @return this escalation, synchronised at {@code at} with the desk status {@code status}
     */
    public Escalation synced(Instant at, String status) {
        return new Escalation(escalatedBy, escalatedAt, desk, externalId, externalUrl, at, failure, status);
    }
}

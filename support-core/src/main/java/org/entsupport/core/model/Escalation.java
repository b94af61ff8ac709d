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
 */
public record Escalation(
        String escalatedBy,
        Instant escalatedAt,
        @Nullable String desk,
        @Nullable String externalId,
        @Nullable String externalUrl,
        @Nullable Instant lastSync,
        @Nullable String failure) {

    /** Checks the required components. */
    public Escalation {
        Objects.requireNonNull(escalatedBy, "escalatedBy");
        Objects.requireNonNull(escalatedAt, "escalatedAt");
    }

    /** A fresh escalation asked for by {@code by} at {@code at}, not yet accepted by a desk. */
    public static Escalation requested(String by, Instant at) {
        return new Escalation(by, at, null, null, null, null, null);
    }
}

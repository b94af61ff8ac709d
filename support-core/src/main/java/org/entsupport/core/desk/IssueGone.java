package org.entsupport.core.desk;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A desk issue that the desk no longer shows us: deleted, or moved where the connector's account
 * cannot see it. The escalation it carried is over: the library marks it FAILED with
 * {@link #detail()} as the reason for administrators, tells the référents and allows a new
 * hand-over.
 *
 * @param externalId the desk's id of the issue
 * @param ticketId   our ticket id when the connector still knew it (from the desk's deletion
 *                   record), else {@code null}
 * @param reason     why it is gone
 * @param detail     what the desk answered, for administrators and logs (never shown to requesters)
 */
public record IssueGone(String externalId, @Nullable Long ticketId, Reason reason, String detail) {

    /** Why an issue is gone. */
    public enum Reason {
        /** The desk deleted it (Redmine 404, Zendesk status {@code deleted}). */
        DELETED,
        /** It exists but the connector's account may no longer see it (HTTP 403: moved, made private). */
        NOT_VISIBLE
    }

    /**
     * Checks the components.
     *
     * @param externalId the desk's id of the issue
     * @param ticketId our ticket id, when known
     * @param reason why the issue is gone
     * @param detail what the desk answered, for administrators and logs
     */
    public IssueGone {
        Objects.requireNonNull(externalId, "externalId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }

    /**
     * Our ticket id, when known.
     *
     * @return our ticket id, or empty when the desk did not tell
     */
    public Optional<Long> ticket() {
        return Optional.ofNullable(ticketId);
    }
}

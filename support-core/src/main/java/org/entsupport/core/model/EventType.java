package org.entsupport.core.model;

import java.util.Optional;

/**
 * The kinds of history events. Each has a stable {@link #code()}; the parameters each kind carries
 * are listed on the constant. Events never hold translated text: readers render them.
 */
public enum EventType {
    /** The ticket was filed. Parameters: {@code status}. */
    CREATED("created"),
    /** Editable fields changed. Parameters: {@code fields} (comma-separated names). */
    FIELDS_UPDATED("fields-updated"),
    /**
     * The status changed. Parameters: {@code from}, {@code to} (status names) and {@code cause}:
     * {@code explicit}, {@code bulk}, {@code comment}, {@code reopen}, {@code auto-close},
     * {@code escalation} or {@code desk}.
     */
    STATUS_CHANGED("status-changed"),
    /** Files were attached. Parameters: {@code count}, {@code names}. */
    ATTACHMENTS_ADDED("attachments-added"),
    /** An admin asked to hand the ticket over to the desk. Parameters: none. */
    ESCALATION_REQUESTED("escalation-requested"),
    /** The desk accepted the ticket. Parameters: {@code desk}, {@code externalId}. */
    ESCALATION_SUCCEEDED("escalation-succeeded"),
    /** The desk refused the ticket or every retry failed. Parameters: {@code reason}. */
    ESCALATION_FAILED("escalation-failed"),
    /** A file of a support desk's reply will never reach the ticket (the desk refused it, or our policy did). */
    DESK_FILE_UNAVAILABLE("desk-file-unavailable");

    private final String code;

    EventType(String code) {
        this.code = code;
    }

    /**
     * The stable, persisted name of this type.
     *
     * @return the stable, persisted name of this type
     */
    public String code() {
        return code;
    }

    /**
     * The type with the given code, or empty.
     *
     * @param code the stored code
     * @return the type with the given code, or empty
     */
    public static Optional<EventType> fromCode(String code) {
        for (EventType t : values()) {
            if (t.code.equals(code)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}

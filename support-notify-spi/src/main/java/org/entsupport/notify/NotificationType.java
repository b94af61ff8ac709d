package org.entsupport.notify;

import java.util.Optional;

/**
 * What happened to a support request. Each type has a stable {@link #code()} that is safe to
 * persist and to send over the wire; never persist {@link #ordinal()}.
 */
public enum NotificationType {
    /** A request was filed; sent to the local admins of its school. */
    TICKET_CREATED("ticket-created"),
    /** Fields or the status of a request changed; sent to the owner and the local admins. */
    TICKET_UPDATED("ticket-updated"),
    /** A comment or an attachment was added; sent to the owner and the local admins. */
    TICKET_COMMENTED("ticket-commented"),
    /** The support desk accepted the request; sent to the owner and the local admins. */
    TICKET_ESCALATED("ticket-escalated"),
    /** The support desk refused the request for good; sent to the admin who escalated it. */
    ESCALATION_FAILED("escalation-failed"),
    /** The support desk answered; sent to the owner and the local admins. */
    DESK_REPLIED("desk-replied"),
    /** The support desk resolved or closed the request; sent to the owner and the local admins. */
    DESK_STATUS_CHANGED("desk-status-changed"),
    /** A resolved request closed itself after the configured delay; sent to the owner. */
    TICKET_AUTO_CLOSED("ticket-auto-closed"),
    /**
     * The support desk's issue of an escalated request was deleted or is no longer visible: the escalation
     * failed and the request may be handed over again; sent to the local admins.
     */
    DESK_ISSUE_GONE("desk-issue-gone");

    private final String code;

    NotificationType(String code) {
        this.code = code;
    }

    /**
     * The stable, persisted name of this type, such as {@code ticket-created}.
     *
     * @return the stable, persisted name of this type, such as {@code ticket-created}
     */
    public String code() {
        return code;
    }

    /**
     * Finds the type with the given {@linkplain #code() code}.
     *
     * @param code a code such as {@code ticket-created}
     * @return the type, or empty when no type has that code
     */
    public static Optional<NotificationType> fromCode(String code) {
        for (NotificationType type : values()) {
            if (type.code.equals(code)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}

package org.entsupport.core.model;

import java.util.Optional;

/**
 * The status of a support request. The {@link #code()}s are those of the reference ENT module, so
 * existing data and desk mappings carry over. Persist the code, never {@link #ordinal()}.
 */
public enum TicketStatus {
    /** Filed, not yet looked at by an admin. */
    NEW(1),
    /** Being handled. */
    OPENED(2),
    /** Solved; closes itself after the configured delay unless somebody comments. */
    RESOLVED(3),
    /** Finished. */
    CLOSED(4),
    /** Waiting for the requester's answer. */
    WAITING(5);

    private final int code;

    TicketStatus(int code) {
        this.code = code;
    }

    /**
     * The persisted code of this status (NEW=1, OPENED=2, RESOLVED=3, CLOSED=4, WAITING=5).
     *
     * @return the persisted code of this status (NEW=1, OPENED=2, RESOLVED=3, CLOSED=4, WAITING=5)
     */
    public int code() {
        return code;
    }

    /**
     * Whether this status ends the work on a request (RESOLVED or CLOSED).
     *
     * @return whether this status ends the work on a request (RESOLVED or CLOSED)
     */
    public boolean isFinished() {
        return this == RESOLVED || this == CLOSED;
    }

    /**
     * The status with the given code.
     *
     * @param code a persisted code
     * @return the status
     * @throws IllegalArgumentException when no status has that code
     */
    public static TicketStatus ofCode(int code) {
        return fromCode(code)
                .orElseThrow(
                        () -> new IllegalArgumentException("No ticket status has code " + code + " (known: 1..5)"));
    }

    /**
     * The status with the given code, or empty.
     *
     * @param code a persisted code
     * @return the status with the given code, or empty
     */
    public static Optional<TicketStatus> fromCode(int code) {
        for (TicketStatus s : values()) {
            if (s.code == code) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}

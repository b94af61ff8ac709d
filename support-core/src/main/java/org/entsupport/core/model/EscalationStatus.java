package org.entsupport.core.model;

import java.util.Optional;

/**
 * Where a request stands with the external support desk. NOT_DONE -&gt; IN_PROGRESS -&gt; SUCCESSFUL,
 * or -&gt; FAILED, from which it may be escalated again. Persist the {@link #code()}.
 */
public enum EscalationStatus {
    /** Never handed over. */
    NOT_DONE(1),
    /** Handed over; the desk call is pending or being retried. */
    IN_PROGRESS(2),
    /** The desk accepted the request. */
    SUCCESSFUL(3),
    /** The desk refused it for good, or every retry failed; may be escalated again. */
    FAILED(4);

    private final int code;

    EscalationStatus(int code) {
        this.code = code;
    }

    /**
     * The persisted code (NOT_DONE=1, IN_PROGRESS=2, SUCCESSFUL=3, FAILED=4).
     *
     * @return the persisted code (NOT_DONE=1, IN_PROGRESS=2, SUCCESSFUL=3, FAILED=4)
     */
    public int code() {
        return code;
    }

    /**
     * The escalation status with the given code.
     *
     * @param code the stored code
     * @return the escalation status with the given code
     * @throws IllegalArgumentException when no status has that code
     */
    public static EscalationStatus ofCode(int code) {
        return fromCode(code)
                .orElseThrow(
                        () -> new IllegalArgumentException("No escalation status has code " + code + " (known: 1..4)"));
    }

    /**
     * The escalation status with the given code, or empty.
     *
     * @param code the stored code
     * @return the escalation status with the given code, or empty
     */
    public static Optional<EscalationStatus> fromCode(int code) {
        for (EscalationStatus s : values()) {
            if (s.code == code) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}

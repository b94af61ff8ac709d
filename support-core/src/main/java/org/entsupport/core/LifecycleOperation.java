package org.entsupport.core;

import java.util.Optional;

/** The data-protection operations, as recorded in the lifecycle log; stored by {@link #code()}. */
public enum LifecycleOperation {
    /** A person was anonymised ({@link DataProtection#anonymise}). */
    ANONYMISE("anonymise"),
    /** A person's data was exported ({@link DataProtection#exportUserData}). */
    EXPORT("export"),
    /** One request was deleted ({@link DataProtection#deleteTicket}). */
    DELETE_TICKET("delete-ticket"),
    /** Closed requests older than the retention period were purged ({@link DataProtection#purgeExpired}). */
    RETENTION_PURGE("retention-purge"),
    /** Stored content that no attachment references was removed ({@link DataProtection#removeOrphanContent}). */
    ORPHAN_CONTENT("orphan-content");

    private final String code;

    LifecycleOperation(String code) {
        this.code = code;
    }

    /**
     * The stable code kept in the log.
     *
     * @return the stable code kept in the log
     */
    public String code() {
        return code;
    }

    /**
     * The operation of a stored code.
     *
     * @param code a code written by {@link #code()}
     * @return the operation, or empty for an unknown code
     */
    public static Optional<LifecycleOperation> fromCode(String code) {
        for (LifecycleOperation o : values()) {
            if (o.code.equals(code)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }
}

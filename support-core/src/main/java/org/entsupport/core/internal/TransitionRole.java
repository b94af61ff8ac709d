package org.entsupport.core.internal;

/** Who drives a status transition, as the columns of the workflow table name them. */
public enum TransitionRole {
    /** A local admin of the ticket's school, or a platform admin. */
    ADMIN,
    /** The requester. */
    OWNER,
    /** The library itself: a comment that opens or reopens, escalation, auto-close. */
    AUTO,
    /**
     * The external support desk, through the synchroniser: it acts as the support team and may make
     * the moves an admin may make.
     */
    DESK
}

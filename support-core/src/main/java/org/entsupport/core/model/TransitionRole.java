package org.entsupport.core.model;

/** Who drives a status transition, as the columns of the workflow table name them. */
public enum TransitionRole {
    /** A local admin of the ticket's school, or a platform admin. */
    ADMIN,
    /** The requester. */
    OWNER,
    /** The library itself: a comment that opens or reopens, escalation, the desk, auto-close. */
    AUTO
}

package org.entsupport.core;

/**
 * The kinds of rows the data-protection operations touch, as counted in a {@link LifecycleReport}.
 */
public enum DataKind {
    /** Support requests. */
    TICKETS,
    /** Comments of requests. */
    COMMENTS,
    /** History events of requests. */
    EVENTS,
    /** Entries of the in-app news feed (support-jdbc). */
    FEED_ENTRIES,
    /** Messages of the outbox (notifications and desk calls). */
    OUTBOX_MESSAGES,
    /** Attachment rows. */
    ATTACHMENTS,
    /** Stored attachment content (files, or their rows in the database attachment store). */
    FILES,
    /** Links to support-desk issues (desk files and issues waiting for a resync). */
    DESK_LINKS
}

package org.entsupport.core.model;

/**
 * The orders a ticket list can take. Every order ends with the ticket id as a tiebreaker, so that
 * keyset paging never skips nor repeats a ticket.
 */
public enum TicketSort {
    /** Last change (the default, newest first). */
    MODIFIED,
    /** Filing date. */
    CREATED,
    /** Status code. */
    STATUS,
    /** Subject, by code point. */
    SUBJECT,
    /** Ticket number. */
    ID
}

package org.entsupport.core;

/** Which tickets of the visible ones a list shows, by who filed them. */
public enum Ownership {
    /** Every ticket the actor may see. */
    ALL,
    /** Only the tickets the actor filed. */
    MINE,
    /** Only the tickets others filed (for admins: the requests they handle). */
    OTHERS
}

package org.entsupport.core.model;

/** Where a comment or an attachment comes from. */
public enum Origin {
    /** Written or uploaded by a user of the host application. */
    LOCAL,
    /** Imported from the external support desk. */
    DESK
}

package org.entsupport.core.model;

/** Ascending or descending; the id tiebreaker follows the same direction. */
public enum SortDirection {
    /** Smallest first. */
    ASC,
    /** Largest (newest) first. */
    DESC
}

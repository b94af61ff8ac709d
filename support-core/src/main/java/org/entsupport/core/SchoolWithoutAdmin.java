package org.entsupport.core;

import java.time.Instant;
import java.util.Objects;

/**
 * A request was filed in a school that has no local administrator, so nobody was notified of it.
 *
 * @param school   the school's id
 * @param ticketId the request filed there
 * @param at       when it was filed
 */
public record SchoolWithoutAdmin(String school, long ticketId, Instant at) {

    /**
     * Checks the components.
     *
     * @param school the school's id
     * @param ticketId the request filed there
     * @param at when it was filed
     */
    public SchoolWithoutAdmin {
        Objects.requireNonNull(school, "school");
        Objects.requireNonNull(at, "at");
    }
}

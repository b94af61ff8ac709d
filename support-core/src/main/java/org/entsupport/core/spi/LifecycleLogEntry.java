package org.entsupport.core.spi;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.entsupport.core.DataKind;
import org.entsupport.core.LifecycleOperation;

/**
 * One row of the lifecycle log: who ran which data-protection operation, when, and how many rows it touched
 * per kind. It never holds what was erased (no user id of the person, no name, no content, no ticket id).
 *
 * @param operation the operation
 * @param actor     the user id of the administrator, or {@code "system"} for the housekeeping
 * @param at        when it ended
 * @param rows      how many rows of each kind it changed or removed
 */
public record LifecycleLogEntry(LifecycleOperation operation, String actor, Instant at, Map<DataKind, Integer> rows) {

    /**
     * Checks the values.
     *
     * @param operation the operation
     * @param actor     who ran it
     * @param at        when it ended
     * @param rows      how many rows of each kind
     */
    public LifecycleLogEntry {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(at, "at");
        rows = Map.copyOf(rows);
    }

    /**
     * How many rows in all.
     *
     * @return how many rows in all
     */
    public long total() {
        return rows.values().stream().mapToLong(Integer::longValue).sum();
    }
}

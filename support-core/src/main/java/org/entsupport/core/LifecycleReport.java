package org.entsupport.core;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one data-protection operation did: how many rows of each kind it changed or removed. It never says
 * which rows, nor what they held.
 *
 * @param operation the operation
 * @param rows      how many rows of each kind; kinds it did not touch are absent
 */
public record LifecycleReport(LifecycleOperation operation, Map<DataKind, Integer> rows) {

    /**
     * Creates a report.
     *
     * @param operation the operation
     * @param rows      how many rows of each kind; kinds with none may be absent
     */
    public LifecycleReport {
        Objects.requireNonNull(operation, "operation");
        EnumMap<DataKind, Integer> copy = new EnumMap<>(DataKind.class);
        rows.forEach((k, v) -> {
            if (v != 0) {
                copy.put(k, v);
            }
        });
        rows = Collections.unmodifiableMap(copy);
    }

    /**
     * How many rows of one kind.
     *
     * @param kind the kind
     * @return how many rows of that kind, 0 when none
     */
    public int count(DataKind kind) {
        return rows.getOrDefault(kind, 0);
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

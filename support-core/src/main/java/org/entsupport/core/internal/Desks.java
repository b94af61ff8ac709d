package org.entsupport.core.internal;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.entsupport.core.desk.SupportDesk;
import org.jspecify.annotations.Nullable;

/** The support desks the host registered, by name, and which one serves a school. */
public final class Desks {

    private final Map<String, SupportDesk> byName;
    private final Function<String, @Nullable String> forSchool;

    /**
     * @param desks         in the order the host registered them
     * @param deskForSchool the name of the desk serving a school; the first desk when {@code null}
     * @throws IllegalStateException when two desks share a name
     */
    public Desks(List<SupportDesk> desks, @Nullable Function<String, String> deskForSchool) {
        Map<String, SupportDesk> map = new LinkedHashMap<>();
        for (SupportDesk d : desks) {
            if (map.putIfAbsent(d.name(), d) != null) {
                throw new IllegalStateException("two support desks are named '" + d.name() + "'");
            }
        }
        this.byName = java.util.Collections.unmodifiableMap(map);
        String first = desks.isEmpty() ? null : desks.get(0).name();
        this.forSchool = deskForSchool != null ? deskForSchool::apply : school -> first;
    }

    /** The desk of that name, if registered. */
    public Optional<SupportDesk> named(@Nullable String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(byName.get(name));
    }

    /** The name of the desk that serves {@code school}, or {@code null} when none is said to. */
    public @Nullable String nameFor(String school) {
        return forSchool.apply(school);
    }

    /** Every desk, in the order registered. */
    public Collection<SupportDesk> all() {
        return byName.values();
    }

    /** The desks' names, in the order registered. */
    public Set<String> names() {
        return byName.keySet();
    }

    /** Whether no desk is registered. */
    public boolean isEmpty() {
        return byName.isEmpty();
    }
}

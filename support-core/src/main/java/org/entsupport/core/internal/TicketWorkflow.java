package org.entsupport.core.internal;

import static org.entsupport.core.internal.TransitionRole.ADMIN;
import static org.entsupport.core.internal.TransitionRole.AUTO;
import static org.entsupport.core.internal.TransitionRole.OWNER;
import static org.entsupport.core.model.TicketStatus.CLOSED;
import static org.entsupport.core.model.TicketStatus.NEW;
import static org.entsupport.core.model.TicketStatus.OPENED;
import static org.entsupport.core.model.TicketStatus.RESOLVED;
import static org.entsupport.core.model.TicketStatus.WAITING;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.entsupport.core.model.TicketStatus;

/**
 * The status workflow as one table: for each (from, to) pair, the roles that may drive it.
 * Every path that changes a status (explicit, bulk, comment, escalation, desk, auto-close) is
 * checked against this table before anything is written.
 *
 * <pre>
 * from \ to  | OPENED               | WAITING | RESOLVED     | CLOSED
 * NEW        | admin, auto          | admin   | admin, owner | admin
 * OPENED     | -                    | admin   | admin, owner | admin
 * WAITING    | admin, auto          | -       | admin, owner | admin
 * RESOLVED   | admin, auto (reopen) | -       | -            | admin, owner, auto (auto-close)
 * CLOSED     | admin, auto (reopen) | -       | -            | -
 * </pre>
 *
 * The support desk's statuses map onto a ticket as {@link TransitionRole#DESK}, which may make every
 * move an admin may make (the desk is the support team); a desk status the table does not allow from
 * the current status is not applied.
 */
public final class TicketWorkflow {

    private static final Map<TicketStatus, Map<TicketStatus, Set<TransitionRole>>> TABLE = table();

    private TicketWorkflow() {}

    /** The row of {@code from}: every status has one (the table is built for all of them). */
    private static Map<TicketStatus, Set<TransitionRole>> row(
            Map<TicketStatus, Map<TicketStatus, Set<TransitionRole>>> table, TicketStatus from) {
        return Objects.requireNonNull(table.get(from), "no row for " + from);
    }

    private static Map<TicketStatus, Map<TicketStatus, Set<TransitionRole>>> table() {
        Map<TicketStatus, Map<TicketStatus, Set<TransitionRole>>> t = new EnumMap<>(TicketStatus.class);
        for (TicketStatus s : TicketStatus.values()) {
            t.put(s, new EnumMap<>(TicketStatus.class));
        }
        row(t, NEW).put(OPENED, EnumSet.of(ADMIN, AUTO));
        row(t, NEW).put(WAITING, EnumSet.of(ADMIN));
        row(t, NEW).put(RESOLVED, EnumSet.of(ADMIN, OWNER));
        row(t, NEW).put(CLOSED, EnumSet.of(ADMIN));
        row(t, OPENED).put(WAITING, EnumSet.of(ADMIN));
        row(t, OPENED).put(RESOLVED, EnumSet.of(ADMIN, OWNER));
        row(t, OPENED).put(CLOSED, EnumSet.of(ADMIN));
        row(t, WAITING).put(OPENED, EnumSet.of(ADMIN, AUTO));
        row(t, WAITING).put(RESOLVED, EnumSet.of(ADMIN, OWNER));
        row(t, WAITING).put(CLOSED, EnumSet.of(ADMIN));
        row(t, RESOLVED).put(OPENED, EnumSet.of(ADMIN, AUTO));
        row(t, RESOLVED).put(CLOSED, EnumSet.of(ADMIN, OWNER, AUTO));
        row(t, CLOSED).put(OPENED, EnumSet.of(ADMIN, AUTO));
        for (Map<TicketStatus, Set<TransitionRole>> row : t.values()) {
            for (Set<TransitionRole> roles : row.values()) {
                if (roles.contains(ADMIN)) {
                    roles.add(TransitionRole.DESK);
                }
            }
        }
        Map<TicketStatus, Map<TicketStatus, Set<TransitionRole>>> frozen = new EnumMap<>(TicketStatus.class);
        t.forEach((from, row) -> {
            Map<TicketStatus, Set<TransitionRole>> r = new EnumMap<>(TicketStatus.class);
            row.forEach((to, roles) -> r.put(to, Collections.unmodifiableSet(roles)));
            frozen.put(from, Collections.unmodifiableMap(r));
        });
        return Collections.unmodifiableMap(frozen);
    }

    /**
     * The roles that may move a ticket from {@code from} to {@code to}; empty when the move is not allowed.
     *
     * @param from the ticket's current status
     * @param to the status asked for
     * @return the roles that may move a ticket from {@code from} to {@code to}; empty when the move is not allowed
     */
    public static Set<TransitionRole> rolesFor(TicketStatus from, TicketStatus to) {
        return row(TABLE, from).getOrDefault(to, Set.of());
    }

    /**
     * Whether {@code role} may move a ticket from {@code from} to {@code to}.
     *
     * @param from the ticket's current status
     * @param to the status asked for
     * @param role who moves it
     * @return whether {@code role} may move a ticket from {@code from} to {@code to}
     */
    public static boolean allows(TicketStatus from, TicketStatus to, TransitionRole role) {
        return rolesFor(from, to).contains(role);
    }

    /**
     * Whether any of {@code roles} may move a ticket from {@code from} to {@code to}.
     *
     * @param from the ticket's current status
     * @param to the status asked for
     * @param roles the roles of who moves it
     * @return whether any of {@code roles} may move a ticket from {@code from} to {@code to}
     */
    public static boolean allowsAny(TicketStatus from, TicketStatus to, Set<TransitionRole> roles) {
        for (TransitionRole r : roles) {
            if (allows(from, to, r)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The statuses that any of {@code roles} may move a ticket to from {@code from}.
     *
     * @param from the ticket's current status
     * @param roles the roles of who moves it
     * @return the statuses that any of {@code roles} may move a ticket to from {@code from}
     */
    public static Set<TicketStatus> targets(TicketStatus from, Set<TransitionRole> roles) {
        Set<TicketStatus> out = EnumSet.noneOf(TicketStatus.class);
        row(TABLE, from).forEach((to, allowed) -> {
            for (TransitionRole r : roles) {
                if (allowed.contains(r)) {
                    out.add(to);
                }
            }
        });
        return Collections.unmodifiableSet(out);
    }
}

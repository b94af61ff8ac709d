package org.entsupport.core.internal;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.entsupport.core.Actor;
import org.entsupport.core.Ownership;
import org.entsupport.core.model.EscalationStatus;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.spi.TicketScope;

/** The permission table of the library, as small pure functions over (actor, ticket). */
public final class Permissions {

    private Permissions() {}

    /** Owner, local admin of the ticket's school, platform admin. */
    public static boolean canRead(Actor actor, Ticket ticket) {
        return ticket.isOwnedBy(actor.userId()) || actor.administers(ticket.school());
    }

    /** The workflow roles the actor holds on this ticket. */
    public static Set<TransitionRole> roles(Actor actor, Ticket ticket) {
        Set<TransitionRole> roles = EnumSet.noneOf(TransitionRole.class);
        if (actor.administers(ticket.school())) {
            roles.add(TransitionRole.ADMIN);
        }
        if (ticket.isOwnedBy(actor.userId())) {
            roles.add(TransitionRole.OWNER);
        }
        return roles;
    }

    /** Admins always; the owner until the ticket is (being) escalated. */
    public static boolean canEditDescription(Actor actor, Ticket ticket) {
        if (actor.administers(ticket.school())) {
            return true;
        }
        return ticket.escalationStatus() != EscalationStatus.IN_PROGRESS
                && ticket.escalationStatus() != EscalationStatus.SUCCESSFUL;
    }

    /** An admin of the school who holds the escalation right there, or a platform admin. */
    public static boolean canEscalate(Actor actor, Ticket ticket) {
        return actor.platformAdmin()
                || (actor.adminSchools().contains(ticket.school())
                        && actor.escalationSchools().contains(ticket.school()));
    }

    /** Whether the actor may export: they administer at least one school. */
    public static boolean canExport(Actor actor) {
        return actor.platformAdmin() || !actor.adminSchools().isEmpty();
    }

    /**
     * The scopes an actor may list, narrowed by the query's schools and ownership.
     *
     * @param actor      who lists
     * @param schools    the schools the query asks for; empty for all
     * @param ownership  mine, others' or all
     * @param adminsOnly whether only the tickets of administered schools count (export)
     */
    public static List<TicketScope> scopes(Actor actor, Set<String> schools, Ownership ownership, boolean adminsOnly) {
        String me = actor.userId();
        Set<String> selected = schools.isEmpty() ? null : schools;
        List<TicketScope> scopes = new ArrayList<>();
        if (actor.platformAdmin()) {
            switch (ownership) {
                case ALL -> scopes.add(new TicketScope(selected, null, null));
                case MINE -> scopes.add(new TicketScope(selected, me, null));
                case OTHERS -> scopes.add(new TicketScope(selected, null, me));
            }
            return scopes;
        }
        Set<String> administered = new HashSet<>(actor.adminSchools());
        if (selected != null) {
            administered.retainAll(selected);
        }
        switch (ownership) {
            case ALL -> {
                if (!administered.isEmpty()) {
                    scopes.add(new TicketScope(administered, null, null));
                }
                if (!adminsOnly) {
                    scopes.add(new TicketScope(selected, me, null));
                }
            }
            case MINE ->
                scopes.add(adminsOnly ? new TicketScope(administered, me, null) : new TicketScope(selected, me, null));
            case OTHERS -> {
                if (!administered.isEmpty()) {
                    scopes.add(new TicketScope(administered, null, me));
                }
            }
        }
        scopes.removeIf(s -> s.schools() != null && s.schools().isEmpty());
        return scopes;
    }
}

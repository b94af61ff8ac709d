package org.entsupport.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The permission table of ARCHITECTURE §3, every operation against every kind of actor, on a ticket
 * filed by the owner in school s1 (escalation enabled there).
 */
class PermissionTableTest {

    /** What an operation did. */
    enum Outcome {
        /** Done (or, for lists, counts and exports: done and the ticket is included). */
        OK,
        /** Done, but the ticket is not in the result (lists, counts, exports). */
        HIDDEN,
        /** TicketNotFoundException: the ticket is not visible. */
        NOT_FOUND,
        /** AccessDeniedException: visible, but this operation is not for this actor. */
        DENIED,
        /** IllegalTransitionException: the workflow refuses this move for this actor. */
        ILLEGAL,
        /** ValidationException: the input is refused (for example a school not of the actor). */
        INVALID
    }

    enum Who {
        OWNER,
        LOCAL_ADMIN,
        OTHER_ADMIN,
        PLATFORM_ADMIN,
        OTHER_USER,
        ESCALATOR_ELSEWHERE
    }

    private static final Outcome O = Outcome.OK;
    private static final Outcome H = Outcome.HIDDEN;
    private static final Outcome N = Outcome.NOT_FOUND;
    private static final Outcome D = Outcome.DENIED;
    private static final Outcome X = Outcome.ILLEGAL;
    private static final Outcome V = Outcome.INVALID;

    /**
     * The expected table. Columns: owner, local admin of s1, local admin of s2, platform admin,
     * another user of s1, a user with the escalation right in s2.
     */
    private static final Map<String, Outcome[]> TABLE = Map.ofEntries(
            Map.entry("create in s1", row(O, O, V, O, O, O)),
            Map.entry("create in s9", row(V, V, V, O, V, V)),
            Map.entry("read", row(O, O, N, O, N, N)),
            Map.entry("timeline", row(O, O, N, O, N, N)),
            Map.entry("attachments", row(O, O, N, O, N, N)),
            Map.entry("allowed statuses", row(O, O, N, O, N, N)),
            Map.entry("comment", row(O, O, N, O, N, N)),
            Map.entry("edit subject", row(O, O, N, O, N, N)),
            Map.entry("edit category", row(O, O, N, O, N, N)),
            Map.entry("edit description", row(O, O, N, O, N, N)),
            Map.entry("edit description after escalation", row(D, O, N, O, N, N)),
            Map.entry("status NEW to RESOLVED", row(O, O, N, O, N, N)),
            Map.entry("status NEW to WAITING", row(X, O, N, O, N, N)),
            Map.entry("status NEW to CLOSED", row(X, O, N, O, N, N)),
            Map.entry("status RESOLVED to CLOSED", row(O, O, N, O, N, N)),
            Map.entry("status RESOLVED to OPENED", row(X, O, N, O, N, N)),
            Map.entry("escalate", row(D, O, N, O, N, N)),
            Map.entry("bulk status", row(O, O, N, O, N, N)),
            Map.entry("list", row(O, O, H, O, H, H)),
            Map.entry("list others'", row(H, O, H, O, H, H)),
            Map.entry("counts", row(O, O, H, O, H, H)),
            Map.entry("export", row(D, O, H, O, D, D)));

    private static Outcome[] row(Outcome... outcomes) {
        return outcomes;
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        TABLE.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            for (Who who : Who.values()) {
                cases.add(Arguments.of(e.getKey(), who, e.getValue()[who.ordinal()]));
            }
        });
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} by {1}: {2}")
    @MethodSource("cases")
    void operationByActorHasTheExpectedOutcome(String operation, Who who, Outcome expected) {
        Fixture f = new Fixture();
        Actor actor = switch (who) {
            case OWNER -> f.owner;
            case LOCAL_ADMIN -> f.localAdmin;
            case OTHER_ADMIN -> f.otherAdmin;
            case PLATFORM_ADMIN -> f.platformAdmin;
            case OTHER_USER -> f.otherUser;
            case ESCALATOR_ELSEWHERE -> f.escalatorElsewhere;
        };
        Ticket ticket = f.file("s1", "Le tableau blanc ne marche pas");
        BiFunction<Actor, Ticket, Outcome> op = operation(f, operation);
        Outcome actual;
        try {
            actual = op.apply(actor, ticket);
        } catch (TicketNotFoundException e) {
            assertThat(e.ticketId()).isEqualTo(ticket.id());
            assertThat(e).hasMessage("No such ticket: " + ticket.id());
            actual = Outcome.NOT_FOUND;
        } catch (AccessDeniedException e) {
            assertThat(e.actorId()).isEqualTo(actor.userId());
            actual = Outcome.DENIED;
        } catch (IllegalTransitionException e) {
            actual = Outcome.ILLEGAL;
        } catch (ValidationException e) {
            actual = Outcome.INVALID;
        }
        assertThat(actual).as("%s by %s", operation, who).isEqualTo(expected);
    }

    private static BiFunction<Actor, Ticket, Outcome> operation(Fixture f, String operation) {
        Support s = f.support;
        return switch (operation) {
            case "create in s1" -> (a, t) -> created(s, a, "s1");
            case "create in s9" -> (a, t) -> created(s, a, "s9");
            case "read" ->
                (a, t) -> {
                    assertThat(s.get(a, t.id()).id()).isEqualTo(t.id());
                    return O;
                };
            case "timeline" ->
                (a, t) -> {
                    assertThat(s.timeline(a, t.id())).isNotEmpty();
                    return O;
                };
            case "attachments" ->
                (a, t) -> {
                    assertThat(s.attachments(a, t.id())).isEmpty();
                    return O;
                };
            case "allowed statuses" ->
                (a, t) -> {
                    assertThat(s.allowedStatuses(a, t.id())).contains(TicketStatus.RESOLVED);
                    return O;
                };
            case "comment" ->
                (a, t) -> {
                    s.comment(a, t.id(), NewComment.of("Bonjour"));
                    return O;
                };
            case "edit subject" ->
                (a, t) -> edited(
                        s.update(a, t.id(), TicketChanges.basedOn(t.version()).subject("Nouveau sujet")),
                        "subject",
                        "Nouveau sujet");
            case "edit category" ->
                (a, t) -> edited(
                        s.update(a, t.id(), TicketChanges.basedOn(t.version()).category("/conversation")),
                        "category",
                        "/conversation");
            case "edit description" ->
                (a, t) -> edited(
                        s.update(a, t.id(), TicketChanges.basedOn(t.version()).description("Autre description")),
                        "description",
                        "Autre description");
            case "edit description after escalation" ->
                (a, t) -> {
                    Ticket escalated = s.escalate(f.platformAdmin, t.id());
                    return edited(
                            s.update(
                                    a,
                                    t.id(),
                                    TicketChanges.basedOn(escalated.version()).description("Autre description")),
                            "description",
                            "Autre description");
                };
            case "status NEW to RESOLVED" ->
                (a, t) -> moved(s.changeStatus(a, t.id(), TicketStatus.RESOLVED, t.version()), TicketStatus.RESOLVED);
            case "status NEW to WAITING" ->
                (a, t) -> moved(s.changeStatus(a, t.id(), TicketStatus.WAITING, t.version()), TicketStatus.WAITING);
            case "status NEW to CLOSED" ->
                (a, t) -> moved(s.changeStatus(a, t.id(), TicketStatus.CLOSED, t.version()), TicketStatus.CLOSED);
            case "status RESOLVED to CLOSED" ->
                (a, t) -> {
                    Ticket r = s.changeStatus(f.platformAdmin, t.id(), TicketStatus.RESOLVED, t.version());
                    return moved(s.changeStatus(a, t.id(), TicketStatus.CLOSED, r.version()), TicketStatus.CLOSED);
                };
            case "status RESOLVED to OPENED" ->
                (a, t) -> {
                    Ticket r = s.changeStatus(f.platformAdmin, t.id(), TicketStatus.RESOLVED, t.version());
                    return moved(s.changeStatus(a, t.id(), TicketStatus.OPENED, r.version()), TicketStatus.OPENED);
                };
            case "escalate" ->
                (a, t) -> {
                    assertThat(s.escalate(a, t.id()).escalationStatus())
                            .isEqualTo(org.entsupport.core.model.EscalationStatus.IN_PROGRESS);
                    return O;
                };
            case "bulk status" ->
                (a, t) -> {
                    BulkResult r = s.changeStatuses(a, List.of(t.id()), TicketStatus.RESOLVED);
                    BulkResult.Outcome o = r.outcomes().get(t.id());
                    return switch (o.kind()) {
                        case CHANGED -> {
                            assertThat(s.get(f.platformAdmin, t.id()).status()).isEqualTo(TicketStatus.RESOLVED);
                            yield O;
                        }
                        case NOT_FOUND -> {
                            assertThat(s.get(f.platformAdmin, t.id()).status()).isEqualTo(TicketStatus.NEW);
                            yield N;
                        }
                        default -> fail("unexpected bulk outcome " + o);
                    };
                };
            case "list" -> (a, t) -> includes(s.list(a, TicketQuery.all()).items(), t);
            case "list others'" ->
                (a, t) -> includes(
                        s.list(
                                        a,
                                        TicketQuery.builder()
                                                .ownership(Ownership.OTHERS)
                                                .build())
                                .items(),
                        t);
            case "counts" -> (a, t) -> s.countByStatus(a, TicketQuery.all()).get(TicketStatus.NEW) == 1 ? O : H;
            case "export" ->
                (a, t) -> {
                    StringWriter out = new StringWriter();
                    s.exportCsv(a, TicketQuery.all(), out);
                    String[] lines = out.toString().split("\r\n");
                    assertThat(lines[0]).startsWith("id,created,modified,status");
                    return Arrays.stream(lines).anyMatch(l -> l.startsWith(t.id() + ",")) ? O : H;
                };
            default -> throw new IllegalArgumentException(operation);
        };
    }

    private static Outcome created(Support s, Actor a, String school) {
        Ticket t = s.create(
                a,
                NewTicket.builder()
                        .school(school)
                        .category("/blog")
                        .subject("Nouvelle demande")
                        .description("Texte")
                        .build());
        assertThat(t.school()).isEqualTo(school);
        assertThat(t.owner()).isEqualTo(a.userId());
        return O;
    }

    private static Outcome edited(Ticket t, String field, String value) {
        String actual = switch (field) {
            case "subject" -> t.subject();
            case "category" -> t.category();
            default -> t.description();
        };
        assertThat(actual).isEqualTo(value);
        return O;
    }

    private static Outcome moved(Ticket t, TicketStatus status) {
        assertThat(t.status()).isEqualTo(status);
        return O;
    }

    private static Outcome includes(List<Ticket> tickets, Ticket t) {
        return tickets.stream().anyMatch(x -> x.id() == t.id()) ? O : H;
    }
}

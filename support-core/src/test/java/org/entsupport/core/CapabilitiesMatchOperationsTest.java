package org.entsupport.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.entsupport.core.model.EscalationStatus;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For every kind of actor, every status, every escalation status and both sides of the reopen window, what
 * {@link Support#capabilities} answers is what the operations then do: each operation is tried on a fresh
 * copy of the same ticket.
 */
class CapabilitiesMatchOperationsTest {

    enum Who {
        OWNER,
        LOCAL_ADMIN,
        LOCAL_ADMIN_WITHOUT_RIGHT,
        OTHER_ADMIN,
        PLATFORM_ADMIN,
        OTHER_USER
    }

    /** A ticket of the owner in s1 in the given state, on a fixture of its own. */
    record Situation(TicketStatus status, EscalationStatus escalation, boolean afterReopenWindow) {

        Fixture fixture() {
            return new Fixture();
        }

        /** Brings a new ticket of {@code f} to this situation. */
        Ticket prepare(Fixture f) {
            Ticket t = f.file("s1", "situation " + this);
            if (escalation != EscalationStatus.NOT_DONE) {
                if (escalation == EscalationStatus.FAILED) {
                    f.desk.refuse("project archived");
                }
                f.support.escalate(f.platformAdmin, t.id());
                for (int i = 0; i < 20; i++) {
                    f.support.relay().deliverAllDue();
                    f.clock.advance(Duration.ofMinutes(6));
                }
                f.desk.restore();
                t = f.support.get(f.platformAdmin, t.id());
                assertThat(t.escalationStatus()).isEqualTo(escalation);
            }
            if (t.status() != status) {
                t = f.support.changeStatus(f.platformAdmin, t.id(), status, t.version());
            }
            f.clock.advance(afterReopenWindow ? Duration.ofDays(31) : Duration.ofMinutes(1));
            return t;
        }
    }

    static Stream<Arguments> situations() {
        List<Arguments> all = new ArrayList<>();
        for (Who who : Who.values()) {
            for (TicketStatus status : TicketStatus.values()) {
                for (EscalationStatus esc :
                        List.of(EscalationStatus.NOT_DONE, EscalationStatus.FAILED, EscalationStatus.SUCCESSFUL)) {
                    if (status == TicketStatus.NEW && esc != EscalationStatus.NOT_DONE) {
                        continue; // escalating opens the ticket; nothing leads back to NEW
                    }
                    all.add(Arguments.of(who, new Situation(status, esc, false)));
                    if (status.isFinished()) {
                        all.add(Arguments.of(who, new Situation(status, esc, true)));
                    }
                }
            }
        }
        return all.stream();
    }

    private static Actor actor(Fixture f, Who who) {
        return switch (who) {
            case OWNER -> f.owner;
            case LOCAL_ADMIN -> f.localAdmin;
            case LOCAL_ADMIN_WITHOUT_RIGHT ->
                Actor.user("u-admin", "Adam Admin").adminOf("s1").build();
            case OTHER_ADMIN -> f.otherAdmin;
            case PLATFORM_ADMIN -> f.platformAdmin;
            case OTHER_USER -> f.otherUser;
        };
    }

    /** Whether {@code operation}, run by {@code who} on a fresh ticket in {@code s}, succeeds. */
    private static boolean succeeds(Who who, Situation s, Function<Ctx, Object> operation) {
        Fixture f = s.fixture();
        Ticket t = s.prepare(f);
        try {
            Object result = operation.apply(new Ctx(f, actor(f, who), t));
            return !(result instanceof Boolean b) || b;
        } catch (TicketNotFoundException
                | AccessDeniedException
                | IllegalTransitionException
                | EscalationNotAllowedException
                | ReopenWindowExpiredException e) {
            return false;
        }
    }

    record Ctx(Fixture f, Actor actor, Ticket t) {}

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("situations")
    void theAnswerIsWhatTheOperationsDo(Who who, Situation s) {
        Fixture f = s.fixture();
        Ticket t = s.prepare(f);
        Actor actor = actor(f, who);
        if (who == Who.OTHER_ADMIN || who == Who.OTHER_USER) {
            assertThatThrownBy(() -> f.support.capabilities(actor, t.id())).isInstanceOf(TicketNotFoundException.class);
            assertThat(f.support.capabilities(actor, List.of(t.id()))).isEmpty();
            assertThat(succeeds(who, s, c -> c.f.support.comment(c.actor, c.t.id(), NewComment.of("Bonjour"))))
                    .isFalse();
            return;
        }
        TicketCapabilities can = f.support.capabilities(actor, t.id());
        assertThat(can.ticketId()).isEqualTo(t.id());
        assertThat(can.version()).isEqualTo(t.version());
        assertThat(f.support.capabilities(actor, List.of(t.id()))).isEqualTo(Map.of(t.id(), can));

        assertThat(can.comment())
                .as("comment")
                .isEqualTo(succeeds(who, s, c -> c.f.support.comment(c.actor, c.t.id(), NewComment.of("Bonjour"))));
        Set<TicketStatus> moves = EnumSet.noneOf(TicketStatus.class);
        for (TicketStatus target : TicketStatus.values()) {
            if (target != s.status()
                    && succeeds(who, s, c -> c.f.support.changeStatus(c.actor, c.t.id(), target, c.t.version()))) {
                moves.add(target);
            }
        }
        assertThat(can.statuses()).as("statuses").isEqualTo(moves);
        assertThat(f.support.allowedStatuses(actor, t.id())).isEqualTo(moves);
        boolean escalates = succeeds(who, s, c -> c.f.support.escalate(c.actor, c.t.id()));
        assertThat(can.escalate()).as("escalate").isEqualTo(escalates);
        assertThat(can.retryEscalation()).as("retry").isEqualTo(escalates && s.escalation() == EscalationStatus.FAILED);
        assertThat(can.editFields())
                .as("edit fields")
                .isEqualTo(succeeds(
                        who,
                        s,
                        c -> c.f.support.update(
                                c.actor,
                                c.t.id(),
                                TicketChanges.basedOn(c.t.version())
                                        .subject("Nouveau sujet")
                                        .category("/wiki"))));
        assertThat(can.editDescription())
                .as("edit description")
                .isEqualTo(succeeds(
                        who,
                        s,
                        c -> c.f.support.update(
                                c.actor,
                                c.t.id(),
                                TicketChanges.basedOn(c.t.version()).description("Autre description"))));
        boolean bulk = false;
        for (TicketStatus target : TicketStatus.values()) {
            bulk |= succeeds(
                    who,
                    s,
                    c -> c.f.support
                                    .changeStatuses(c.actor, List.of(c.t.id()), target)
                                    .outcomes()
                                    .get(c.t.id())
                                    .kind()
                            == BulkResult.Kind.CHANGED);
        }
        bulk |= succeeds(
                who,
                s,
                c -> c.f.support
                                .escalate(c.actor, List.of(c.t.id()))
                                .outcomes()
                                .get(c.t.id())
                                .kind()
                        == BulkResult.Kind.CHANGED);
        assertThat(can.bulk()).as("bulk").isEqualTo(bulk);
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.EnumSource(Who.class)
    void aPageIsAnsweredPerVisibleTicketInTheOrderGiven(Who who) {
        Fixture f = new Fixture();
        Actor actor = actor(f, who);
        Ticket a = f.file("s1", "premier");
        Ticket b = f.file("s2", "second");
        Ticket resolved =
                f.support.changeStatus(f.platformAdmin, f.file("s1", "résolu").id(), TicketStatus.RESOLVED, 1);

        Map<Long, TicketCapabilities> page =
                f.support.capabilities(actor, List.of(resolved.id(), b.id(), 999_999L, a.id()));

        List<Long> visible = Stream.of(resolved, b, a)
                .filter(t -> {
                    try {
                        f.support.get(actor, t.id());
                        return true;
                    } catch (TicketNotFoundException e) {
                        return false;
                    }
                })
                .map(Ticket::id)
                .toList();
        assertThat(page.keySet()).containsExactlyElementsOf(visible);
        page.forEach((id, can) -> assertThat(can).isEqualTo(f.support.capabilities(actor, id)));
    }

    @org.junit.jupiter.api.Test
    void aPageOfNoTicketOrTooManyIsRefusedNamingTheField() {
        Fixture f = new Fixture();
        assertThatThrownBy(() -> f.support.capabilities(f.owner, List.of()))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations())
                                .extracting(Violation::field)
                                .containsExactly("ids"));
    }
}

package org.entsupport.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.entsupport.core.internal.TicketWorkflow;
import org.entsupport.core.internal.TransitionRole;
import org.entsupport.core.model.EventType;
import org.entsupport.core.model.HistoryEvent;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketStatus;
import org.entsupport.core.model.TimelineEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every (from, to, role) triple of the workflow table through the facade, and each automatic
 * transition, with a hand-driven clock.
 */
class WorkflowTransitionTest {

    /**
     * The table of ARCHITECTURE §2, written out independently of {@link TicketWorkflow}:
     * "FROM>TO" for each move the role may make.
     */
    private static final Set<String> ADMIN = Set.of(
            "NEW>OPENED",
            "NEW>WAITING",
            "NEW>RESOLVED",
            "NEW>CLOSED",
            "OPENED>WAITING",
            "OPENED>RESOLVED",
            "OPENED>CLOSED",
            "WAITING>OPENED",
            "WAITING>RESOLVED",
            "WAITING>CLOSED",
            "RESOLVED>OPENED",
            "RESOLVED>CLOSED",
            "CLOSED>OPENED");

    private static final Set<String> OWNER =
            Set.of("NEW>RESOLVED", "OPENED>RESOLVED", "WAITING>RESOLVED", "RESOLVED>CLOSED");
    private static final Set<String> AUTO =
            Set.of("NEW>OPENED", "WAITING>OPENED", "RESOLVED>OPENED", "CLOSED>OPENED", "RESOLVED>CLOSED");

    enum Role {
        ADMIN,
        OWNER,
        OWNER_AND_ADMIN
    }

    static Stream<Arguments> triples() {
        List<Arguments> out = new ArrayList<>();
        for (TicketStatus from : TicketStatus.values()) {
            for (TicketStatus to : TicketStatus.values()) {
                if (from != to) {
                    for (Role role : Role.values()) {
                        out.add(Arguments.of(from, to, role));
                    }
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{2}: {0} -> {1}")
    @MethodSource("triples")
    void explicitChangeFollowsTheTable(TicketStatus from, TicketStatus to, Role role) {
        Fixture f = new Fixture();
        Ticket t = f.ticketIn(from);
        Actor actor = switch (role) {
            case ADMIN -> f.localAdmin;
            case OWNER -> f.owner;
            case OWNER_AND_ADMIN ->
                Actor.user(f.owner.userId(), "Owner and admin").adminOf("s1").build();
        };
        String move = from + ">" + to;
        boolean allowed = switch (role) {
            case ADMIN -> ADMIN.contains(move);
            case OWNER -> OWNER.contains(move);
            case OWNER_AND_ADMIN -> ADMIN.contains(move) || OWNER.contains(move);
        };
        int eventsBefore = events(f, t).size();
        if (allowed) {
            Ticket changed = f.support.changeStatus(actor, t.id(), to, t.version());
            assertThat(changed.status()).isEqualTo(to);
            assertThat(changed.version()).isEqualTo(t.version() + 1);
            assertThat(changed.statusChanged()).isEqualTo(f.clock.instant());
            HistoryEvent last = events(f, t).get(eventsBefore);
            assertThat(last.type()).isEqualTo(EventType.STATUS_CHANGED);
            assertThat(last.parameters())
                    .containsEntry("from", from.name())
                    .containsEntry("to", to.name())
                    .containsEntry("cause", "explicit");
            assertThat(last.actor()).isEqualTo(actor.userId());
        } else {
            assertThatThrownBy(() -> f.support.changeStatus(actor, t.id(), to, t.version()))
                    .isInstanceOfSatisfying(IllegalTransitionException.class, e -> {
                        assertThat(e.ticketId()).isEqualTo(t.id());
                        assertThat(e.from()).isEqualTo(from);
                        assertThat(e.to()).isEqualTo(to);
                    })
                    .hasMessageContaining("Ticket " + t.id())
                    .hasMessageContaining(from.name())
                    .hasMessageContaining(to.name())
                    .hasMessageContaining("allowed from " + from);
            Ticket after = f.support.get(f.platformAdmin, t.id());
            assertThat(after).isEqualTo(t);
            assertThat(events(f, t)).hasSize(eventsBefore);
        }
    }

    @Test
    void theTableInCodeIsTheTableOfTheArchitecture() {
        for (TicketStatus from : TicketStatus.values()) {
            for (TicketStatus to : TicketStatus.values()) {
                String move = from + ">" + to;
                assertThat(TicketWorkflow.allows(from, to, TransitionRole.ADMIN))
                        .as(move)
                        .isEqualTo(ADMIN.contains(move));
                assertThat(TicketWorkflow.allows(from, to, TransitionRole.OWNER))
                        .as(move)
                        .isEqualTo(OWNER.contains(move));
                assertThat(TicketWorkflow.allows(from, to, TransitionRole.AUTO))
                        .as(move)
                        .isEqualTo(AUTO.contains(move));
                assertThat(TicketWorkflow.allows(from, to, TransitionRole.DESK))
                        .as(move)
                        .isEqualTo(ADMIN.contains(move));
            }
        }
    }

    @Test
    void illegalTransitionTellsWhatIsAllowedInBothLanguages() {
        Fixture f = new Fixture();
        Ticket t = f.ticketIn(TicketStatus.OPENED);
        assertThatThrownBy(() -> f.support.changeStatus(f.owner, t.id(), TicketStatus.WAITING, t.version()))
                .isInstanceOfSatisfying(IllegalTransitionException.class, e -> {
                    assertThat(e.allowed()).containsExactly(TicketStatus.RESOLVED);
                    assertThat(e.getMessage())
                            .isEqualTo(
                                    "Ticket " + t.id()
                                            + " cannot go from OPENED to WAITING; allowed from OPENED for this user: [RESOLVED]");
                    assertThat(e.userMessage(java.util.Locale.FRENCH))
                            .isEqualTo("La demande n°" + t.id()
                                    + " ne peut pas passer de « En cours » à « En attente du demandeur ».");
                    assertThat(e.userMessage(java.util.Locale.ENGLISH))
                            .isEqualTo("Request #" + t.id()
                                    + " cannot go from “In progress” to “Waiting for the requester”.");
                });
    }

    @Test
    void changingToTheCurrentStatusChangesNothing() {
        Fixture f = new Fixture();
        Ticket t = f.ticketIn(TicketStatus.OPENED);
        assertThat(f.support.changeStatus(f.localAdmin, t.id(), TicketStatus.OPENED, t.version()))
                .isEqualTo(t);
    }

    // ------------------------------------------------------------ automatic transitions

    @Test
    void commentByAnyoneButTheOwnerOpensANewTicket() {
        Fixture f = new Fixture();
        Ticket t = f.ticketIn(TicketStatus.NEW);
        f.support.comment(f.owner, t.id(), NewComment.of("Une précision"));
        assertThat(f.support.get(f.owner, t.id()).status()).isEqualTo(TicketStatus.NEW);

        f.support.comment(f.localAdmin, t.id(), NewComment.of("Je regarde"));
        Ticket after = f.support.get(f.owner, t.id());
        assertThat(after.status()).isEqualTo(TicketStatus.OPENED);
        assertThat(after.commentCount()).isEqualTo(2);
        assertThat(lastStatusEvent(f, t).parameters())
                .containsEntry("cause", "comment")
                .containsEntry("from", "NEW")
                .containsEntry("to", "OPENED");
        assertThat(lastStatusEvent(f, t).actor()).isEqualTo(f.localAdmin.userId());
    }

    @Test
    void ownersReplyOpensAWaitingTicketButAnAdminsDoesNot() {
        Fixture f = new Fixture();
        Ticket t = f.ticketIn(TicketStatus.WAITING);
        f.support.comment(f.localAdmin, t.id(), NewComment.of("Toujours en attente ?"));
        assertThat(f.support.get(f.owner, t.id()).status()).isEqualTo(TicketStatus.WAITING);

        f.support.comment(f.owner, t.id(), NewComment.of("Voici la réponse"));
        assertThat(f.support.get(f.owner, t.id()).status()).isEqualTo(TicketStatus.OPENED);
        assertThat(lastStatusEvent(f, t).parameters())
                .containsEntry("from", "WAITING")
                .containsEntry("cause", "comment");
    }

    @ParameterizedTest
    @EnumSource(
            value = TicketStatus.class,
            names = {"RESOLVED", "CLOSED"})
    void commentWithinTheReopenWindowReopens(TicketStatus finished) {
        Fixture f = new Fixture();
        Ticket t = f.ticketIn(finished);
        f.clock.advance(Duration.ofDays(30));
        f.support.comment(f.owner, t.id(), NewComment.of("Le problème est revenu"));
        Ticket after = f.support.get(f.owner, t.id());
        assertThat(after.status()).isEqualTo(TicketStatus.OPENED);
        assertThat(lastStatusEvent(f, t).parameters())
                .containsEntry("from", finished.name())
                .containsEntry("cause", "reopen");
    }

    @ParameterizedTest
    @EnumSource(
            value = TicketStatus.class,
            names = {"RESOLVED", "CLOSED"})
    void commentAfterTheReopenWindowIsRefusedAndChangesNothing(TicketStatus finished) {
        Fixture f = new Fixture();
        Ticket t = f.ticketIn(finished);
        List<TimelineEntry> before = f.support.timeline(f.owner, t.id());
        f.clock.advance(Duration.ofDays(30).plusSeconds(1));

        assertThatThrownBy(() -> f.support.comment(f.localAdmin, t.id(), NewComment.of("Trop tard")))
                .isInstanceOfSatisfying(ReopenWindowExpiredException.class, e -> {
                    assertThat(e.ticketId()).isEqualTo(t.id());
                    assertThat(e.status()).isEqualTo(finished);
                    assertThat(e.userMessage(java.util.Locale.FRENCH)).contains("déposer une nouvelle demande");
                    assertThat(e.userMessage(java.util.Locale.ENGLISH)).contains("file a new request");
                })
                .hasMessageContaining("file a new request");
        assertThat(f.support.get(f.owner, t.id())).isEqualTo(t);
        assertThat(f.support.timeline(f.owner, t.id())).isEqualTo(before);
    }

    @Test
    void resolvedTicketsCloseThemselvesAfterTheDelayOnly() {
        Fixture f = new Fixture();
        Ticket old = f.ticketIn(TicketStatus.RESOLVED);
        f.clock.advance(Duration.ofDays(3));
        Ticket recent = f.ticketIn(TicketStatus.RESOLVED);
        Ticket opened = f.ticketIn(TicketStatus.OPENED);
        f.clock.advance(Duration.ofDays(4));

        assertThat(f.support.closeResolvedTickets()).isEqualTo(1);
        assertThat(f.support.get(f.owner, old.id()).status()).isEqualTo(TicketStatus.CLOSED);
        assertThat(f.support.get(f.owner, recent.id()).status()).isEqualTo(TicketStatus.RESOLVED);
        assertThat(f.support.get(f.owner, opened.id()).status()).isEqualTo(TicketStatus.OPENED);
        HistoryEvent e = lastStatusEvent(f, old);
        assertThat(e.actor()).isNull();
        assertThat(e.parameters())
                .containsEntry("cause", "auto-close")
                .containsEntry("from", "RESOLVED")
                .containsEntry("to", "CLOSED");

        assertThat(f.support.closeResolvedTickets()).isZero();
        f.clock.advance(Duration.ofDays(3));
        assertThat(f.support.closeResolvedTickets()).isEqualTo(1);
        assertThat(f.support.get(f.owner, recent.id()).status()).isEqualTo(TicketStatus.CLOSED);
    }

    @Test
    void autoCloseHonoursTheBatchSize() {
        Fixture f = new Fixture(SupportSettings.builder().autoCloseBatchSize(2).build());
        for (int i = 0; i < 5; i++) {
            f.ticketIn(TicketStatus.RESOLVED);
        }
        f.clock.advance(Duration.ofDays(8));
        assertThat(f.support.closeResolvedTickets()).isEqualTo(2);
        assertThat(f.support.closeResolvedTickets()).isEqualTo(2);
        assertThat(f.support.closeResolvedTickets()).isEqualTo(1);
        assertThat(f.support.closeResolvedTickets()).isZero();
    }

    @ParameterizedTest
    @EnumSource(
            value = TicketStatus.class,
            names = {"NEW", "WAITING"})
    void escalationOpensTheTicket(TicketStatus from) {
        Fixture f = new Fixture();
        Ticket t = f.ticketIn(from);
        Ticket escalated = f.support.escalate(f.localAdmin, t.id());
        assertThat(escalated.status()).isEqualTo(TicketStatus.OPENED);
        assertThat(lastStatusEvent(f, t).parameters()).containsEntry("cause", "escalation");
    }

    private static List<HistoryEvent> events(Fixture f, Ticket t) {
        return f.support.timeline(f.platformAdmin, t.id()).stream()
                .filter(e -> e instanceof TimelineEntry.EventEntry)
                .map(e -> ((TimelineEntry.EventEntry) e).event())
                .toList();
    }

    private static HistoryEvent lastStatusEvent(Fixture f, Ticket t) {
        List<HistoryEvent> statusEvents = events(f, t).stream()
                .filter(e -> e.type() == EventType.STATUS_CHANGED)
                .toList();
        return statusEvents.get(statusEvents.size() - 1);
    }
}

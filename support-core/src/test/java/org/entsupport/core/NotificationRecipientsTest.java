package org.entsupport.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.entsupport.core.internal.Notifications;
import org.entsupport.core.memory.InMemoryTicketStore;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketStatus;
import org.entsupport.core.spi.Directory;
import org.entsupport.notify.Notification;
import org.entsupport.notify.NotificationMessages;
import org.entsupport.notify.NotificationType;
import org.entsupport.notify.Recipient;
import org.entsupport.notify.RenderedMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each notification type reaches exactly the people of ARCHITECTURE §4, never the actor, with texts
 * rendered in each recipient's language.
 */
class NotificationRecipientsTest {

    /** s1 has two local admins: Adam (French) and Ada (English). */
    private static final Directory DIRECTORY = new Directory() {
        @Override
        public Set<String> localAdmins(String school) {
            return "s1".equals(school) ? Set.of("u-admin", "u-ada") : Set.of();
        }

        @Override
        public Optional<String> displayName(String userId) {
            return Optional.of(Map.of(
                            "u-admin",
                            "Adam Admin",
                            "u-ada",
                            "Ada Lovelace",
                            "u-owner",
                            "Olivia Owner",
                            "u-root",
                            "Paul Plateforme")
                    .getOrDefault(userId, userId));
        }

        @Override
        public Locale locale(String userId) {
            return "u-ada".equals(userId) ? Locale.ENGLISH : Locale.FRENCH;
        }

        @Override
        public Optional<String> email(String userId) {
            return Optional.of(userId + "@ent.example");
        }

        @Override
        public Optional<String> schoolName(String school) {
            return Optional.of("Collège " + school);
        }
    };

    private static final class World {
        final MutableClock clock = new MutableClock(Fixture.START);
        final RecordingNotifier notifier = new RecordingNotifier("recorder");
        final Support support = Support.builder()
                .store(new InMemoryTicketStore())
                .clock(clock)
                .directory(DIRECTORY)
                .notifier(notifier)
                .linkTemplate("https://ent.example/support#/ticket/{id}")
                .escalationEnabled("s1"::equals)
                .build();
        final Actor owner = Actor.user("u-owner", "Olivia Owner").memberOf("s1").build();
        final Actor admin = Actor.user("u-admin", "Adam Admin")
                .adminOf("s1")
                .mayEscalateIn("s1")
                .build();
        final Actor root =
                Actor.user("u-root", "Paul Plateforme").platformAdmin().build();

        Ticket file() {
            return support.create(
                    owner,
                    NewTicket.builder()
                            .school("s1")
                            .category("/blog")
                            .subject("Écran noir")
                            .description("Rien ne s'affiche")
                            .build());
        }

        List<Notification> deliver() {
            notifier.received.clear();
            support.relay().deliverAllDue();
            return List.copyOf(notifier.received);
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(
                        "filed by the owner",
                        NotificationType.TICKET_CREATED,
                        (Consumer<World>) w -> w.file(),
                        Set.of("u-admin", "u-ada")),
                Arguments.of(
                        "filed by an admin of the school",
                        NotificationType.TICKET_CREATED,
                        (Consumer<World>) w -> w.support.create(
                                w.admin,
                                NewTicket.builder()
                                        .school("s1")
                                        .category("/blog")
                                        .subject("Pour moi")
                                        .description("d")
                                        .build()),
                        Set.of("u-ada")),
                Arguments.of(
                        "fields edited by the owner",
                        NotificationType.TICKET_UPDATED,
                        (Consumer<World>) w -> {
                            Ticket t = w.file();
                            w.deliver();
                            w.support.update(
                                    w.owner,
                                    t.id(),
                                    TicketChanges.basedOn(t.version()).subject("Autre"));
                        },
                        Set.of("u-admin", "u-ada")),
                Arguments.of(
                        "status changed by an admin",
                        NotificationType.TICKET_UPDATED,
                        (Consumer<World>) w -> {
                            Ticket t = w.file();
                            w.deliver();
                            w.support.changeStatus(w.admin, t.id(), TicketStatus.WAITING, t.version());
                        },
                        Set.of("u-owner", "u-ada")),
                Arguments.of(
                        "status changed by the platform admin",
                        NotificationType.TICKET_UPDATED,
                        (Consumer<World>) w -> {
                            Ticket t = w.file();
                            w.deliver();
                            w.support.changeStatus(w.root, t.id(), TicketStatus.CLOSED, t.version());
                        },
                        Set.of("u-owner", "u-admin", "u-ada")),
                Arguments.of(
                        "bulk change by an admin",
                        NotificationType.TICKET_UPDATED,
                        (Consumer<World>) w -> {
                            Ticket t = w.file();
                            w.deliver();
                            w.support.changeStatuses(w.admin, List.of(t.id()), TicketStatus.RESOLVED);
                        },
                        Set.of("u-owner", "u-ada")),
                Arguments.of(
                        "comment by an admin",
                        NotificationType.TICKET_COMMENTED,
                        (Consumer<World>) w -> {
                            Ticket t = w.file();
                            w.deliver();
                            w.support.comment(w.admin, t.id(), NewComment.of("Je regarde"));
                        },
                        Set.of("u-owner", "u-ada")),
                Arguments.of(
                        "comment by the owner",
                        NotificationType.TICKET_COMMENTED,
                        (Consumer<World>) w -> {
                            Ticket t = w.file();
                            w.deliver();
                            w.support.comment(w.owner, t.id(), NewComment.of("Une précision"));
                        },
                        Set.of("u-admin", "u-ada")),
                Arguments.of(
                        "auto-close",
                        NotificationType.TICKET_AUTO_CLOSED,
                        (Consumer<World>) w -> {
                            Ticket t = w.file();
                            w.support.changeStatus(w.owner, t.id(), TicketStatus.RESOLVED, t.version());
                            w.deliver();
                            w.clock.advance(Duration.ofDays(8));
                            w.support.closeResolvedTickets();
                        },
                        Set.of("u-owner")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reachesExactlyTheRightPeopleInTheirLanguage(
            String when, NotificationType type, Consumer<World> action, Set<String> expected) {
        World w = new World();
        action.accept(w);
        List<Notification> delivered = w.deliver();

        assertThat(delivered).as(when).singleElement().satisfies(n -> {
            assertThat(n.type()).isEqualTo(type);
            assertThat(n.recipients()).extracting(Recipient::userId).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(n.link()).isEqualTo("https://ent.example/support#/ticket/" + n.ticketId());
            assertThat(n.schoolName()).contains("Collège s1");
            for (Recipient r : n.recipients()) {
                assertThat(r.email()).contains(r.userId() + "@ent.example");
                RenderedMessage m = NotificationMessages.render(n, r.locale());
                assertThat(m.subject()).isNotBlank();
                assertThat(m.htmlBody()).contains(n.link());
                if ("u-ada".equals(r.userId())) {
                    assertThat(r.locale()).isEqualTo(Locale.ENGLISH);
                    assertThat(m.subject()).contains("#" + n.ticketId());
                } else {
                    assertThat(r.locale()).isEqualTo(Locale.FRENCH);
                    assertThat(m.subject()).contains("n°" + n.ticketId());
                }
            }
        });
    }

    /** The types the desk flow raises: their audience, computed by the same planner. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("deskTypes")
    void deskTypesReachTheirAudience(NotificationType type, Set<String> expected) {
        Notifications planner = new Notifications(List.of(), DIRECTORY, null);
        Ticket t = new World().file();
        assertThat(planner.audience(type, t, "u-admin")).containsExactlyInAnyOrderElementsOf(expected);
    }

    static Stream<Arguments> deskTypes() {
        return Stream.of(
                Arguments.of(NotificationType.TICKET_ESCALATED, Set.of("u-owner", "u-admin", "u-ada")),
                Arguments.of(NotificationType.ESCALATION_FAILED, Set.of("u-admin")),
                Arguments.of(NotificationType.DESK_REPLIED, Set.of("u-owner", "u-admin", "u-ada")),
                Arguments.of(NotificationType.DESK_STATUS_CHANGED, Set.of("u-owner", "u-admin", "u-ada")));
    }
}

package org.entsupport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.entsupport.core.Actor;
import org.entsupport.core.NewTicket;
import org.entsupport.core.Support;
import org.entsupport.core.memory.InMemorySupportDesk;
import org.entsupport.core.model.EscalationStatus;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.spi.Directory;
import org.entsupport.notify.Notification;
import org.entsupport.notify.Notifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on one database that do not register the same notifiers and desks (a rolling deploy, a node
 * without the e-mail notifier): each claims only the messages of its own channels, so nothing is marked
 * dead for want of a handler and an escalation to a desk only the second node has ends properly.
 */
class H2MixedNodesTest {

    private final Actor owner =
            Actor.user("u-owner", "Olivia Owner").memberOf("s1").build();
    private final Actor admin = Actor.user("u-admin", "Adam Admin")
            .adminOf("s1")
            .mayEscalateIn("s1")
            .build();
    private final Actor root =
            Actor.user("u-root", "Paul Plateforme").platformAdmin().build();

    private TestDatabase db;
    private Support partial;
    private Support complete;
    private final Recorder feedOnPartial = new Recorder("feed");
    private final Recorder feedOnComplete = new Recorder("feed");
    private final Recorder mailOnComplete = new Recorder("email");

    @BeforeEach
    void setUp() {
        db = TestDatabase.h2();
        Directory directory = new Directory() {
            @Override
            public Set<String> localAdmins(String school) {
                return Set.of("u-admin");
            }

            @Override
            public Locale locale(String userId) {
                return Locale.FRENCH;
            }
        };
        // node 1: the feed only, no desk
        partial = Support.builder()
                .store(db.jdbc.store())
                .directory(directory)
                .notifier(feedOnPartial)
                .linkTemplate("https://ent.example/support#/ticket/{id}")
                .escalationEnabled(s -> true)
                .build();
        // node 2: the feed, the e-mail, and the desk
        complete = Support.builder()
                .store(db.jdbc.store())
                .directory(directory)
                .notifier(feedOnComplete)
                .notifier(mailOnComplete)
                .desk(new InMemorySupportDesk("memory", Clock.systemUTC(), InMemorySupportDesk.DEFAULT_STATUS_MAPPING))
                .linkTemplate("https://ent.example/support#/ticket/{id}")
                .escalationEnabled(s -> true)
                .build();
    }

    @AfterEach
    void tearDown() {
        partial.close();
        complete.close();
        db.close();
    }

    private Ticket file(Support node, String subject) {
        return node.create(
                owner,
                NewTicket.builder()
                        .school("s1")
                        .category("/blog")
                        .subject(subject)
                        .description("Description de " + subject)
                        .build());
    }

    @Test
    void aNodeLeavesTheChannelsItLacksToTheNodeThatHasThem() {
        // filed on the complete node (its notifications go to the feed and the e-mail), relayed first by the other
        Ticket t = file(complete, "Le blog ne s'affiche plus");

        partial.relay().deliverAllDue();

        // the partial node delivered its own channel and left the e-mail alone: nothing is dead
        assertThat(feedOnPartial.received).isNotEmpty();
        assertThat(partial.relay().deadMessages(10)).isEmpty();
        assertThat(db.jdbc.store().outbox().pendingCount()).isPositive();
        assertThat(mailOnComplete.received).isEmpty();

        complete.relay().deliverAllDue();

        assertThat(mailOnComplete.received).extracting(Notification::ticketId).containsOnly(t.id());
        assertThat(db.jdbc.store().outbox().pendingCount()).isZero();
        assertThat(complete.relay().deadMessages(10)).isEmpty();
        // each message was delivered once, by one node
        assertThat(feedOnComplete.received).isEmpty();
    }

    @Test
    void anEscalationToADeskOnlyTheOtherNodeHasEndsProperly() {
        Ticket t = file(complete, "Le cahier de textes est vide");
        complete.escalate(admin, t.id());

        // the partial node polls first, as it would on a busy cluster
        partial.relay().deliverAllDue();
        assertThat(partial.relay().deadMessages(10)).isEmpty();
        assertThat(partial.get(root, t.id()).escalationStatus()).isEqualTo(EscalationStatus.IN_PROGRESS);

        complete.relay().deliverAllDue();

        Ticket after = complete.get(root, t.id());
        assertThat(after.escalationStatus()).isEqualTo(EscalationStatus.SUCCESSFUL);
        assertThat(after.escalation()).isNotNull();
        assertThat(after.escalation().externalId()).isNotBlank();
        assertThat(db.jdbc.store().outbox().pendingCount()).isZero();
        assertThat(complete.relay().deadMessages(10)).isEmpty();
    }

    /** A notifier that records what it delivers. */
    private static final class Recorder implements Notifier {
        private final String name;
        final List<Notification> received = new CopyOnWriteArrayList<>();

        Recorder(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void deliver(Notification notification) {
            received.add(notification);
        }
    }
}

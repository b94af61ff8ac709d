package org.entsupport.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.entsupport.core.attachment.InMemoryAttachmentStore;
import org.entsupport.core.attachment.NewFile;
import org.entsupport.core.memory.InMemorySupportDesk;
import org.entsupport.core.memory.InMemoryTicketStore;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketStatus;
import org.entsupport.notify.NotificationType;
import org.junit.jupiter.api.Test;

/**
 * Every write that leaves a notification in the outbox wakes the background relay once it is committed: with
 * a poll interval of an hour, the notification still arrives within seconds. Without the wake-up it would
 * wait for the next poll, and each of these tests would time out.
 */
class AfterCommitWakeUpTest {

    private final InMemoryTicketStore store = new InMemoryTicketStore();
    private final Actor owner = Actor.user("u-owner", "Olivia").memberOf("s1").build();
    private final Actor admin = Actor.user("u-admin", "Adam").adminOf("s1").build();
    private final RecordingNotifier notifier = new RecordingNotifier("feed");

    private void withStartedSupport(Consumer<Support> scenario) {
        Support s = Support.builder()
                .store(store)
                .directory(x -> Set.of("u-admin"))
                .linkTemplate("https://ent.example/t/{id}")
                .notifier(notifier)
                .attachmentStore(new InMemoryAttachmentStore())
                .relay(b -> b.pollInterval(Duration.ofHours(1)))
                .build();
        s.start();
        try {
            scenario.accept(s);
        } finally {
            s.close();
        }
    }

    private Ticket file(Support s) {
        Ticket t = s.create(
                owner,
                NewTicket.builder()
                        .school("s1")
                        .category("/blog")
                        .subject("Le blog ne s'affiche plus")
                        .description("Page blanche depuis ce matin.")
                        .build());
        awaitNotifications(1);
        return t;
    }

    private void awaitNotifications(int count) {
        awaitUntil(() -> notifier.received.size() >= count);
        assertThat(notifier.received).hasSize(count);
    }

    /** Waits up to 10 s, polling every 5 ms, for {@code done}; the caller asserts what it waited for. */
    private static void awaitUntil(java.util.function.BooleanSupplier done) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void aCommentWakesTheRelay() {
        withStartedSupport(s -> {
            Ticket t = file(s);
            s.comment(admin, t.id(), NewComment.of("Pouvez-vous vider le cache ?"));
            awaitNotifications(2);
            assertThat(notifier.received.get(1).type()).isEqualTo(NotificationType.TICKET_COMMENTED);
        });
    }

    @Test
    void aStatusChangeWakesTheRelay() {
        withStartedSupport(s -> {
            Ticket t = file(s);
            s.changeStatus(admin, t.id(), TicketStatus.OPENED, t.version());
            awaitNotifications(2);
            assertThat(notifier.received.get(1).type()).isEqualTo(NotificationType.TICKET_UPDATED);
        });
    }

    @Test
    void aBulkStatusChangeWakesTheRelay() {
        withStartedSupport(s -> {
            Ticket t = file(s);
            BulkResult result = s.changeStatuses(admin, List.of(t.id()), TicketStatus.OPENED);
            assertThat(result.changedCount()).isEqualTo(1);
            awaitNotifications(2);
            assertThat(notifier.received.get(1).type()).isEqualTo(NotificationType.TICKET_UPDATED);
        });
    }

    @Test
    void anEditWakesTheRelay() {
        withStartedSupport(s -> {
            Ticket t = file(s);
            s.update(owner, t.id(), TicketChanges.basedOn(t.version()).subject("Le blog reste blanc"));
            awaitNotifications(2);
            assertThat(notifier.received.get(1).type()).isEqualTo(NotificationType.TICKET_UPDATED);
        });
    }

    @Test
    void anAttachmentWakesTheRelay() {
        withStartedSupport(s -> {
            Ticket t = file(s);
            s.attach(admin, t.id(), List.of(NewFile.of("capture.pdf", Samples.pdf())));
            awaitNotifications(2);
            assertThat(notifier.received.get(1).type()).isEqualTo(NotificationType.TICKET_COMMENTED);
        });
    }

    @Test
    void anEscalationWakesTheRelayAndReachesTheDesk() {
        InMemorySupportDesk desk = new InMemorySupportDesk();
        Actor escalating =
                Actor.user("u-admin", "Adam").adminOf("s1").mayEscalateIn("s1").build();
        Support s = Support.builder()
                .store(store)
                .directory(x -> Set.of("u-admin"))
                .linkTemplate("https://ent.example/t/{id}")
                .desk(desk)
                .escalationEnabled(school -> true)
                .relay(b -> b.pollInterval(Duration.ofHours(1)))
                .build();
        s.start();
        try {
            Ticket t = s.create(
                    owner,
                    NewTicket.builder()
                            .school("s1")
                            .category("/blog")
                            .subject("Le blog ne s'affiche plus")
                            .description("Page blanche depuis ce matin.")
                            .build());
            s.escalate(escalating, t.id());
            awaitUntil(() -> !desk.issues().isEmpty());
            assertThat(desk.issues()).hasSize(1);
        } finally {
            s.close();
        }
    }

    @Test
    void aDeskReplyImportedByAPollAPushOrATicketSyncWakesTheRelay() {
        InMemorySupportDesk desk = new InMemorySupportDesk();
        Actor escalating =
                Actor.user("u-admin", "Adam").adminOf("s1").mayEscalateIn("s1").build();
        Actor root = Actor.user("u-root", "Paul").platformAdmin().build();
        Support s = Support.builder()
                .store(store)
                .directory(x -> Set.of("u-admin"))
                .linkTemplate("https://ent.example/t/{id}")
                .notifier(notifier)
                .desk(desk)
                .escalationEnabled(school -> true)
                .deskPollInterval(Duration.ofHours(1))
                .relay(b -> b.pollInterval(Duration.ofHours(1)))
                .build();
        s.start();
        try {
            Ticket t = file(s);
            s.escalate(escalating, t.id());
            awaitUntil(() -> desk.issues().stream().anyMatch(i -> i.ticketId() == t.id()));
            String issue = desk.issues().get(0).externalId();
            int before = notifier.received.size();

            desk.addComment(issue, "Agent", "Première réponse", true);
            assertThat(s.syncDesks()).isEqualTo(1);
            awaitType(NotificationType.DESK_REPLIED, 1);

            desk.addComment(issue, "Agent", "Deuxième réponse", true);
            s.syncTicket(root, t.id());
            awaitType(NotificationType.DESK_REPLIED, 2);

            desk.addComment(issue, "Agent", "Troisième réponse", true);
            assertThat(s.applyDeskChanges(desk.name(), desk.changesOf(issue))).isTrue();
            awaitType(NotificationType.DESK_REPLIED, 3);
            assertThat(notifier.received.size()).isGreaterThan(before);
        } catch (org.entsupport.core.desk.DeskException e) {
            throw new AssertionError(e);
        } finally {
            s.close();
        }
    }

    private void awaitType(NotificationType type, int count) {
        awaitUntil(() -> countOf(type) >= count);
        assertThat(countOf(type)).as(type.name()).isEqualTo(count);
    }

    private long countOf(NotificationType type) {
        return notifier.received.stream().filter(n -> n.type() == type).count();
    }
}

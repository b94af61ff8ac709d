package org.entsupport.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.entsupport.core.memory.InMemorySupportDesk;
import org.entsupport.core.memory.InMemoryTicketStore;
import org.entsupport.core.model.Comment;
import org.entsupport.core.model.EscalationStatus;
import org.entsupport.core.model.EventType;
import org.entsupport.core.model.Origin;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketStatus;
import org.entsupport.core.model.TimelineEntry;
import org.entsupport.core.outbox.RetryPolicy;
import org.entsupport.core.spi.Directory;
import org.entsupport.notify.Notification;
import org.entsupport.notify.NotificationType;
import org.entsupport.notify.Recipient;
import org.junit.jupiter.api.Test;

/** Escalation through the outbox, forwarding, and the desk synchroniser, against an in-memory desk. */
class EscalationFlowTest {

    private final MutableClock clock = new MutableClock(Fixture.START);
    private final InMemoryTicketStore store = new InMemoryTicketStore();
    private final InMemorySupportDesk desk =
            new InMemorySupportDesk("memory", clock, InMemorySupportDesk.DEFAULT_STATUS_MAPPING);
    private final RecordingNotifier notifier = new RecordingNotifier("recorder");
    private final AtomicBoolean directoryBroken = new AtomicBoolean();
    private final Directory directory = new Directory() {
        @Override
        public Set<String> localAdmins(String school) {
            if (directoryBroken.get() && "s2".equals(school)) {
                throw new IllegalStateException("directory unavailable for s2");
            }
            return Set.of("u-admin");
        }

        @Override
        public Locale locale(String userId) {
            return Locale.FRENCH;
        }
    };
    private final org.entsupport.core.attachment.InMemoryAttachmentStore files =
            new org.entsupport.core.attachment.InMemoryAttachmentStore();
    private final Support support = Support.builder()
            .store(store)
            .clock(clock)
            .directory(directory)
            .escalationEnabled(s -> true)
            .desk(desk)
            .notifier(notifier)
            .attachmentStore(files)
            .linkTemplate("https://ent.example/support#/ticket/{id}")
            .retryPolicy(RetryPolicy.builder()
                    .initialDelay(Duration.ofSeconds(10))
                    .factor(2)
                    .maxDelay(Duration.ofMinutes(5))
                    .maxAttempts(5)
                    .build())
            .build();
    private final Actor owner =
            Actor.user("u-owner", "Olivia Owner").memberOf("s1", "s2").build();
    private final Actor admin = Actor.user("u-admin", "Adam Admin")
            .adminOf("s1", "s2")
            .mayEscalateIn("s1", "s2")
            .build();
    private final Actor root =
            Actor.user("u-root", "Paul Plateforme").platformAdmin().build();

    private Ticket file(String school, String subject) {
        return support.create(
                owner,
                NewTicket.builder()
                        .school(school)
                        .category("/blog")
                        .subject(subject)
                        .description("Description de " + subject)
                        .build());
    }

    /** Delivers everything due, moving the clock on so that retries come due, a bounded number of times. */
    private void drain() {
        for (int i = 0; i < 20; i++) {
            support.relay().deliverAllDue();
            clock.advance(Duration.ofMinutes(6));
        }
    }

    private List<Notification> sent(NotificationType type) {
        return notifier.received.stream().filter(n -> n.type() == type).toList();
    }

    private Ticket ticket(long id) {
        return support.get(root, id);
    }

    @Test
    void escalationOpensOneDeskIssueWithTheExchangeSoFarAndNotifies() {
        Ticket t = file("s1", "Pronote bloqué");
        support.comment(admin, t.id(), NewComment.of("Avez-vous vidé le cache ?"));
        support.comment(owner, t.id(), NewComment.of("Oui, sans effet."));
        Ticket escalated = support.escalate(admin, t.id());
        assertThat(escalated.escalationStatus()).isEqualTo(EscalationStatus.IN_PROGRESS);
        assertThat(desk.issues()).isEmpty();

        drain();

        Ticket after = ticket(t.id());
        assertThat(after.escalationStatus()).isEqualTo(EscalationStatus.SUCCESSFUL);
        assertThat(after.escalation().desk()).isEqualTo("memory");
        assertThat(desk.issues()).singleElement().satisfies(issue -> {
            assertThat(issue.ticketId()).isEqualTo(t.id());
            assertThat(issue.subject()).contains("Pronote bloqué");
            assertThat(issue.body()).contains("Avez-vous vidé le cache ?", "Oui, sans effet.");
            assertThat(after.escalation().externalId()).isEqualTo(issue.externalId());
        });
        assertThat(sent(NotificationType.TICKET_ESCALATED))
                .singleElement()
                .satisfies(n ->
                        assertThat(n.recipients()).extracting(Recipient::userId).containsExactly("u-owner"));
        assertThat(support.timeline(owner, t.id()))
                .anySatisfy(e -> assertThat(e)
                        .isInstanceOfSatisfying(
                                TimelineEntry.EventEntry.class,
                                ev -> assertThat(ev.event().type()).isEqualTo(EventType.ESCALATION_SUCCEEDED)));
    }

    /** A real one-pixel PNG. */
    static final byte[] PNG = java.util.Base64.getDecoder()
            .decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    @Test
    void screenshotsGoToTheDeskAndTheDesksFilesComeBack() throws Exception {
        Ticket t = support.create(
                owner,
                NewTicket.builder()
                        .school("s1")
                        .category("/blog")
                        .subject("Capture")
                        .description("Voir la capture")
                        .file(org.entsupport.core.attachment.NewFile.of("ecran.png", PNG))
                        .build());
        support.escalate(admin, t.id());
        drain();
        var issue = desk.issues().get(0);
        assertThat(issue.files()).singleElement().satisfies(f -> {
            assertThat(f.fileName()).isEqualTo("ecran.png");
            assertThat(f.content()).isEqualTo(PNG);
        });

        var deskFile = desk.file("reponse.png", "image/png", PNG);
        desk.addComment(issue.externalId(), "Agent", "Voici ce que nous voyons", true, deskFile);
        support.syncDesks();
        var attachments = support.attachments(owner, t.id());
        assertThat(attachments).extracting(a -> a.fileName()).containsExactly("ecran.png", "reponse.png");
        var fromDesk = attachments.get(1);
        assertThat(fromDesk.origin()).isEqualTo(Origin.DESK);
        try (var content = support.openAttachment(owner, t.id(), fromDesk.id())) {
            assertThat(content.content().readAllBytes()).isEqualTo(PNG);
        }
    }

    @Test
    void laterCommentsAreForwardedOnceButFieldEditsAreNot() {
        Ticket t = file("s1", "Cahier de textes");
        support.escalate(admin, t.id());
        // a comment written before the desk accepted waits for it
        support.comment(owner, t.id(), NewComment.of("Une capture d'écran suit."));
        drain();
        Ticket accepted = ticket(t.id());
        support.update(admin, t.id(), TicketChanges.basedOn(accepted.version()).subject("Cahier de textes vide"));
        support.comment(admin, t.id(), NewComment.of("Le support regarde."));
        drain();

        var issue = desk.issues().get(0);
        assertThat(issue.comments())
                .extracting(InMemorySupportDesk.StoredComment::body)
                .containsExactly("Une capture d'écran suit.", "Le support regarde.");
        assertThat(support.timeline(owner, t.id()).stream()
                        .filter(e -> e instanceof TimelineEntry.CommentEntry)
                        .map(e -> ((TimelineEntry.CommentEntry) e).comment())
                        .map(Comment::externalId))
                .allMatch(id -> id != null);
    }

    @Test
    void aDeskThatIsDownForAWhileEndsWithEveryEscalationSuccessful() {
        desk.goDown(4);
        Ticket a = file("s1", "Un");
        Ticket b = file("s1", "Deux");
        Ticket c = file("s1", "Trois");
        support.escalate(admin, a.id());
        support.escalate(admin, b.id());
        support.escalate(admin, c.id());

        support.relay().deliverAllDue();
        assertThat(List.of(a, b, c))
                .allSatisfy(t -> assertThat(ticket(t.id()).escalationStatus()).isEqualTo(EscalationStatus.IN_PROGRESS));
        drain();
        assertThat(List.of(a, b, c))
                .allSatisfy(t -> assertThat(ticket(t.id()).escalationStatus()).isEqualTo(EscalationStatus.SUCCESSFUL));
        assertThat(desk.issues()).hasSize(3);
        assertThat(support.relay().deadMessages(10)).isEmpty();
    }

    @Test
    void aRefusalFailsTheEscalationTellsTheAdminAndAllowsAnotherTry() {
        desk.refuse("project archived");
        Ticket t = file("s1", "Refusée");
        support.escalate(admin, t.id());
        drain();

        Ticket failed = ticket(t.id());
        assertThat(failed.escalationStatus()).isEqualTo(EscalationStatus.FAILED);
        assertThat(failed.escalation().failure()).contains("project archived");
        assertThat(sent(NotificationType.ESCALATION_FAILED)).singleElement().satisfies(n -> {
            assertThat(n.recipients()).extracting(Recipient::userId).containsExactly("u-admin");
            assertThat(n.parameters().get("reason")).contains("project archived");
        });

        desk.restore();
        support.escalate(admin, t.id());
        drain();
        assertThat(ticket(t.id()).escalationStatus()).isEqualTo(EscalationStatus.SUCCESSFUL);
    }

    @Test
    void exhaustedRetriesFailTheEscalation() {
        desk.goDown();
        Ticket t = file("s1", "Jamais joignable");
        support.escalate(admin, t.id());
        drain();
        assertThat(ticket(t.id()).escalationStatus()).isEqualTo(EscalationStatus.FAILED);
        assertThat(desk.calls()).isEqualTo(5);
    }

    @Test
    void aCrashAfterTheDeskCreatedTheIssueDoesNotCreateASecondOne() {
        Ticket t = file("s2", "Crash");
        support.escalate(admin, t.id());
        directoryBroken.set(true); // the transaction that records the desk's answer fails once
        support.relay().deliverAllDue();
        assertThat(ticket(t.id()).escalationStatus()).isEqualTo(EscalationStatus.IN_PROGRESS);
        assertThat(desk.issues()).hasSize(1);
        directoryBroken.set(false);
        drain();
        assertThat(ticket(t.id()).escalationStatus()).isEqualTo(EscalationStatus.SUCCESSFUL);
        assertThat(desk.issues()).hasSize(1);
    }

    private Ticket escalatedTicket(String school, String subject) {
        Ticket t = file(school, subject);
        support.escalate(admin, t.id());
        drain();
        return ticket(t.id());
    }

    @Test
    void theSynchroniserImportsPublicRepliesAndStatusesOnceAndNeverPrivateNotesOrEchoes() {
        Ticket t = escalatedTicket("s1", "Sync");
        support.comment(owner, t.id(), NewComment.of("Notre commentaire"));
        drain();
        String ext = ticket(t.id()).escalation().externalId();
        desk.addComment(ext, "Agent\u0007 Smith", "Corrigé dans la\u0000 version 2.3\u202E \r\n", true);
        desk.addComment(ext, "Agent Smith", "Note interne : client pénible", false);
        desk.changeStatus(ext, InMemorySupportDesk.RESOLVED);
        notifier.received.clear();

        assertThat(support.syncDesks()).isEqualTo(1);
        drain();

        List<Comment> comments = support.timeline(owner, t.id()).stream()
                .filter(e -> e instanceof TimelineEntry.CommentEntry)
                .map(e -> ((TimelineEntry.CommentEntry) e).comment())
                .toList();
        assertThat(comments)
                .extracting(Comment::body)
                .containsExactly("Notre commentaire", "Corrigé dans la version 2.3");
        Comment imported = comments.get(1);
        assertThat(imported.origin()).isEqualTo(Origin.DESK);
        assertThat(imported.authorName()).isEqualTo("Agent Smith");
        assertThat(imported.externalId()).isNotNull();
        Ticket after = ticket(t.id());
        assertThat(after.status()).isEqualTo(TicketStatus.RESOLVED);
        assertThat(sent(NotificationType.DESK_REPLIED))
                .singleElement()
                .satisfies(n -> assertThat(n.recipients())
                        .extracting(Recipient::userId)
                        .containsExactlyInAnyOrder("u-owner", "u-admin"));
        assertThat(sent(NotificationType.DESK_STATUS_CHANGED))
                .singleElement()
                .satisfies(n -> assertThat(n.parameters()).containsEntry("toStatus", "RESOLVED"));

        // again: nothing new, nothing duplicated
        notifier.received.clear();
        clock.advance(Duration.ofMinutes(1));
        assertThat(support.syncDesks()).isZero();
        drain();
        assertThat(support.timeline(owner, t.id()).stream().filter(e -> e instanceof TimelineEntry.CommentEntry))
                .hasSize(2);
        assertThat(notifier.received).isEmpty();
        assertThat(ticket(t.id()).version()).isEqualTo(after.version());
    }

    @Test
    void aStatusTheRequesterChangedIsNotOverwrittenByAnUnchangedDeskStatus() {
        Ticket t = escalatedTicket("s1", "Statut");
        String ext = t.escalation().externalId();
        desk.addComment(ext, "Agent", "Réponse", true);
        support.syncDesks();
        Ticket current = ticket(t.id());
        support.changeStatus(owner, t.id(), TicketStatus.RESOLVED, current.version());
        clock.advance(Duration.ofMinutes(1));
        desk.addComment(ext, "Agent", "Autre réponse", true);
        support.syncDesks();
        assertThat(ticket(t.id()).status()).isEqualTo(TicketStatus.RESOLVED);
    }

    @Test
    void aFailingTicketBlocksNeitherTheOthersNorTheCursor() {
        Ticket good = escalatedTicket("s1", "Bon");
        Ticket bad = escalatedTicket("s2", "Mauvais");
        desk.addComment(good.escalation().externalId(), "Agent", "Pour le bon", true);
        desk.addComment(bad.escalation().externalId(), "Agent", "Pour le mauvais", true);
        directoryBroken.set(true);

        assertThat(support.syncDesks()).isEqualTo(1);
        assertThat(ticket(good.id()).commentCount()).isEqualTo(1);
        assertThat(ticket(bad.id()).commentCount()).isZero();
        assertThat(store.deskSync().resyncBacklog("memory", 10))
                .containsExactly(bad.escalation().externalId());

        directoryBroken.set(false);
        clock.advance(Duration.ofMinutes(1));
        assertThat(support.syncDesks()).isEqualTo(1);
        assertThat(ticket(bad.id()).commentCount()).isEqualTo(1);
        assertThat(ticket(good.id()).commentCount()).isEqualTo(1);
        assertThat(store.deskSync().resyncBacklog("memory", 10)).isEmpty();
    }

    @Test
    void platformAdminsSyncOneTicketByHandAndDesksMayPush() {
        Ticket t = escalatedTicket("s1", "À la main");
        String ext = t.escalation().externalId();
        desk.addComment(ext, "Agent", "Réponse manuelle", true);

        assertThatThrownBy(() -> support.syncTicket(admin, t.id())).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() ->
                        support.syncTicket(Actor.user("x", "X").memberOf("s1").build(), t.id()))
                .isInstanceOf(TicketNotFoundException.class);
        assertThat(support.syncTicket(root, t.id()).commentCount()).isEqualTo(1);

        desk.changeStatus(ext, InMemorySupportDesk.WAITING);
        try {
            assertThat(support.applyDeskChanges("memory", desk.changesOf(ext))).isTrue();
        } catch (org.entsupport.core.desk.DeskException e) {
            throw new AssertionError(e);
        }
        assertThat(ticket(t.id()).status()).isEqualTo(TicketStatus.WAITING);
        assertThatThrownBy(() -> support.applyDeskChanges("zendesk", desk.changesOf(ext)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no support desk is named");
    }

    @Test
    void bulkEscalationReportsEachTicket() {
        Ticket a = file("s1", "A");
        Ticket resolved = support.changeStatus(admin, file("s1", "B").id(), TicketStatus.RESOLVED, 1);
        Ticket hidden = support.create(
                root,
                NewTicket.builder()
                        .school("s9")
                        .category("/blog")
                        .subject("C")
                        .description("d")
                        .build());
        BulkResult r = support.escalate(admin, List.of(a.id(), resolved.id(), hidden.id()));
        assertThat(r.outcomes().get(a.id()).kind()).isEqualTo(BulkResult.Kind.CHANGED);
        assertThat(r.outcomes().get(resolved.id()).kind()).isEqualTo(BulkResult.Kind.REFUSED);
        assertThat(r.outcomes().get(hidden.id()).kind()).isEqualTo(BulkResult.Kind.NOT_FOUND);
        assertThat(Optional.ofNullable(r.outcomes().get(resolved.id()).reason()))
                .hasValueSatisfying(reason -> assertThat(reason).contains("RESOLVED"));
    }

    @Test
    void withoutADeskEscalationIsRefusedClearly() {
        Support noDesk = Support.builder()
                .store(store)
                .clock(clock)
                .escalationEnabled(s -> true)
                .build();
        Ticket t = file("s1", "Sans support");
        assertThatThrownBy(() -> noDesk.escalate(admin, t.id()))
                .isInstanceOfSatisfying(
                        EscalationNotAllowedException.class,
                        e -> assertThat(e.userMessage(Locale.FRENCH)).contains("Aucun support"))
                .hasMessageContaining("no support desk is configured");
    }
}

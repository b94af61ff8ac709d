package org.entsupport.core;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.entsupport.core.attachment.InMemoryAttachmentStore;
import org.entsupport.core.memory.InMemorySupportDesk;
import org.entsupport.core.memory.InMemoryTicketStore;
import org.entsupport.core.model.Comment;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TimelineEntry;
import org.entsupport.core.outbox.RetryPolicy;
import org.entsupport.core.spi.Directory;
import org.entsupport.notify.Notification;
import org.entsupport.notify.NotificationType;

/** A facade over an in-memory store and an in-memory desk, with a hand-driven clock, for the desk exchange tests. */
final class DeskFixture {

    final MutableClock clock = new MutableClock(Fixture.START);
    final InMemoryTicketStore store;
    final InMemorySupportDesk desk;
    final RecordingNotifier notifier = new RecordingNotifier("recorder");
    final InMemoryAttachmentStore files = new InMemoryAttachmentStore();
    final Support support;

    final Actor owner = Actor.user("u-owner", "Olivia Owner").memberOf("s1").build();
    final Actor admin = Actor.user("u-admin", "Adam Admin")
            .adminOf("s1")
            .mayEscalateIn("s1")
            .build();
    final Actor root = Actor.user("u-root", "Paul Plateforme").platformAdmin().build();

    DeskFixture() {
        this(new InMemoryTicketStore(), null, d -> d, b -> b);
    }

    DeskFixture(java.util.function.Function<InMemorySupportDesk, org.entsupport.core.desk.SupportDesk> wrap) {
        this(new InMemoryTicketStore(), null, wrap, b -> b);
    }

    /**
     * @param store  the store
     * @param shared a desk shared with another fixture, or null for a new one
     * @param wrap   the desk registered, around the in-memory one
     * @param tuning changes to the builder
     */
    DeskFixture(
            InMemoryTicketStore store,
            InMemorySupportDesk shared,
            java.util.function.Function<InMemorySupportDesk, org.entsupport.core.desk.SupportDesk> wrap,
            UnaryOperator<Support.Builder> tuning) {
        this.store = store;
        this.desk = shared != null
                ? shared
                : new InMemorySupportDesk("memory", clock, InMemorySupportDesk.DEFAULT_STATUS_MAPPING);
        Directory directory = new Directory() {
            @Override
            public Set<String> localAdmins(String school) {
                return Set.of("u-admin");
            }

            @Override
            public Locale locale(String userId) {
                return "u-owner".equals(userId) ? Locale.FRENCH : Locale.ENGLISH;
            }
        };
        this.support = tuning.apply(Support.builder()
                        .store(store)
                        .clock(clock)
                        .directory(directory)
                        .escalationEnabled(s -> true)
                        .desk(wrap.apply(desk))
                        .notifier(notifier)
                        .attachmentStore(files)
                        .linkTemplate("https://ent.example/support#/ticket/{id}")
                        .retryPolicy(RetryPolicy.builder()
                                .initialDelay(Duration.ofSeconds(10))
                                .factor(2)
                                .maxDelay(Duration.ofMinutes(5))
                                .maxAttempts(5)
                                .build()))
                .build();
    }

    Ticket file(String subject) {
        return support.create(
                owner,
                NewTicket.builder()
                        .school("s1")
                        .category("/blog")
                        .subject(subject)
                        .description("Description de " + subject)
                        .build());
    }

    /** Delivers everything due, moving the clock on so that retries come due, a bounded number of times. */
    void drain() {
        for (int i = 0; i < 20; i++) {
            support.relay().deliverAllDue();
            clock.advance(Duration.ofMinutes(6));
        }
    }

    Ticket escalated(String subject) {
        Ticket t = file(subject);
        support.escalate(admin, t.id());
        drain();
        return ticket(t.id());
    }

    Ticket ticket(long id) {
        return support.get(root, id);
    }

    String issueOf(Ticket t) {
        return ticket(t.id()).escalation().externalId();
    }

    List<Comment> comments(long ticketId) {
        return support.timeline(root, ticketId).stream()
                .filter(e -> e instanceof TimelineEntry.CommentEntry)
                .map(e -> ((TimelineEntry.CommentEntry) e).comment())
                .toList();
    }

    List<Notification> sent(NotificationType type) {
        return notifier.received.stream().filter(n -> n.type() == type).toList();
    }

    /** Polls, then lets the clock move on a little. */
    int sync() {
        int changed = support.syncDesks();
        clock.advance(Duration.ofMinutes(1));
        return changed;
    }
}

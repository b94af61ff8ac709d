package org.entsupport.core.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.entsupport.core.Actor;
import org.entsupport.core.MutableClock;
import org.entsupport.core.NewTicket;
import org.entsupport.core.SupportSettings;
import org.entsupport.core.attachment.AttachmentPolicy;
import org.entsupport.core.attachment.InMemoryAttachmentStore;
import org.entsupport.core.attachment.ScanResult;
import org.entsupport.core.attachment.internal.AttachmentIntake;
import org.entsupport.core.desk.SupportDesk;
import org.entsupport.core.memory.InMemoryTicketStore;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TimelineEntry;
import org.entsupport.core.outbox.OutboxMessage;
import org.entsupport.core.outbox.OutboxRelay;
import org.entsupport.core.spi.CategoryCatalog;
import org.entsupport.core.spi.Directory;
import org.entsupport.core.spi.TicketStore;
import org.entsupport.notify.LinkTemplate;
import org.entsupport.notify.Notifier;

/**
 * A {@link SupportContext} over in-memory adapters and a hand-driven clock, with a cast of actors, for the
 * tests of one capability at a time. Schools: {@code s1} (admin {@code u-admin}, escalation enabled) and
 * {@code s2} (admin {@code u-admin2}, escalation disabled).
 */
final class TestContext {

    static final Instant START = Instant.parse("2026-09-01T07:30:00Z");

    final MutableClock clock = new MutableClock(START);
    final InMemoryAttachmentStore files = new InMemoryAttachmentStore();
    final TicketStore store;
    final SupportContext ctx;

    /** Member of s1 and s2; files the tickets. */
    final Actor owner =
            Actor.user("u-owner", "Olivia Owner").memberOf("s1", "s2").build();
    /** Local admin of s1 with the escalation right there. */
    final Actor admin = Actor.user("u-admin", "Adam Admin")
            .adminOf("s1")
            .mayEscalateIn("s1")
            .build();
    /** Administers everything. */
    final Actor platformAdmin =
            Actor.user("u-root", "Paul Plateforme").platformAdmin().build();
    /** Member of s1, not the owner. */
    final Actor stranger = Actor.user("u-other", "Oscar Other").memberOf("s1").build();

    TestContext() {
        this(new InMemoryTicketStore(), List.of(), List.of(), SupportSettings.defaults());
    }

    TestContext(TicketStore store, List<Notifier> notifiers, List<SupportDesk> desks, SupportSettings settings) {
        this(store, notifiers, desks, settings, AttachmentPolicy.defaults(), (name, type, in) -> {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return ScanResult.clean();
        });
    }

    /** A context over an in-memory store whose uploads follow {@code policy} and go through {@code scanner}. */
    TestContext(AttachmentPolicy policy, org.entsupport.core.attachment.AttachmentScanner scanner) {
        this(new InMemoryTicketStore(), List.of(), List.of(), SupportSettings.defaults(), policy, scanner);
    }

    private TestContext(
            TicketStore store,
            List<Notifier> notifiers,
            List<SupportDesk> desks,
            SupportSettings settings,
            AttachmentPolicy policy,
            org.entsupport.core.attachment.AttachmentScanner scanner) {
        this.store = store;
        Directory directory = school -> "s1".equals(school) ? Set.of("u-admin") : Set.of("u-admin2");
        this.ctx = new SupportContext(
                store,
                directory,
                CategoryCatalog.defaults(),
                clock,
                settings,
                school -> "s1".equals(school),
                new Notifications(notifiers, directory, LinkTemplate.of("https://ent.example/support#/ticket/{id}")),
                new AttachmentIntake(files, policy, scanner),
                new Desks(desks, null),
                new AfterCommit(),
                org.entsupport.core.SupportObserver.none());
    }

    /** A context with these notifiers and desks over an in-memory store. */
    static TestContext with(List<Notifier> notifiers, List<SupportDesk> desks) {
        return new TestContext(new InMemoryTicketStore(), notifiers, desks, SupportSettings.defaults());
    }

    /** A ticket of the owner in s1, filed now; the clock then moves one minute. */
    Ticket file(String subject) {
        Ticket t = new Filing(ctx)
                .create(
                        owner,
                        NewTicket.builder()
                                .school("s1")
                                .category("/blog")
                                .subject(subject)
                                .description("Description of " + subject)
                                .build());
        clock.advance(Duration.ofMinutes(1));
        return t;
    }

    /**
     * A ticket of the owner, escalated by the admin and accepted by the desk "redmine" as issue 4711 (desk status
     * "1"); the context must have that desk.
     */
    Ticket acceptedEscalation(String subject) {
        Ticket t = file(subject);
        Ticket escalated = new Escalations(ctx).escalate(admin, t.id());
        Ticket accepted = TicketEdits.nextVersion(TicketEdits.withEscalation(
                escalated,
                org.entsupport.core.model.EscalationStatus.SUCCESSFUL,
                TicketEdits.accepted(escalated.escalation(), "redmine", "4711", "https://desk/4711", "1"),
                clock.instant()));
        store.useTransaction(tx -> tx.updateTicket(accepted, escalated.version()));
        return accepted;
    }

    /** The ticket as stored now. */
    Ticket stored(long ticketId) {
        return store.inTransaction(tx -> tx.findTicket(ticketId)).orElseThrow();
    }

    /** The history events of a ticket, oldest first. */
    List<org.entsupport.core.model.HistoryEvent> events(long ticketId) {
        return store.inTransaction(tx -> tx.events(ticketId));
    }

    /** The timeline as the platform admin reads it. */
    List<TimelineEntry> timeline(long ticketId) {
        return new Reading(ctx).timeline(platformAdmin, ticketId);
    }

    /** The pending outbox messages, oldest first; claimed for a minute by "inspector" (not delivered). */
    List<OutboxMessage> outbox() {
        java.util.Set<String> channels = new java.util.HashSet<>();
        ctx.notifications().notifiers().forEach(n -> channels.add(NotifierHandler.channel(n)));
        ctx.desks().all().forEach(d -> channels.add(DeskCommands.channel(d.name())));
        return new ArrayList<>(
                store.outbox().claimDue(clock.instant(), 1000, Duration.ofMinutes(1), "inspector", channels));
    }

    /** A relay over the store's outbox with the context's handlers, bound to the context. */
    OutboxRelay relay(Function<OutboxRelay.Builder, OutboxRelay.Builder> tuning) {
        return SupportRuntime.relay(
                ctx, tuning.apply(OutboxRelay.builder(store.outbox()).clock(clock)));
    }
}

package org.entsupport.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import org.entsupport.core.memory.InMemoryTicketStore;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketStatus;

/** A facade over an in-memory store with a hand-driven clock and a cast of actors. */
final class Fixture {

    static final Instant START = Instant.parse("2026-09-01T07:30:00Z");

    final MutableClock clock = new MutableClock(START);
    final InMemoryTicketStore store = new InMemoryTicketStore();
    final Support support;
    final org.entsupport.core.memory.InMemorySupportDesk desk = new org.entsupport.core.memory.InMemorySupportDesk();

    /** Member of s1 and s2; files the tickets. */
    final Actor owner =
            Actor.user("u-owner", "Olivia Owner").memberOf("s1", "s2").build();
    /** Local admin of s1 with the escalation right there. */
    final Actor localAdmin = Actor.user("u-admin", "Adam Admin")
            .adminOf("s1")
            .mayEscalateIn("s1")
            .build();
    /** Local admin of s2 only. */
    final Actor otherAdmin = Actor.user("u-admin2", "Alice Autre")
            .adminOf("s2")
            .mayEscalateIn("s2")
            .build();
    /** Administers everything. */
    final Actor platformAdmin =
            Actor.user("u-root", "Paul Plateforme").platformAdmin().build();
    /** Member of s1, not the owner. */
    final Actor otherUser = Actor.user("u-other", "Oscar Other").memberOf("s1").build();
    /** Member of s1 with the escalation right in s2 only. */
    final Actor escalatorElsewhere = Actor.user("u-esc", "Eve Ailleurs")
            .memberOf("s1")
            .mayEscalateIn("s2")
            .locale(Locale.ENGLISH)
            .build();

    Fixture() {
        this(SupportSettings.builder()
                .reopenWindow(Duration.ofDays(30))
                .autoCloseAfter(Duration.ofDays(7))
                .build());
    }

    Fixture(SupportSettings settings) {
        this(settings, b -> b);
    }

    /** A fixture whose builder {@code more} completes (attachment store, policy, scanner...). */
    Fixture(SupportSettings settings, java.util.function.UnaryOperator<Support.Builder> more) {
        support = more.apply(Support.builder()
                        .store(store)
                        .clock(clock)
                        .settings(settings)
                        .directory(school -> "s1".equals(school) ? Set.of("u-admin") : Set.of("u-admin2"))
                        .escalationEnabled(school -> Set.of("s1", "s2").contains(school))
                        .desk(desk))
                .build();
    }

    Ticket file(String school, String subject) {
        return support.create(
                owner,
                NewTicket.builder()
                        .school(school)
                        .category("/blog")
                        .subject(subject)
                        .description("Description of " + subject)
                        .build());
    }

    /** A ticket of the owner in s1 brought to {@code status} by the admins, the clock moved 1 minute. */
    Ticket ticketIn(TicketStatus status) {
        Ticket t = file("s1", "ticket in " + status);
        clock.advance(Duration.ofMinutes(1));
        if (status == TicketStatus.NEW) {
            return t;
        }
        return support.changeStatus(platformAdmin, t.id(), status, t.version());
    }
}

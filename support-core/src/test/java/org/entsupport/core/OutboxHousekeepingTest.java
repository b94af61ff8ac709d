package org.entsupport.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.entsupport.core.memory.InMemoryTicketStore;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.outbox.OutboxMessage;
import org.entsupport.notify.DeliveryException;
import org.entsupport.notify.Notifier;
import org.junit.jupiter.api.Test;

/**
 * Delivered outbox messages go after the configured period, in batches; dead letters stay until an
 * operator re-queues or purges them. A host that gives no directory or category catalog is warned.
 */
class OutboxHousekeepingTest {

    private final MutableClock clock = new MutableClock(Fixture.START);
    private final InMemoryTicketStore store = new InMemoryTicketStore();
    private final RecordingNotifier feed = new RecordingNotifier("feed");
    private final Actor owner =
            Actor.user("u-owner", "Olivia Owner").memberOf("s1").build();

    private final Notifier refusing = new Notifier() {
        @Override
        public String name() {
            return "refusing";
        }

        @Override
        public void deliver(org.entsupport.notify.Notification notification) throws DeliveryException {
            throw DeliveryException.permanent("400 no such address", null);
        }
    };

    private Support support() {
        return Support.builder()
                .store(store)
                .clock(clock)
                .directory(school -> Set.of("u-admin"))
                .categories(org.entsupport.core.spi.CategoryCatalog.defaults())
                .notifier(feed)
                .notifier(refusing)
                .linkTemplate("https://ent.example/support#/ticket/{id}")
                .settings(SupportSettings.builder()
                        .deliveredOutboxRetention(Duration.ofDays(3))
                        .build())
                .build();
    }

    private Ticket file(Support s, String subject) {
        return s.create(
                owner,
                NewTicket.builder()
                        .school("s1")
                        .category("/blog")
                        .subject(subject)
                        .description("Description de " + subject)
                        .build());
    }

    @Test
    void deliveredMessagesGoAfterTheirPeriodAndDeadLettersStay() {
        Support s = support();
        for (int i = 0; i < 3; i++) {
            file(s, "demande " + i);
        }
        s.relay().deliverAllDue();
        int deliveredEarly = feed.received.size();
        assertThat(deliveredEarly).isPositive();
        List<OutboxMessage> dead = s.relay().deadMessages(100);
        assertThat(dead).isNotEmpty();

        clock.advance(Duration.ofDays(2));
        file(s, "plus récente");
        s.relay().deliverAllDue();
        assertThat(s.purgeDeliveredOutbox()).isZero();

        clock.advance(Duration.ofDays(2));
        int purged = s.purgeDeliveredOutbox();
        assertThat(purged).isEqualTo(deliveredEarly);
        assertThat(s.purgeDeliveredOutbox()).isZero();
        // dead letters are never purged automatically, even years later
        clock.advance(Duration.ofDays(3650));
        s.purgeDeliveredOutbox();
        assertThat(s.relay().deadMessages(100)).hasSize(dead.size() + 1);

        // an operator purges one by name, or re-queues another
        UUID first = dead.get(0).id();
        assertThat(s.relay().purgeDead(first)).isTrue();
        assertThat(s.relay().purgeDead(first)).isFalse();
        assertThat(store.outbox().find(first)).isEmpty();
        assertThat(s.relay().requeue(dead.get(1).id())).isTrue();
    }

    @Test
    void aHostWithoutDirectoryNorCatalogIsWarnedOnceEach() {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Support.builder().store(new InMemoryTicketStore()).build();
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log.lines().filter(l -> l.contains("WARN") && l.contains("no Directory was given")))
                .hasSize(1);
        assertThat(log.lines().filter(l -> l.contains("WARN") && l.contains("no category catalog was given")))
                .hasSize(1);

        ByteArrayOutputStream quiet = new ByteArrayOutputStream();
        System.setErr(new PrintStream(quiet, true, StandardCharsets.UTF_8));
        try {
            support();
        } finally {
            System.setErr(original);
        }
        assertThat(quiet.toString(StandardCharsets.UTF_8))
                .doesNotContain("no Directory")
                .doesNotContain("no category");
    }
}

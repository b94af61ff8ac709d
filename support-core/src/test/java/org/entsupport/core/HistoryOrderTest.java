package org.entsupport.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.entsupport.core.model.EventType;
import org.entsupport.core.model.HistoryEvent;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketStatus;
import org.entsupport.core.model.TimelineEntry;
import org.junit.jupiter.api.Test;

/** A change takes its instant once it holds the ticket: never before the ticket's last change. */
class HistoryOrderTest {

    private final Fixture f = new Fixture();

    @Test
    void aClockThatStepsBackReordersNothing() {
        Ticket t = f.file("s1", "Clock");
        f.clock.advance(Duration.ofMinutes(10));
        Ticket opened = f.support.changeStatus(f.localAdmin, t.id(), TicketStatus.OPENED, t.version());
        f.clock.advance(Duration.ofMinutes(-5));
        Ticket waiting = f.support.changeStatus(f.localAdmin, t.id(), TicketStatus.WAITING, opened.version());
        assertThat(waiting.modified()).isEqualTo(opened.modified());
        assertThat(waiting.statusChanged()).isEqualTo(opened.modified());
        f.clock.advance(Duration.ofMinutes(-1));
        CommentAdded reply = f.support.comment(f.owner, t.id(), NewComment.of("Still broken"));
        assertThat(reply.ticket().status()).isEqualTo(TicketStatus.OPENED);
        assertThat(reply.ticket().modified()).isEqualTo(opened.modified());
        assertThat(reply.comment().created()).isEqualTo(opened.modified());
        f.clock.advance(Duration.ofMinutes(-1));
        Ticket resolved = f.support.changeStatus(
                f.localAdmin, t.id(), TicketStatus.RESOLVED, reply.ticket().version());
        assertThat(resolved.modified()).isEqualTo(opened.modified());

        List<String> moves = f.support.timeline(f.localAdmin, t.id()).stream()
                .filter(e ->
                        e instanceof TimelineEntry.EventEntry ev && ev.event().type() == EventType.STATUS_CHANGED)
                .map(e -> ((TimelineEntry.EventEntry) e).event())
                .map(HistoryOrderTest::move)
                .toList();
        assertThat(moves).containsExactly("NEW>OPENED", "OPENED>WAITING", "WAITING>OPENED", "OPENED>RESOLVED");
    }

    @Test
    void aLaterClockIsTakenAsItIs() {
        Ticket t = f.file("s1", "Clock forward");
        f.clock.advance(Duration.ofMinutes(3));
        Ticket opened = f.support.changeStatus(f.localAdmin, t.id(), TicketStatus.OPENED, t.version());
        assertThat(opened.modified()).isEqualTo(Fixture.START.plus(Duration.ofMinutes(3)));
        assertThat(opened.statusChanged()).isEqualTo(Fixture.START.plus(Duration.ofMinutes(3)));
    }

    private static String move(HistoryEvent e) {
        return e.parameters().get("from") + ">" + e.parameters().get("to");
    }
}

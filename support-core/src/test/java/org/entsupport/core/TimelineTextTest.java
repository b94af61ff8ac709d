package org.entsupport.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketStatus;
import org.entsupport.core.model.TimelineEntry;
import org.junit.jupiter.api.Test;

/** Timeline entries render at read time in the reader's language. */
class TimelineTextTest {

    @Test
    void rendersEveryLineInFrenchAndEnglish() {
        Fixture f = new Fixture();
        Ticket t = f.file("s1", "Écran noir");
        f.support.comment(f.localAdmin, t.id(), NewComment.of("Je regarde"));
        Ticket current = f.support.get(f.owner, t.id());
        f.support.changeStatus(f.localAdmin, t.id(), TicketStatus.WAITING, current.version());
        List<TimelineEntry> timeline = f.support.timeline(f.owner, t.id());

        assertThat(timeline.stream().map(e -> TimelineText.describe(e, Locale.FRENCH)))
                .containsExactly(
                        "Demande déposée",
                        "Adam Admin : Je regarde",
                        "Statut après une réponse : Nouveau → En cours",
                        "Statut : En cours → En attente utilisateur");
        assertThat(timeline.stream().map(e -> TimelineText.describe(e, Locale.ENGLISH)))
                .containsExactly(
                        "Request filed",
                        "Adam Admin: Je regarde",
                        "Status after a reply: New → In progress",
                        "Status: In progress → Waiting for the requester");
    }
}

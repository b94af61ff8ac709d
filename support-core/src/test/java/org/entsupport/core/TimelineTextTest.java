package org.entsupport.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.entsupport.core.model.EscalationStatus;
import org.entsupport.core.model.EventType;
import org.entsupport.core.model.HistoryEvent;
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
                        "Statut après une réponse : Nouvelle → En cours",
                        "Statut : En cours → En attente du demandeur");
        assertThat(timeline.stream().map(e -> TimelineText.describe(e, Locale.ENGLISH)))
                .containsExactly(
                        "Request filed",
                        "Adam Admin: Je regarde",
                        "Status after a reply: New → In progress",
                        "Status: In progress → Waiting for the requester");
    }

    @Test
    void everyEventTypeRendersInBothLanguagesWithoutRawCodes() {
        java.time.Instant at = java.time.Instant.parse("2026-09-01T07:30:00Z");
        java.util.Map<EventType, java.util.Map<String, String>> params = java.util.Map.of(
                EventType.CREATED, java.util.Map.of("status", "NEW"),
                EventType.STATUS_CHANGED, java.util.Map.of("from", "RESOLVED", "to", "CLOSED", "cause", "auto-close"),
                EventType.ATTACHMENTS_ADDED, java.util.Map.of("names", "capture.png"),
                EventType.FIELDS_UPDATED, java.util.Map.of("fields", "subject,category,description"),
                EventType.ESCALATION_REQUESTED, java.util.Map.of("desk", "redmine"),
                EventType.ESCALATION_SUCCEEDED, java.util.Map.of("desk", "redmine", "externalId", "77"),
                EventType.ESCALATION_FAILED, java.util.Map.of("reason", "projet archivé"),
                EventType.DESK_FILE_UNAVAILABLE, java.util.Map.of("names", "journal.pdf", "desk", "redmine"));
        assertThat(params.keySet()).containsExactlyInAnyOrder(EventType.values());
        for (EventType type : EventType.values()) {
            HistoryEvent e = new HistoryEvent(1, 7, "u-1", type, at, params.get(type));
            for (Locale locale : List.of(Locale.FRENCH, Locale.ENGLISH)) {
                String line = TimelineText.describe(e, locale);
                assertThat(line)
                        .as(type + " " + locale)
                        .isNotBlank()
                        .doesNotContain("timeline.", "field.", "status.")
                        .doesNotContainPattern(
                                "\\b(NEW|OPENED|RESOLVED|CLOSED|WAITING|subject|category|description)\\b");
            }
        }
        HistoryEvent edited = new HistoryEvent(
                1, 7, "u-1", EventType.FIELDS_UPDATED, at, java.util.Map.of("fields", "subject,description"));
        assertThat(TimelineText.describe(edited, Locale.FRENCH)).isEqualTo("Demande modifiée (Objet, Description)");
        HistoryEvent closed =
                new HistoryEvent(1, 7, null, EventType.STATUS_CHANGED, at, params.get(EventType.STATUS_CHANGED));
        assertThat(TimelineText.describe(closed, Locale.FRENCH)).isEqualTo("Fermée automatiquement : Résolue → Fermée");
    }

    @Test
    void statusLabelsAreTheLibrarysWordsForEveryStatus() {
        assertThat(TimelineText.statusLabel(TicketStatus.CLOSED, Locale.FRENCH)).isEqualTo("Fermée");
        assertThat(TimelineText.statusLabel(TicketStatus.OPENED, Locale.ENGLISH))
                .isEqualTo("In progress");
        assertThat(TimelineText.escalationStatusLabel(EscalationStatus.SUCCESSFUL, Locale.FRENCH))
                .isEqualTo("Transmise au support");
        for (TicketStatus s : TicketStatus.values()) {
            for (Locale locale : List.of(Locale.FRENCH, Locale.ENGLISH)) {
                assertThat(TimelineText.statusLabel(s, locale))
                        .doesNotContain("status.")
                        .isNotEqualTo(s.name());
                assertThat(org.entsupport.notify.SupportTexts.text(locale, "status." + s.name()))
                        .as("notifications name the status the same way")
                        .contains(TimelineText.statusLabel(s, locale));
            }
        }
        for (EscalationStatus s : EscalationStatus.values()) {
            assertThat(TimelineText.escalationStatusLabel(s, Locale.FRENCH)).doesNotContain("escalation.");
        }
    }
}

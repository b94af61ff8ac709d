package org.entsupport.core;

import java.util.Locale;
import java.util.Objects;
import org.entsupport.core.internal.Messages;
import org.entsupport.core.model.EscalationStatus;
import org.entsupport.core.model.HistoryEvent;
import org.entsupport.core.model.TicketStatus;
import org.entsupport.core.model.TimelineEntry;

/**
 * Renders timeline entries for people, in French or English, at read time: history events are stored
 * as a type and parameters, never as translated text.
 *
 * <pre>{@code
 * for (TimelineEntry e : support.timeline(actor, id)) {
 *     out.println(TimelineText.describe(e, actor.locale()));
 * }
 * }</pre>
 */
public final class TimelineText {

    private TimelineText() {}

    /**
     * One line describing the entry: "Bruno Durand: Which browser?" for a comment, "Status: New → In
     * progress" for a status change, and so on.
     *
     * @param entry a comment or a history event of the timeline
     * @param locale the reader's language (French for a French locale, English otherwise)
     * @return one line describing the entry: "Bruno Durand: Which browser?" for a comment, "Status: New → In
     *         progress" for a status change, and so on
     */
    public static String describe(TimelineEntry entry, Locale locale) {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(locale, "locale");
        if (entry instanceof TimelineEntry.CommentEntry c) {
            String key = c.comment().origin() == org.entsupport.core.model.Origin.DESK
                    ? "timeline.desk-comment"
                    : "timeline.comment";
            return Messages.format(
                    locale, key, c.comment().authorName(), c.comment().body());
        }
        return describe(((TimelineEntry.EventEntry) entry).event(), locale);
    }

    /**
     * One line describing a history event in the reader's language.
     *
     * @param event the event
     * @param locale the reader's language (French for a French locale, English otherwise)
     * @return one line describing a history event in the reader's language
     */
    public static String describe(HistoryEvent event, Locale locale) {
        var p = event.parameters();
        return switch (event.type()) {
            case STATUS_CHANGED ->
                Messages.format(
                        locale,
                        "timeline.status-changed." + p.getOrDefault("cause", "explicit"),
                        status(p.get("from"), locale),
                        status(p.get("to"), locale));
            case ATTACHMENTS_ADDED ->
                Messages.format(locale, "timeline.attachments-added", p.getOrDefault("names", ""));
            case FIELDS_UPDATED -> Messages.format(locale, "timeline.fields-updated", fields(p.get("fields"), locale));
            case ESCALATION_SUCCEEDED ->
                Messages.format(
                        locale,
                        "timeline.escalation-succeeded",
                        p.getOrDefault("desk", ""),
                        p.getOrDefault("externalId", ""));
            // a plain sentence for the cause: the desk's own words (parameter "reason") are for administrators
            case ESCALATION_FAILED ->
                Messages.format(
                        locale,
                        p.containsKey("cause")
                                ? "timeline.escalation-failed." + p.get("cause")
                                : "timeline.escalation-failed");
            case ESCALATION_REQUESTED ->
                Messages.format(locale, "timeline.escalation-requested", p.getOrDefault("desk", ""));
            case DESK_FILE_UNAVAILABLE ->
                Messages.format(locale, "timeline.desk-file-unavailable", p.getOrDefault("names", ""));
            case CREATED -> Messages.format(locale, "timeline.created");
        };
    }

    /**
     * The sentence a requester reads about a failed escalation, in their language: the desk's own error
     * ({@link org.entsupport.core.model.Escalation#failure()}) is for the school's administrators and the logs.
     *
     * @param locale the reader's language (French for a French locale, English otherwise)
     * @return a plain sentence saying the desk could not take the request and the school keeps handling it
     */
    public static String escalationFailure(Locale locale) {
        return Messages.format(locale, "timeline.escalation-failed");
    }

    /**
     * The label of a status in the reader's language, as the library writes it everywhere (timeline,
     * notifications, errors), so a host shows the same words: "Nouvelle", "En cours", "Fermée"...
     *
     * @param status the status
     * @param locale the reader's language (French for a French locale, English otherwise)
     * @return the label
     */
    public static String statusLabel(TicketStatus status, Locale locale) {
        Objects.requireNonNull(status, "status");
        return Messages.format(Objects.requireNonNull(locale, "locale"), "status." + status.name());
    }

    /**
     * The label of an escalation status in the reader's language: "Transmise au support", "Sent to the
     * support desk"...
     *
     * @param status the escalation status
     * @param locale the reader's language (French for a French locale, English otherwise)
     * @return the label
     */
    public static String escalationStatusLabel(EscalationStatus status, Locale locale) {
        Objects.requireNonNull(status, "status");
        return Messages.format(Objects.requireNonNull(locale, "locale"), "escalation.status." + status.name());
    }

    private static String fields(@org.jspecify.annotations.Nullable String codes, Locale locale) {
        if (codes == null || codes.isBlank()) {
            return "";
        }
        java.util.List<String> names = new java.util.ArrayList<>();
        for (String code : codes.split(",")) {
            String key = "field." + code.strip();
            String name = Messages.format(locale, key);
            names.add(name.equals(key) ? code.strip() : name);
        }
        return String.join(", ", names);
    }

    private static String status(@org.jspecify.annotations.Nullable String name, Locale locale) {
        if (name == null) {
            return "?";
        }
        try {
            return statusLabel(TicketStatus.valueOf(name), locale);
        } catch (IllegalArgumentException e) {
            return name; // a status written by a newer version of the library
        }
    }
}

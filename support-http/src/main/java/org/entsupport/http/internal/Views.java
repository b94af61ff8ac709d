package org.entsupport.http.internal;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.entsupport.core.Actor;
import org.entsupport.core.TimelineText;
import org.entsupport.core.model.Attachment;
import org.entsupport.core.model.Comment;
import org.entsupport.core.model.Escalation;
import org.entsupport.core.model.EscalationStatus;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketStatus;
import org.jspecify.annotations.Nullable;

/**
 * The JSON representation of the API: one record per document, with the field names clients rely on.
 * Storage keys never appear in them.
 */
public final class Views {

    private Views() {}

    /** A ticket. */
    public record TicketView(
            long id,
            String owner,
            String ownerName,
            String school,
            String category,
            String subject,
            String description,
            TicketStatus status,
            EscalationStatus escalationStatus,
            Instant created,
            Instant modified,
            Instant statusChanged,
            long version,
            String locale,
            int commentCount,
            int attachmentCount,
            @Nullable EscalationView escalation) {

        /**
         * The view of {@code t} for {@code reader}: the desk's own words on a failed escalation are for the
         * school's administrators; the requester reads the library's sentence in their language.
         */
        public static TicketView of(Ticket t, Actor reader, Locale locale) {
            Escalation e = t.escalation();
            return new TicketView(
                    t.id(),
                    t.owner(),
                    t.ownerName(),
                    t.school(),
                    t.category(),
                    t.subject(),
                    t.description(),
                    t.status(),
                    t.escalationStatus(),
                    t.created(),
                    t.modified(),
                    t.statusChanged(),
                    t.version(),
                    t.locale(),
                    t.commentCount(),
                    t.attachmentCount(),
                    e == null
                            ? null
                            : new EscalationView(
                                    e.escalatedBy(),
                                    e.escalatedAt(),
                                    e.desk(),
                                    e.externalId(),
                                    e.externalUrl(),
                                    e.lastSync(),
                                    failureFor(e.failure(), t, reader, locale)));
        }
    }

    private static @Nullable String failureFor(@Nullable String raw, Ticket t, Actor reader, Locale locale) {
        if (raw == null || reader.administers(t.school())) {
            return raw;
        }
        return TimelineText.escalationFailure(locale);
    }

    /** A ticket's hand-over to the support desk. */
    public record EscalationView(
            String escalatedBy,
            Instant escalatedAt,
            @Nullable String desk,
            @Nullable String externalId,
            @Nullable String externalUrl,
            @Nullable Instant lastSync,
            @Nullable String failure) {}

    /** A page of tickets. */
    public record TicketPageView(
            List<TicketView> items, @Nullable String next) {}

    /** Counts per status. */
    public record CountsView(Map<TicketStatus, Long> counts, long total) {}

    /** An attachment's metadata (never its storage key). */
    public record AttachmentView(
            long id,
            @Nullable Long commentId,
            String fileName,
            String mediaType,
            long size,
            String uploader,
            Instant created,
            String origin,
            String href) {

        /** The view of {@code a}, downloadable at {@code base/tickets/{id}/attachments/{id}}. */
        public static AttachmentView of(Attachment a, String base) {
            return new AttachmentView(
                    a.id(),
                    a.commentId(),
                    a.fileName(),
                    a.mediaType(),
                    a.size(),
                    a.uploader(),
                    a.created(),
                    a.origin().name(),
                    base + "/tickets/" + a.ticketId() + "/attachments/" + a.id());
        }
    }

    /** A comment. */
    public record CommentView(
            long id, long ticketId, String author, String authorName, String body, Instant created, String origin) {

        /** The view of {@code c}. */
        public static CommentView of(Comment c) {
            return new CommentView(
                    c.id(),
                    c.ticketId(),
                    c.author(),
                    c.authorName(),
                    c.body(),
                    c.created(),
                    c.origin().name());
        }
    }

    /** A history event. */
    public record EventView(long id, @Nullable String actor, String type, Map<String, String> parameters) {}

    /**
     * One line of a timeline.
     *
     * @param kind        {@code comment} or {@code event}
     * @param text        the line rendered in the reader's language
     * @param comment     for comments
     * @param event       for events
     * @param attachments the files that came with a comment
     */
    public record TimelineEntryView(
            String kind,
            Instant at,
            String text,
            @Nullable CommentView comment,
            @Nullable EventView event,
            List<AttachmentView> attachments) {}

    /** A ticket's timeline and all its attachments. */
    public record TimelineView(
            long ticketId, String language, List<TimelineEntryView> entries, List<AttachmentView> attachments) {}

    /** One ticket's outcome in a bulk operation. */
    public record BulkItemView(
            long id, String outcome, @Nullable String detail) {}

    /** A bulk operation's outcomes. */
    public record BulkView(long changed, List<BulkItemView> results) {}

    /** A category. */
    public record CategoryView(String id, String label) {}

    /** The categories. */
    public record CategoriesView(List<CategoryView> items) {}

    /** A school of the actor. */
    public record SchoolView(String id, String name, boolean admin, boolean mayEscalate) {}

    /** Who the API takes the caller for. */
    public record MeView(
            String userId, String displayName, boolean platformAdmin, String language, List<SchoolView> schools) {}

    /** A news-feed page. */
    public record FeedView(
            List<FeedItemView> items, @Nullable String next, long unread) {}

    /** A news-feed entry. */
    public record FeedItemView(
            long id,
            String type,
            long ticketId,
            String title,
            String actorName,
            Instant occurredAt,
            String link,
            boolean read) {}

    /** The unread count after marking read. */
    public record UnreadView(long unread) {}

    /** What the actor may do on a ticket. */
    public record CapabilitiesView(
            long ticketId,
            boolean comment,
            List<TicketStatus> statuses,
            boolean escalate,
            boolean retryEscalation,
            boolean editFields,
            boolean editDescription) {}

    // ------------------------------------------------------------------ requests

    /** The JSON body of {@code POST /tickets}. */
    public record NewTicketBody(
            @Nullable String school,
            @Nullable String category,
            @Nullable String subject,
            @Nullable String description) {}

    /** The JSON body of {@code PATCH /tickets/{id}}. */
    public record PatchBody(
            @Nullable TicketStatus status,
            @Nullable String subject,
            @Nullable String category,
            @Nullable String description) {}

    /** The JSON body of {@code POST /tickets/{id}/comments}. */
    public record CommentBody(@Nullable String body) {}

    /** The JSON body of {@code POST /tickets/bulk/status}. */
    public record BulkStatusBody(
            @Nullable List<Long> ids, @Nullable TicketStatus status) {}

    /** The JSON body of {@code POST /tickets/bulk/escalation}. */
    public record BulkEscalationBody(@Nullable List<Long> ids) {}

    /** The JSON body of {@code POST /feed/read}: some entries, or all. */
    public record FeedReadBody(
            @Nullable List<Long> ids, @Nullable Boolean all) {}
}

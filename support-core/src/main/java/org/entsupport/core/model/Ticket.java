package org.entsupport.core.model;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A support request, as stored. Immutable; the facade returns a new value after every change.
 *
 * @param id               the number shown to users ("n°"), assigned by the store
 * @param owner            the requester's user id
 * @param ownerName        the requester's display name when the request was filed
 * @param school           the school (structure) the request is about
 * @param category         the application the request is about, from the host's catalogue
 * @param subject          1..255 characters, plain text
 * @param description      the description as plain text: as written, or derived from the HTML; bounded by the
 *                         configured maximum. Search, CSV, e-mail text parts and desks use it
 * @param status           the workflow status
 * @param escalationStatus where the request stands with the external desk
 * @param created          when it was filed
 * @param modified         the last change of any kind (fields, status, comment)
 * @param statusChanged    when the status last changed (drives the reopen window and auto-close)
 * @param version          the optimistic-lock version, incremented by every change
 * @param locale           the language tag of the requester when filed, for asynchronous messages
 * @param commentCount     the number of comments
 * @param attachmentCount  the number of attachments
 * @param escalation       the hand-over to a desk, when escalated at least once
 * @param descriptionHtml  the sanitised HTML of a description written in a rich-text editor, or {@code null}
 *                         for plain text (see {@link #descriptionAsHtml()})
 */
public record Ticket(
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
        @Nullable Escalation escalation,
        @Nullable String descriptionHtml) {

    /**
     * Checks the required components.
     *
     * @param id the number shown to users ("n°"), assigned by the store
     * @param owner the requester's user id
     * @param ownerName the requester's display name when the request was filed
     * @param school the school (structure) the request is about
     * @param category the application the request is about, from the host's catalogue
     * @param subject 1..255 characters, plain text
     * @param description the description as plain text, bounded by the configured maximum
     * @param status the workflow status
     * @param escalationStatus where the request stands with the external desk
     * @param created when it was filed
     * @param modified the last change of any kind (fields, status, comment)
     * @param statusChanged when the status last changed (drives the reopen window and auto-close)
     * @param version the optimistic-lock version, incremented by every change
     * @param locale the language tag of the requester when filed, for asynchronous messages
     * @param commentCount the number of comments
     * @param attachmentCount the number of attachments
     * @param escalation the hand-over to a desk, when escalated at least once
     * @param descriptionHtml the sanitised HTML of a rich-text description, or {@code null} for plain text
     */
    public Ticket {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(ownerName, "ownerName");
        Objects.requireNonNull(school, "school");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(escalationStatus, "escalationStatus");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(modified, "modified");
        Objects.requireNonNull(statusChanged, "statusChanged");
        Objects.requireNonNull(locale, "locale");
    }

    /**
     * Whether {@code userId} filed this request.
     *
     * @param userId the host's user id
     * @return whether {@code userId} filed this request
     */
    public boolean isOwnedBy(String userId) {
        return owner.equals(userId);
    }

    /**
     * A ticket whose description is plain text.
     *
     * @param id the number shown to users ("n°"), assigned by the store
     * @param owner the requester's user id
     * @param ownerName the requester's display name when the request was filed
     * @param school the school (structure) the request is about
     * @param category the application the request is about, from the host's catalogue
     * @param subject 1..255 characters, plain text
     * @param description plain text, bounded by the configured maximum
     * @param status the workflow status
     * @param escalationStatus where the request stands with the external desk
     * @param created when it was filed
     * @param modified the last change of any kind (fields, status, comment)
     * @param statusChanged when the status last changed (drives the reopen window and auto-close)
     * @param version the optimistic-lock version, incremented by every change
     * @param locale the language tag of the requester when filed, for asynchronous messages
     * @param commentCount the number of comments
     * @param attachmentCount the number of attachments
     * @param escalation the hand-over to a desk, when escalated at least once
     */
    public Ticket(
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
            @Nullable Escalation escalation) {
        this(
                id,
                owner,
                ownerName,
                school,
                category,
                subject,
                description,
                status,
                escalationStatus,
                created,
                modified,
                statusChanged,
                version,
                locale,
                commentCount,
                attachmentCount,
                escalation,
                null);
    }

    /**
     * The description to put in an HTML page: the sanitised HTML of a rich-text description, or the plain
     * text escaped, with its line breaks as {@code <br>}.
     *
     * @return HTML safe to insert into an element
     */
    public String descriptionAsHtml() {
        return descriptionHtml != null ? descriptionHtml : Html.fromPlainText(description);
    }
}

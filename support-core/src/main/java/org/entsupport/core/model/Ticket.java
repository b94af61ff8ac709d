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
 * @param description      plain text, bounded by the configured maximum
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
        @Nullable Escalation escalation) {

    /**
     * Checks the required components.
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

    /** A copy with the given status, changed at {@code at}. Does not touch the version. */
    public Ticket withStatus(TicketStatus newStatus, Instant at) {
        return new Ticket(
                id,
                owner,
                ownerName,
                school,
                category,
                subject,
                description,
                newStatus,
                escalationStatus,
                created,
                at,
                at,
                version,
                locale,
                commentCount,
                attachmentCount,
                escalation);
    }

    /** A copy with the given editable fields, modified at {@code at}. Does not touch the version. */
    public Ticket withFields(String newSubject, String newCategory, String newDescription, Instant at) {
        return new Ticket(
                id,
                owner,
                ownerName,
                school,
                newCategory,
                newSubject,
                newDescription,
                status,
                escalationStatus,
                created,
                at,
                statusChanged,
                version,
                locale,
                commentCount,
                attachmentCount,
                escalation);
    }

    /** A copy with more comments and attachments, modified at {@code at}. Does not touch the version. */
    public Ticket withActivity(int addedComments, int addedAttachments, Instant at) {
        return new Ticket(
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
                at,
                statusChanged,
                version,
                locale,
                commentCount + addedComments,
                attachmentCount + addedAttachments,
                escalation);
    }

    /** A copy with the given escalation state, modified at {@code at}. Does not touch the version. */
    public Ticket withEscalation(EscalationStatus newStatus, @Nullable Escalation newEscalation, Instant at) {
        return new Ticket(
                id,
                owner,
                ownerName,
                school,
                category,
                subject,
                description,
                status,
                newStatus,
                created,
                at,
                statusChanged,
                version,
                locale,
                commentCount,
                attachmentCount,
                newEscalation);
    }

    /** A copy with the next version. */
    public Ticket nextVersion() {
        return new Ticket(
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
                version + 1,
                locale,
                commentCount,
                attachmentCount,
                escalation);
    }
}

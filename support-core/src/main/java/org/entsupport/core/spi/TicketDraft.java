package org.entsupport.core.spi;

import java.time.Instant;
import java.util.Objects;
import org.entsupport.core.model.TicketStatus;
import org.jspecify.annotations.Nullable;

/**
 * A validated ticket about to be inserted; the store assigns the id.
 *
 * @param owner          the requester's user id
 * @param ownerName      the requester's display name
 * @param school         the school
 * @param category       the application
 * @param subject        the subject
 * @param description    the description
 * @param status         the initial status (NEW)
 * @param created        when filed; also the first modified and status-changed time
 * @param locale         the requester's language tag
 * @param attachmentCount how many attachments come with it
 * @param idempotencyKey the client's key, unique per owner, or {@code null}
 * @param descriptionHtml the sanitised HTML of a rich-text description, or {@code null}
 */
public record TicketDraft(
        String owner,
        String ownerName,
        String school,
        String category,
        String subject,
        String description,
        TicketStatus status,
        Instant created,
        String locale,
        int attachmentCount,
        @Nullable String idempotencyKey,
        @Nullable String descriptionHtml) {

    /**
     * Checks the required components.
     *
     * @param owner the requester's user id
     * @param ownerName the requester's display name
     * @param school the school
     * @param category the application
     * @param subject the subject
     * @param description the description
     * @param status the initial status (NEW)
     * @param created when filed; also the first modified and status-changed time
     * @param locale the requester's language tag
     * @param attachmentCount how many attachments come with it
     * @param idempotencyKey the client's key, unique per owner, or {@code null}
     * @param descriptionHtml the sanitised HTML of a rich-text description, or {@code null}
     */
    public TicketDraft {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(ownerName, "ownerName");
        Objects.requireNonNull(school, "school");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(locale, "locale");
    }

    /**
     * A draft with a plain-text description.
     *
     * @param owner the requester's user id
     * @param ownerName the requester's display name
     * @param school the school
     * @param category the application
     * @param subject the subject
     * @param description the description
     * @param status the initial status (NEW)
     * @param created when filed; also the first modified and status-changed time
     * @param locale the requester's language tag
     * @param attachmentCount how many attachments come with it
     * @param idempotencyKey the client's key, unique per owner, or {@code null}
     */
    public TicketDraft(
            String owner,
            String ownerName,
            String school,
            String category,
            String subject,
            String description,
            TicketStatus status,
            Instant created,
            String locale,
            int attachmentCount,
            @Nullable String idempotencyKey) {
        this(
                owner,
                ownerName,
                school,
                category,
                subject,
                description,
                status,
                created,
                locale,
                attachmentCount,
                idempotencyKey,
                null);
    }
}

package org.entsupport.core.desk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The snapshot of a ticket handed over to a desk by {@link SupportDesk#open}: everything the desk's
 * agents need, with no reference back into our store.
 *
 * <pre>{@code
 * EscalationRequest request = EscalationRequest.builder(42)
 *         .subject("Cannot open the timetable")
 *         .description("Since Monday the page stays blank.")
 *         .category("timetable", "Emploi du temps")
 *         .requester("u-17", "Alice Martin")
 *         .school("0750001A", "Lycée Victor Hugo")
 *         .escalatedBy("u-3", "Bob Durand")
 *         .created(ticket.created())
 *         .comment(ForwardedComment.of(7, "Bob Durand", "Which browser?", commentCreated))
 *         .attachment(OutgoingAttachment.of("screen.png", "image/png", size, () -> storage.open(key)))
 *         .build();
 * }</pre>
 *
 * @param ticketId        our ticket id; connectors write it on the desk issue so that a retry finds
 *                        the issue instead of creating a second one
 * @param subject         the ticket's subject
 * @param description     the ticket's description, plain text
 * @param category        the category code (the ENT application concerned)
 * @param categoryLabel   the category as people read it
 * @param requesterId     the requester's user id
 * @param requesterName   the requester's display name
 * @param schoolId        the school's id (structure id, UAI)
 * @param schoolName      the school's name
 * @param escalatedById   the user id of the admin who escalates
 * @param escalatedByName that admin's display name
 * @param created         when the ticket was filed
 * @param comments        the comments so far, oldest first, each with its own attachments
 * @param attachments     the files attached to the ticket itself (not to a comment)
 */
public record EscalationRequest(
        long ticketId,
        String subject,
        String description,
        String category,
        String categoryLabel,
        String requesterId,
        String requesterName,
        String schoolId,
        String schoolName,
        String escalatedById,
        String escalatedByName,
        Instant created,
        List<ForwardedComment> comments,
        List<OutgoingAttachment> attachments) {

    /**
     * Checks the components and copies the lists.
     *
     * @param ticketId our ticket id; connectors write it on the desk issue so that a retry finds the issue instead
     *         of creating a second one
     * @param subject the ticket's subject
     * @param description the ticket's description, plain text
     * @param category the category code (the ENT application concerned)
     * @param categoryLabel the category as people read it
     * @param requesterId the requester's user id
     * @param requesterName the requester's display name
     * @param schoolId the school's id (structure id, UAI)
     * @param schoolName the school's name
     * @param escalatedById the user id of the admin who escalates
     * @param escalatedByName that admin's display name
     * @param created when the ticket was filed
     * @param comments the comments so far, oldest first, each with its own attachments
     * @param attachments the files attached to the ticket itself (not to a comment)
     */
    public EscalationRequest {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(categoryLabel, "categoryLabel");
        Objects.requireNonNull(requesterId, "requesterId");
        Objects.requireNonNull(requesterName, "requesterName");
        Objects.requireNonNull(schoolId, "schoolId");
        Objects.requireNonNull(schoolName, "schoolName");
        Objects.requireNonNull(escalatedById, "escalatedById");
        Objects.requireNonNull(escalatedByName, "escalatedByName");
        Objects.requireNonNull(created, "created");
        if (subject.isBlank()) {
            throw new IllegalArgumentException("subject must not be blank");
        }
        comments = List.copyOf(comments);
        attachments = List.copyOf(attachments);
    }

    /**
     * Every file of the snapshot: the ticket's own, then each comment's, in order.
     *
     * @return every file of the snapshot: the ticket's own, then each comment's, in order
     */
    public List<OutgoingAttachment> allAttachments() {
        List<OutgoingAttachment> all = new ArrayList<>(attachments);
        comments.forEach(c -> all.addAll(c.attachments()));
        return List.copyOf(all);
    }

    /**
     * Starts a request for ticket {@code ticketId}.
     *
     * @param ticketId our ticket id; connectors write it on the desk issue so that a retry finds the issue instead
     *         of creating a second one
     * @return a new builder
     */
    public static Builder builder(long ticketId) {
        return new Builder(ticketId);
    }

    /** Builds an {@link EscalationRequest}. Every property is required but the lists. */
    public static final class Builder {
        private final long ticketId;
        private String subject = "";
        private String description = "";
        private String category = "";
        private String categoryLabel = "";
        private String requesterId = "";
        private String requesterName = "";
        private String schoolId = "";
        private String schoolName = "";
        private String escalatedById = "";
        private String escalatedByName = "";
        private Instant created = Instant.EPOCH;
        private final List<ForwardedComment> comments = new ArrayList<>();
        private final List<OutgoingAttachment> attachments = new ArrayList<>();

        private Builder(long ticketId) {
            this.ticketId = ticketId;
        }

        /**
         * The ticket's subject.
         *
         * @param value the ticket's subject
         * @return this builder
         */
        public Builder subject(String value) {
            this.subject = value;
            return this;
        }

        /**
         * The ticket's description.
         *
         * @param value the ticket's description
         * @return this builder
         */
        public Builder description(String value) {
            this.description = value;
            return this;
        }

        /**
         * The category code and its label.
         *
         * @param code the category code
         * @param label its display name
         * @return this builder
         */
        public Builder category(String code, String label) {
            this.category = code;
            this.categoryLabel = label;
            return this;
        }

        /**
         * The requester.
         *
         * @param id their user id
         * @param name their display name
         * @return this builder
         */
        public Builder requester(String id, String name) {
            this.requesterId = id;
            this.requesterName = name;
            return this;
        }

        /**
         * The school.
         *
         * @param id the school's id
         * @param name its display name
         * @return this builder
         */
        public Builder school(String id, String name) {
            this.schoolId = id;
            this.schoolName = name;
            return this;
        }

        /**
         * The admin who escalates.
         *
         * @param id their user id
         * @param name their display name
         * @return this builder
         */
        public Builder escalatedBy(String id, String name) {
            this.escalatedById = id;
            this.escalatedByName = name;
            return this;
        }

        /**
         * When the ticket was filed.
         *
         * @param value when the ticket was filed
         * @return this builder
         */
        public Builder created(Instant value) {
            this.created = value;
            return this;
        }

        /**
         * Adds a comment of the exchange so far (call oldest first).
         *
         * @param value a comment of the exchange so far (call oldest first)
         * @return this builder
         */
        public Builder comment(ForwardedComment value) {
            comments.add(Objects.requireNonNull(value, "comment"));
            return this;
        }

        /**
         * Adds a file attached to the ticket itself.
         *
         * @param value a file attached to the ticket itself
         * @return this builder
         */
        public Builder attachment(OutgoingAttachment value) {
            attachments.add(Objects.requireNonNull(value, "attachment"));
            return this;
        }

        /**
         * Builds the request.
         *
         * @return the request
         */
        public EscalationRequest build() {
            return new EscalationRequest(
                    ticketId,
                    subject,
                    description,
                    category,
                    categoryLabel,
                    requesterId,
                    requesterName,
                    schoolId,
                    schoolName,
                    escalatedById,
                    escalatedByName,
                    created,
                    comments,
                    attachments);
        }
    }
}

package org.entsupport.notify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Something happened to a support request, and these people must hear of it. Immutable; validated
 * when created, and every collection is copied.
 *
 * <p>A notification carries a stable {@link #type()}, plain-text {@link #parameters()} and a
 * {@link #link()}, never pre-rendered text: each notifier renders what suits its channel, usually
 * with {@link NotificationMessages#render(Notification, java.util.Locale)} in each recipient's
 * language.
 *
 * <pre>{@code
 * Notification n = Notification.builder()
 *         .type(NotificationType.TICKET_CREATED)
 *         .ticket(42, "42")
 *         .school("0750001A", "Collège Jean Moulin")
 *         .actor("u-owner", "Camille Martin")
 *         .recipient(Recipient.of("u-admin", "Dominique Petit", Locale.FRENCH))
 *         .occurredAt(Instant.now())
 *         .parameter(NotificationParameters.SUBJECT, "Cannot publish")
 *         .link(LinkTemplate.of("https://ent.example/support#/ticket/{id}").expand(42))
 *         .build();
 * }</pre>
 *
 * @param id           unique for every notification, kept across redeliveries: an idempotency key
 * @param type         what happened
 * @param ticketId     the id of the request, positive
 * @param ticketNumber the number shown to people ("n°42"), not blank
 * @param school       the id of the request's school, not blank
 * @param schoolName   the school's display name, when the host knows it
 * @param actorId      the user id of who made the change (for automatic changes, the id the
 *                     library uses for itself), not blank
 * @param actorName    their display name, not blank
 * @param recipients   who must hear of it: not empty, distinct user ids, in a stable order; the actor
 *                     is never among them
 * @param occurredAt   when the change happened
 * @param parameters   plain-text details; see {@link NotificationParameters} for the known keys.
 *                     Keys are not blank; iteration is in key order
 * @param link         the absolute http(s) address of the request's page, usually from a
 *                     {@link LinkTemplate}
 */
public record Notification(
        UUID id,
        NotificationType type,
        long ticketId,
        String ticketNumber,
        String school,
        Optional<String> schoolName,
        String actorId,
        String actorName,
        List<Recipient> recipients,
        Instant occurredAt,
        Map<String, String> parameters,
        String link) {

    /**
     * Validates every component and copies the collections.
     *
     * @param id unique for every notification, kept across redeliveries: an idempotency key
     * @param type what happened
     * @param ticketId the id of the request, positive
     * @param ticketNumber the number shown to people ("n°42"), not blank
     * @param school the id of the request's school, not blank
     * @param schoolName the school's display name, when the host knows it
     * @param actorId the user id of who made the change (for automatic changes, the id the library uses for
     *         itself), not blank
     * @param actorName their display name, not blank
     * @param recipients who must hear of it: not empty, distinct user ids, in a stable order; the actor is never
     *         among them
     * @param occurredAt when the change happened
     * @param parameters plain-text details; see {@link NotificationParameters} for the known keys. Keys are not
     *         blank; iteration is in key order
     * @param link the absolute http(s) address of the request's page, usually from a {@link LinkTemplate}
     */
    public Notification {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        if (ticketId <= 0) {
            throw new IllegalArgumentException("ticketId must be positive, but was " + ticketId);
        }
        Checks.notBlank("ticketNumber", ticketNumber);
        Checks.notBlank("school", school);
        Objects.requireNonNull(schoolName, "schoolName");
        schoolName.ifPresent(name -> Checks.notBlank("schoolName", name));
        Checks.notBlank("actorId", actorId);
        Checks.notBlank("actorName", actorName);
        Objects.requireNonNull(recipients, "recipients");
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("recipients must not be empty (notification " + id + ", type "
                    + type.code() + ", ticket " + ticketId + ")");
        }
        Set<String> seen = new HashSet<>();
        for (Recipient r : recipients) {
            if (!seen.add(r.userId())) {
                throw new IllegalArgumentException("recipients must have distinct user ids, but '" + r.userId()
                        + "' appears more than once (notification " + id + ")");
            }
        }
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(parameters, "parameters");
        Map<String, String> copy = new TreeMap<>();
        parameters.forEach((key, value) -> {
            Objects.requireNonNull(key, "parameter key");
            Checks.notBlank("parameter key", key);
            Objects.requireNonNull(value, () -> "parameter '" + key + "' must not be null");
            copy.put(key, value);
        });
        parameters = Collections.unmodifiableMap(copy);
        LinkTemplate.checkLink("link", link, link);
    }

    /**
     * The value of one parameter.
     *
     * @param key a key such as {@link NotificationParameters#SUBJECT}
     * @return its value, or empty when absent
     */
    public Optional<String> parameter(String key) {
        return Optional.ofNullable(parameters.get(key));
    }

    /**
     * The school's display name when known, else its id: what to show people.
     *
     * @return the school's display name when known, else its id: what to show people
     */
    public String schoolLabel() {
        return schoolName.orElse(school);
    }

    /**
     * Starts a notification with a random {@link #id()}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder that starts from this notification (same id), to derive a variant.
     *
     * @return this builder
     */
    public Builder toBuilder() {
        Builder b = new Builder()
                .id(id)
                .type(type)
                .ticket(ticketId, ticketNumber)
                .actor(actorId, actorName)
                .recipients(recipients)
                .occurredAt(occurredAt)
                .parameters(parameters)
                .link(link);
        b.school = school;
        b.schoolName = schoolName.orElse(null);
        return b;
    }

    /** Builds a {@link Notification}; {@link #build()} validates. Not thread-safe. */
    public static final class Builder {
        private UUID id = UUID.randomUUID();
        private NotificationType type;
        private long ticketId;
        private String ticketNumber;
        private String school;
        private String schoolName;
        private String actorId;
        private String actorName;
        private final List<Recipient> recipients = new ArrayList<>();
        private Instant occurredAt;
        private final Map<String, String> parameters = new LinkedHashMap<>();
        private String link;

        private Builder() {}

        /**
         * The id; a random one unless set (set it when rebuilding a stored notification).
         *
         * @param value the id; a random one unless set (set it when rebuilding a stored notification)
         * @return this builder
         */
        public Builder id(UUID value) {
            this.id = value;
            return this;
        }

        /**
         * What happened.
         *
         * @param value what happened
         * @return this builder
         */
        public Builder type(NotificationType value) {
            this.type = value;
            return this;
        }

        /**
         * The request's id and the number shown to people.
         *
         * @param id the request's id, positive
         * @param number the number shown to people, such as {@code "42"}
         * @return this builder
         */
        public Builder ticket(long id, String number) {
            this.ticketId = id;
            this.ticketNumber = number;
            return this;
        }

        /**
         * The request's school, by id only.
         *
         * @param id the school's id
         * @return this builder
         */
        public Builder school(String id) {
            this.school = id;
            this.schoolName = null;
            return this;
        }

        /**
         * The request's school, by id and display name.
         *
         * @param id the school's id
         * @param name the school's display name
         * @return this builder
         */
        public Builder school(String id, String name) {
            this.school = id;
            this.schoolName = Objects.requireNonNull(name, "schoolName");
            return this;
        }

        /**
         * Who made the change.
         *
         * @param userId their user id
         * @param displayName their display name
         * @return this builder
         */
        public Builder actor(String userId, String displayName) {
            this.actorId = userId;
            this.actorName = displayName;
            return this;
        }

        /**
         * Adds one recipient.
         *
         * @param value one recipient
         * @return this builder
         */
        public Builder recipient(Recipient value) {
            this.recipients.add(Objects.requireNonNull(value, "recipient"));
            return this;
        }

        /**
         * Replaces the recipients.
         *
         * @param values the recipients
         * @return this builder
         */
        public Builder recipients(List<Recipient> values) {
            this.recipients.clear();
            values.forEach(this::recipient);
            return this;
        }

        /**
         * When the change happened.
         *
         * @param value when the change happened
         * @return this builder
         */
        public Builder occurredAt(Instant value) {
            this.occurredAt = value;
            return this;
        }

        /**
         * Sets one parameter; see {@link NotificationParameters}.
         *
         * @param key a key such as {@link NotificationParameters#SUBJECT}
         * @param value one parameter; see {@link NotificationParameters}
         * @return this builder
         */
        public Builder parameter(String key, String value) {
            this.parameters.put(
                    Objects.requireNonNull(key, "parameter key"),
                    Objects.requireNonNull(value, () -> "parameter '" + key + "' must not be null"));
            return this;
        }

        /**
         * Replaces the parameters.
         *
         * @param values the parameters
         * @return this builder
         */
        public Builder parameters(Map<String, String> values) {
            this.parameters.clear();
            values.forEach(this::parameter);
            return this;
        }

        /**
         * The absolute address of the request's page.
         *
         * @param value the absolute address of the request's page
         * @return this builder
         */
        public Builder link(String value) {
            this.link = value;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the notification
         * @throws NullPointerException     naming a missing component
         * @throws IllegalArgumentException naming an invalid component and its value
         */
        public Notification build() {
            return new Notification(
                    id,
                    type,
                    ticketId,
                    ticketNumber,
                    school,
                    Optional.ofNullable(schoolName),
                    actorId,
                    actorName,
                    recipients,
                    occurredAt,
                    parameters,
                    link);
        }
    }
}

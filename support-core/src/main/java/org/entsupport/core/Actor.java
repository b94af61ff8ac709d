package org.entsupport.core;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Who is acting, as the host application knows them. The library trusts the host for identity and
 * decides, from this value and the ticket, what the actor may do.
 *
 * <pre>{@code
 * Actor alice = Actor.user("u-alice", "Alice Martin").memberOf("school-1", "school-2").build();
 * Actor referent = Actor.user("u-bob", "Bob Durand").memberOf("school-1").adminOf("school-1")
 *         .mayEscalateIn("school-1").build();
 * Actor root = Actor.user("u-root", "Support").platformAdmin().build();
 * }</pre>
 *
 * @param userId           the host's user id
 * @param displayName      the name shown to others
 * @param schools          the schools the actor belongs to (may file requests there)
 * @param adminSchools     the schools where the actor is a local admin ("référent")
 * @param platformAdmin    whether the actor administers the whole platform
 * @param escalationSchools the schools where the actor may hand requests over to the support desk
 * @param locale           the actor's language
 */
public record Actor(
        String userId,
        String displayName,
        Set<String> schools,
        Set<String> adminSchools,
        boolean platformAdmin,
        Set<String> escalationSchools,
        Locale locale) {

    /**
     * Checks the components and copies the sets.
     *
     * @param userId the host's user id
     * @param displayName the name shown to others
     * @param schools the schools the actor belongs to (may file requests there)
     * @param adminSchools the schools where the actor is a local admin ("référent")
     * @param platformAdmin whether the actor administers the whole platform
     * @param escalationSchools the schools where the actor may hand requests over to the support desk
     * @param locale the actor's language
     */
    public Actor {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(locale, "locale");
        if (userId.isBlank()) {
            throw new IllegalArgumentException("userId must not be blank");
        }
        schools = Set.copyOf(schools);
        adminSchools = Set.copyOf(adminSchools);
        escalationSchools = Set.copyOf(escalationSchools);
    }

    /**
     * Starts an actor with the given id and display name, French by default.
     *
     * @param userId the host's user id
     * @param displayName the name shown to others
     * @return a new builder
     */
    public static Builder user(String userId, String displayName) {
        return new Builder(userId, displayName);
    }

    /**
     * Whether the actor is a local admin of {@code school} or a platform admin.
     *
     * @param school the school's id
     * @return whether the actor is a local admin of {@code school} or a platform admin
     */
    public boolean administers(String school) {
        return platformAdmin || adminSchools.contains(school);
    }

    /**
     * Whether the actor may file requests for {@code school}.
     *
     * @param school the school's id
     * @return whether the actor may file requests for {@code school}
     */
    public boolean mayFileFor(String school) {
        return platformAdmin || schools.contains(school) || adminSchools.contains(school);
    }

    /** Builds an {@link Actor}. */
    public static final class Builder {
        private final String userId;
        private final String displayName;
        private final java.util.LinkedHashSet<String> schools = new java.util.LinkedHashSet<>();
        private final java.util.LinkedHashSet<String> adminSchools = new java.util.LinkedHashSet<>();
        private final java.util.LinkedHashSet<String> escalationSchools = new java.util.LinkedHashSet<>();
        private boolean platformAdmin;
        private Locale locale = Locale.FRENCH;

        private Builder(String userId, String displayName) {
            this.userId = Objects.requireNonNull(userId, "userId");
            this.displayName = Objects.requireNonNull(displayName, "displayName");
        }

        /**
         * Adds schools the actor belongs to.
         *
         * @param schoolIds schools the actor belongs to
         * @return this builder
         */
        public Builder memberOf(String... schoolIds) {
            schools.addAll(java.util.List.of(schoolIds));
            return this;
        }

        /**
         * Adds schools where the actor is a local admin (they also become member schools).
         *
         * @param schoolIds schools where the actor is a local admin (they also become member schools)
         * @return this builder
         */
        public Builder adminOf(String... schoolIds) {
            adminSchools.addAll(java.util.List.of(schoolIds));
            schools.addAll(java.util.List.of(schoolIds));
            return this;
        }

        /**
         * Adds schools where the actor may escalate requests to the support desk.
         *
         * @param schoolIds schools where the actor may escalate requests to the support desk
         * @return this builder
         */
        public Builder mayEscalateIn(String... schoolIds) {
            escalationSchools.addAll(java.util.List.of(schoolIds));
            return this;
        }

        /**
         * Makes the actor a platform admin: every school, every ticket.
         *
         * @return this builder
         */
        public Builder platformAdmin() {
            this.platformAdmin = true;
            return this;
        }

        /**
         * Sets the actor's language (French by default).
         *
         * @param value the actor's language (French by default)
         * @return this builder
         */
        public Builder locale(Locale value) {
            this.locale = Objects.requireNonNull(value, "locale");
            return this;
        }

        /**
         * Builds the actor.
         *
         * @return the actor
         */
        public Actor build() {
            return new Actor(userId, displayName, schools, adminSchools, platformAdmin, escalationSchools, locale);
        }
    }
}

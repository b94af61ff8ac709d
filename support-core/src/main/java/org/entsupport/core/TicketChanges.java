package org.entsupport.core;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A change of a ticket's editable fields, based on the version the caller read. Fields left
 * {@code null} are not changed. Status changes go through
 * {@link Support#changeStatus(Actor, long, org.entsupport.core.model.TicketStatus, long)}.
 *
 * @param expectedVersion the version the caller read; a stale one fails with
 *                        {@link TicketVersionConflictException}
 * @param subject         the new subject, or {@code null}
 * @param category        the new category, or {@code null}
 * @param description     the new description, or {@code null}
 */
public record TicketChanges(
        long expectedVersion,
        @Nullable String subject,
        @Nullable String category,
        @Nullable String description) {

    /**
     * Starts a change based on {@code expectedVersion}.
     *
     * @param expectedVersion the version the caller read; a stale one fails with {@link
     *         TicketVersionConflictException}
     * @return a change that changes nothing yet
     */
    public static TicketChanges basedOn(long expectedVersion) {
        return new TicketChanges(expectedVersion, null, null, null);
    }

    /**
     * A copy that also changes the subject.
     *
     * @param value the new subject
     * @return a copy that also changes the subject
     */
    public TicketChanges subject(String value) {
        return new TicketChanges(expectedVersion, value, category, description);
    }

    /**
     * A copy that also changes the category.
     *
     * @param value the new category
     * @return a copy that also changes the category
     */
    public TicketChanges category(String value) {
        return new TicketChanges(expectedVersion, subject, value, description);
    }

    /**
     * A copy that also changes the description.
     *
     * @param value the new description
     * @return a copy that also changes the description
     */
    public TicketChanges description(String value) {
        return new TicketChanges(expectedVersion, subject, category, value);
    }

    /**
     * The new subject, if changed.
     *
     * @return the new subject, if changed
     */
    public Optional<String> newSubject() {
        return Optional.ofNullable(subject);
    }

    /**
     * The new category, if changed.
     *
     * @return the new category, if changed
     */
    public Optional<String> newCategory() {
        return Optional.ofNullable(category);
    }

    /**
     * The new description, if changed.
     *
     * @return the new description, if changed
     */
    public Optional<String> newDescription() {
        return Optional.ofNullable(description);
    }
}

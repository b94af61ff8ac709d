package org.entsupport.core;

import java.util.Objects;
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
 * @param descriptionFormat whether the new description is plain text (the default) or HTML to sanitise
 */
public record TicketChanges(
        long expectedVersion,
        @Nullable String subject,
        @Nullable String category,
        @Nullable String description,
        TextFormat descriptionFormat) {

    /**
     * Checks the format.
     *
     * @param expectedVersion the version the caller read
     * @param subject the new subject, or {@code null}
     * @param category the new category, or {@code null}
     * @param description the new description, or {@code null}
     * @param descriptionFormat whether the new description is plain text or HTML to sanitise
     */
    public TicketChanges {
        Objects.requireNonNull(descriptionFormat, "descriptionFormat");
    }

    /**
     * A change whose description, if any, is plain text.
     *
     * @param expectedVersion the version the caller read; a stale one fails with {@link
     *         TicketVersionConflictException}
     * @param subject the new subject, or {@code null}
     * @param category the new category, or {@code null}
     * @param description the new plain-text description, or {@code null}
     */
    public TicketChanges(
            long expectedVersion, @Nullable String subject, @Nullable String category, @Nullable String description) {
        this(expectedVersion, subject, category, description, TextFormat.PLAIN);
    }

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
        return new TicketChanges(expectedVersion, value, category, description, descriptionFormat);
    }

    /**
     * A copy that also changes the category.
     *
     * @param value the new category
     * @return a copy that also changes the category
     */
    public TicketChanges category(String value) {
        return new TicketChanges(expectedVersion, subject, value, description, descriptionFormat);
    }

    /**
     * A copy that also changes the description, given as plain text.
     *
     * @param value the new description
     * @return a copy that also changes the description
     */
    public TicketChanges description(String value) {
        return new TicketChanges(expectedVersion, subject, category, value, TextFormat.PLAIN);
    }

    /**
     * A copy that also changes the description, given as HTML from a rich-text editor (sanitised, see
     * {@link TextFormat#HTML}).
     *
     * @param value the new description's HTML
     * @return a copy that also changes the description
     */
    public TicketChanges descriptionHtml(String value) {
        return new TicketChanges(expectedVersion, subject, category, value, TextFormat.HTML);
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

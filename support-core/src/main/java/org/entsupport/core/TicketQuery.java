package org.entsupport.core;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.entsupport.core.model.SortDirection;
import org.entsupport.core.model.TicketSort;
import org.entsupport.core.model.TicketStatus;
import org.jspecify.annotations.Nullable;

/**
 * What to list: filters, order and page. The actor's permissions always narrow the result further:
 * a query can only reduce what the actor may see.
 *
 * <pre>{@code
 * Page<Ticket> first = support.list(actor, TicketQuery.builder().statuses(NEW, OPENED).build());
 * Page<Ticket> next = support.list(actor, TicketQuery.builder().statuses(NEW, OPENED)
 *         .after(first.nextCursor().orElseThrow()).build());
 * }</pre>
 *
 * @param statuses  the statuses to show; empty for all
 * @param schools   the schools to show; empty for all the actor may see
 * @param ownership all, only the actor's own tickets, or only others'
 * @param text      words to find (accent- and case-insensitive) in subject, description, author
 *                  name and ticket number, or {@code null}
 * @param sort      the order (default {@link TicketSort#MODIFIED})
 * @param direction the direction (default {@link SortDirection#DESC}, newest first)
 * @param pageSize  tickets per page, 1..{@link SupportSettings#maxPageSize()}
 * @param cursor    the {@link Page#nextCursor()} of the previous page, or {@code null} for the first
 */
public record TicketQuery(
        Set<TicketStatus> statuses,
        Set<String> schools,
        Ownership ownership,
        @Nullable String text,
        TicketSort sort,
        SortDirection direction,
        int pageSize,
        @Nullable String cursor) {

    /** The page size when none is given. */
    public static final int DEFAULT_PAGE_SIZE = 25;

    /**
     * Checks the components and copies the sets.
     *
     * @param statuses the statuses to show; empty for all
     * @param schools the schools to show; empty for all the actor may see
     * @param ownership all, only the actor's own tickets, or only others'
     * @param text words to find (accent- and case-insensitive) in subject, description, author name and ticket
     *         number, or {@code null}
     * @param sort the order (default {@link TicketSort#MODIFIED})
     * @param direction the direction (default {@link SortDirection#DESC}, newest first)
     * @param pageSize tickets per page, 1..{@link SupportSettings#maxPageSize()}
     * @param cursor the {@link Page#nextCursor()} of the previous page, or {@code null} for the first
     */
    public TicketQuery {
        statuses = statuses.isEmpty() ? Set.of() : Set.copyOf(statuses);
        schools = Set.copyOf(schools);
        Objects.requireNonNull(ownership, "ownership");
        Objects.requireNonNull(sort, "sort");
        Objects.requireNonNull(direction, "direction");
    }

    /**
     * The default query: everything visible, newest change first, first page.
     *
     * @return the default query: everything visible, newest change first, first page
     */
    public static TicketQuery all() {
        return builder().build();
    }

    /**
     * Starts a query.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link TicketQuery}. */
    public static final class Builder {
        private final Set<TicketStatus> statuses = EnumSet.noneOf(TicketStatus.class);
        private final Set<String> schools = new LinkedHashSet<>();
        private Ownership ownership = Ownership.ALL;
        private @Nullable String text;
        private TicketSort sort = TicketSort.MODIFIED;
        private SortDirection direction = SortDirection.DESC;
        private int pageSize = DEFAULT_PAGE_SIZE;
        private @Nullable String cursor;

        private Builder() {}

        /**
         * Only these statuses.
         *
         * @param values the statuses
         * @return this builder
         */
        public Builder statuses(TicketStatus... values) {
            statuses.addAll(java.util.List.of(values));
            return this;
        }

        /**
         * Only these statuses.
         *
         * @param values the statuses
         * @return this builder
         */
        public Builder statuses(Set<TicketStatus> values) {
            statuses.addAll(values);
            return this;
        }

        /**
         * Only these schools.
         *
         * @param values the school ids
         * @return this builder
         */
        public Builder schools(String... values) {
            schools.addAll(java.util.List.of(values));
            return this;
        }

        /**
         * Mine, others' or all.
         *
         * @param value mine, others' or all
         * @return this builder
         */
        public Builder ownership(Ownership value) {
            this.ownership = Objects.requireNonNull(value, "ownership");
            return this;
        }

        /**
         * Text to search for, or {@code null}.
         *
         * @param value text to search for, or {@code null}
         * @return this builder
         */
        public Builder text(@Nullable String value) {
            this.text = value;
            return this;
        }

        /**
         * The order and its direction.
         *
         * @param value the order
         * @param dir ascending or descending
         * @return this builder
         */
        public Builder sort(TicketSort value, SortDirection dir) {
            this.sort = Objects.requireNonNull(value, "sort");
            this.direction = Objects.requireNonNull(dir, "direction");
            return this;
        }

        /**
         * Tickets per page.
         *
         * @param value tickets per page
         * @return this builder
         */
        public Builder pageSize(int value) {
            this.pageSize = value;
            return this;
        }

        /**
         * Continue after the page that returned this cursor.
         *
         * @param value the cursor of the previous page ({@link Page#nextCursor()}), or {@code null} for the
         *         first page
         * @return this builder
         */
        public Builder after(@Nullable String value) {
            this.cursor = value;
            return this;
        }

        /**
         * Builds the query.
         *
         * @return the query
         */
        public TicketQuery build() {
            return new TicketQuery(statuses, schools, ownership, text, sort, direction, pageSize, cursor);
        }
    }
}

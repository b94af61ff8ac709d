package org.entsupport.core;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of a bulk operation, ticket by ticket. Each ticket is changed in its own transaction,
 * so one refusal does not undo the others.
 *
 * @param outcomes the outcome per ticket id, in the order the ids were given
 */
public record BulkResult(Map<Long, Outcome> outcomes) {

    /**
     * Copies the map, keeping its order.
     *
     * @param outcomes the outcome per ticket id, in the order the ids were given
     */
    public BulkResult {
        outcomes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outcomes));
    }

    /**
     * How many tickets were changed.
     *
     * @return how many tickets were changed
     */
    public long changedCount() {
        return outcomes.values().stream().filter(o -> o.kind() == Kind.CHANGED).count();
    }

    /** What happened to one ticket. */
    public enum Kind {
        /** Changed. */
        CHANGED,
        /** Already in the target state; nothing written. */
        UNCHANGED,
        /** Not found, or not visible to the actor. */
        NOT_FOUND,
        /** Visible but refused (workflow, rights, state). */
        REFUSED,
        /**
         * The store failed for this ticket (a lost connection, an unexpected database error): nothing was
         * written for it, the other tickets were still processed, and it may be tried again.
         */
        FAILED
    }

    /**
     * The outcome for one ticket.
     *
     * @param kind   what happened
     * @param reason for REFUSED, NOT_FOUND and FAILED, the English reason
     * @param error  for REFUSED, NOT_FOUND and FAILED, the exception (for its user message)
     */
    public record Outcome(
            Kind kind, @Nullable String reason, @Nullable SupportException error) {

        /**
         * Checks the kind.
         *
         * @param kind what happened
         * @param reason for REFUSED and NOT_FOUND, the English reason
         * @param error for REFUSED and NOT_FOUND, the exception (for its user message)
         */
        public Outcome {
            Objects.requireNonNull(kind, "kind");
        }

        /**
         * A changed ticket.
         *
         * @return the outcome of a changed ticket
         */
        public static Outcome changed() {
            return new Outcome(Kind.CHANGED, null, null);
        }

        /**
         * A ticket already in the target state.
         *
         * @return the outcome of a ticket already in the target state
         */
        public static Outcome unchanged() {
            return new Outcome(Kind.UNCHANGED, null, null);
        }

        /**
         * A failure.
         *
         * @param error the exception (for its user message): a {@link StoreException} makes the outcome
         *         FAILED, a {@link TicketNotFoundException} NOT_FOUND, any other REFUSED
         * @return the outcome of a ticket that was refused, not found, or failed in the store
         */
        public static Outcome failed(SupportException error) {
            return new Outcome(
                    error instanceof TicketNotFoundException
                            ? Kind.NOT_FOUND
                            : error instanceof StoreException ? Kind.FAILED : Kind.REFUSED,
                    error.getMessage(),
                    error);
        }
    }
}

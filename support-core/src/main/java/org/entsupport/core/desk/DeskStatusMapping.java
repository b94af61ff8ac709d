package org.entsupport.core.desk;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.entsupport.core.model.TicketStatus;

/**
 * Which ticket status a desk status means. Immutable. Keys are the desk's raw status strings
 * ({@link IssueChanges#status()}), compared without regard to case or surrounding blanks.
 *
 * <p>An unmapped desk status maps to nothing: the synchroniser then leaves the ticket's status alone
 * (a desk's custom "Waiting for vendor" status need not touch the ticket). Each connector publishes
 * its defaults (for instance {@code RedmineDesk.DEFAULT_STATUS_MAPPING}); adjust them with
 * {@link #with} and {@link #without}:
 *
 * <pre>{@code
 * DeskStatusMapping mapping = RedmineDesk.DEFAULT_STATUS_MAPPING
 *         .with("7", TicketStatus.WAITING)      // a custom "Waiting for the school" status
 *         .without("4");                        // leave Feedback unmapped
 * }</pre>
 *
 * <p>Mapping to {@link TicketStatus#NEW} is refused: a desk cannot make a request "not yet looked at".
 *
 * @param entries desk status (normalised: trimmed, lower case) to ticket status
 */
public record DeskStatusMapping(Map<String, TicketStatus> entries) {

    /**
     * Validates and copies the entries.
     *
     * @param entries desk status (normalised: trimmed, lower case) to ticket status
     */
    public DeskStatusMapping {
        Map<String, TicketStatus> copy = new LinkedHashMap<>();
        entries.forEach((k, v) -> {
            Objects.requireNonNull(k, "desk status");
            Objects.requireNonNull(v, "ticket status for desk status " + k);
            String key = normalise(k);
            if (key.isEmpty()) {
                throw new IllegalArgumentException("desk status must not be blank, but was '" + k + "'");
            }
            if (v == TicketStatus.NEW) {
                throw new IllegalArgumentException(
                        "desk status '" + k + "' must map to OPENED, WAITING, RESOLVED or CLOSED, but was NEW");
            }
            if (copy.put(key, v) != null) {
                throw new IllegalArgumentException("desk status '" + k + "' is mapped twice");
            }
        });
        entries = Map.copyOf(copy);
    }

    /**
     * A mapping of the given entries.
     *
     * @param entries desk status (normalised: trimmed, lower case) to ticket status
     * @return a mapping of the given entries
     */
    public static DeskStatusMapping of(Map<String, TicketStatus> entries) {
        return new DeskStatusMapping(entries);
    }

    /**
     * A mapping that maps nothing: desk statuses never change tickets.
     *
     * @return a mapping that maps nothing: desk statuses never change tickets
     */
    public static DeskStatusMapping none() {
        return new DeskStatusMapping(Map.of());
    }

    /**
     * The ticket status a desk status means.
     *
     * @param deskStatus the raw desk status
     * @return the ticket status, or empty when unmapped
     */
    public Optional<TicketStatus> map(String deskStatus) {
        return Optional.ofNullable(entries.get(normalise(deskStatus)));
    }

    /**
     * A copy where {@code deskStatus} maps to {@code status} (replacing any previous entry).
     *
     * @param deskStatus the raw desk status
     * @param status the ticket status it maps to
     * @return a copy where {@code deskStatus} maps to {@code status} (replacing any previous entry)
     */
    public DeskStatusMapping with(String deskStatus, TicketStatus status) {
        Map<String, TicketStatus> copy = new LinkedHashMap<>(entries);
        copy.put(normalise(deskStatus), status);
        return new DeskStatusMapping(copy);
    }

    /**
     * A copy where {@code deskStatus} is unmapped.
     *
     * @param deskStatus the raw desk status
     * @return a copy where {@code deskStatus} is unmapped
     */
    public DeskStatusMapping without(String deskStatus) {
        Map<String, TicketStatus> copy = new LinkedHashMap<>(entries);
        copy.remove(normalise(deskStatus));
        return new DeskStatusMapping(copy);
    }

    private static String normalise(String deskStatus) {
        return deskStatus.strip().toLowerCase(Locale.ROOT);
    }
}

package org.entsupport.core.spi;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where the import of one file of a desk comment stands. The synchroniser keeps one per desk file so that
 * each is imported exactly once: a failed download is tried again on later polls until it succeeds or the
 * desk says it will never give the file, which readers are then told.
 *
 * @param desk      the desk's name
 * @param fileId    the desk's id of the file ({@code DeskAttachment#id()})
 * @param ticketId  the ticket the file belongs to
 * @param fileName  the file's name on the desk, as readers are told when it is unavailable
 * @param state     where the import stands
 * @param attempts  how many downloads were tried
 * @param lastError why the last attempt failed, for administrators and logs, or {@code null}
 * @param updated   when the state last changed
 */
public record DeskFileImport(
        String desk,
        String fileId,
        long ticketId,
        String fileName,
        State state,
        int attempts,
        @Nullable String lastError,
        Instant updated) {

    /** Where an import stands; persisted by {@link #code()}. */
    public enum State {
        /** Not imported yet: the next poll tries again. */
        PENDING(1),
        /** On the ticket. */
        IMPORTED(2),
        /** The desk will never give it (deleted, refused, too large, untrusted host) or our policy refused it. */
        UNAVAILABLE(3);

        private final int code;

        State(int code) {
            this.code = code;
        }

        /**
         * The persisted code.
         *
         * @return the persisted code
         */
        public int code() {
            return code;
        }

        /**
         * The state with that code.
         *
         * @param code a persisted code
         * @return the state
         * @throws IllegalArgumentException when no state has that code
         */
        public static State of(int code) {
            for (State s : values()) {
                if (s.code == code) {
                    return s;
                }
            }
            throw new IllegalArgumentException("no desk file state has the code " + code);
        }

        /**
         * Whether nothing more will be tried.
         *
         * @return whether the file is imported or unavailable
         */
        public boolean isFinal() {
            return this != PENDING;
        }
    }

    /**
     * Checks the components.
     *
     * @param desk the desk's name
     * @param fileId the desk's id of the file
     * @param ticketId the ticket the file belongs to
     * @param fileName the file's name on the desk
     * @param state where the import stands
     * @param attempts how many downloads were tried, zero or more
     * @param lastError why the last attempt failed, or {@code null}
     * @param updated when the state last changed
     */
    public DeskFileImport {
        Objects.requireNonNull(desk, "desk");
        Objects.requireNonNull(fileId, "fileId");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(updated, "updated");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must be zero or more, but was " + attempts);
        }
    }
}

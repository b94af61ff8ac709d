package org.entsupport.jdbc.internal;

import java.sql.SQLException;
import org.entsupport.core.StoreException;
import org.entsupport.core.StoreOutcomeUnknownException;
import org.jspecify.annotations.Nullable;

/** Turns JDBC and jOOQ failures into the library's exceptions, with the ticket id when there is one. */
final class Errors {

    private Errors() {}

    /** Whether {@code e} (or a cause) is a violation of a unique constraint, on any supported database. */
    static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                // 23505: PostgreSQL and H2; MariaDB/MySQL: 23000 with error 1062 (duplicate entry)
                if ("23505".equals(state) || ("23000".equals(state) && sql.getErrorCode() == 1062)) {
                    return true;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /**
     * A store failure while doing {@code what}.
     *
     * @param what     what the store was doing, such as "read"
     * @param ticketId the ticket concerned, or {@code null}
     * @param cause    the JDBC or jOOQ exception
     */
    static StoreException failure(String what, @Nullable Long ticketId, Throwable cause) {
        String subject = ticketId == null ? "" : " (ticket " + ticketId + ")";
        return new StoreException("The support store failed to " + what + subject + ": " + describe(cause), cause);
    }

    /**
     * The failure of a commit. A commit the database refused for a reason of its own (an integrity or
     * serialization failure, SQL state class 23 or 40) was rolled back; any other failure, above all a lost
     * connection (PostgreSQL 57P01 or class 08, MariaDB's connection errors, H2's closed connection), leaves the
     * outcome unknown: the database may have committed and only its answer was lost.
     *
     * @param ticketId the ticket concerned, or {@code null}
     * @param cause    what {@link java.sql.Connection#commit()} threw
     */
    static StoreException commitFailure(@Nullable Long ticketId, Throwable cause) {
        String state = cause instanceof SQLException sql ? sql.getSQLState() : null;
        if (state != null && (state.startsWith("23") || state.startsWith("40"))) {
            return failure("commit", ticketId, cause);
        }
        String subject = ticketId == null ? "" : " (ticket " + ticketId + ")";
        return new StoreOutcomeUnknownException(
                "The support store lost the answer to a commit" + subject
                        + ", so the change may have been saved or not; retry it with the same idempotency key: "
                        + describe(cause),
                cause);
    }

    /** The innermost SQL state and message of {@code e}. */
    static String describe(Throwable e) {
        SQLException sql = null;
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLException s) {
                sql = s;
            }
        }
        if (sql == null) {
            return String.valueOf(e.getMessage());
        }
        return sql.getMessage() + " [SQLState " + sql.getSQLState() + "]";
    }
}

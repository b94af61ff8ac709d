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

    /**
     * Whether {@code e} (or a cause) says the database cannot be reached or dropped the connection, rather
     * than refusing a statement: SQL state class 08 (connection exception), a connection the pool could not
     * give in time, a server shutting down or terminating the session (PostgreSQL 57P01..57P03), a closed
     * H2 database, or a network failure.
     */
    static boolean isUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLTransientConnectionException
                    || t instanceof java.sql.SQLNonTransientConnectionException
                    || t instanceof java.net.ConnectException
                    || t instanceof java.net.SocketException
                    || t instanceof java.io.EOFException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = String.valueOf(sql.getSQLState());
                if (state.startsWith("08")
                        || state.equals("57P01")
                        || state.equals("57P02")
                        || state.equals("57P03")
                        // H2: database closed, database called at shutdown, connection broken
                        || state.equals("90098")
                        || state.equals("90121")
                        || state.equals("90067")) {
                    return true;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** A JDBC URL without its credentials (user info and password or user parameters). */
    static String withoutCredentials(String url) {
        return url.replaceAll("//[^/@?;]*@", "//").replaceAll("(?i)(password|user)=[^&;]*", "$1=***");
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

package org.entsupport.core;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The store's database could not be reached, or dropped the connection: it is down, restarting, out of
 * connections, or the network failed. The call failed within the store's connection timeout rather than
 * waiting; nothing was written, and the same call may succeed once the database is back (the store
 * reconnects by itself). The message names the database (its URL, without credentials) and the reason.
 */
public class StoreUnavailableException extends StoreException {

    private static final long serialVersionUID = 1L;

    /** Which database, as a URL without credentials. */
    private final String database;

    /**
     * Creates the exception.
     *
     * @param database which database, such as its JDBC URL without credentials
     * @param message what failed and why; should name {@code database}
     * @param cause the adapter's exception
     */
    public StoreUnavailableException(String database, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.database = Objects.requireNonNull(database, "database");
    }

    /**
     * Which database could not be reached, such as its JDBC URL without credentials.
     *
     * @return which database could not be reached
     */
    public String database() {
        return database;
    }
}

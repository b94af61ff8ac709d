package org.entsupport.core.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.entsupport.core.desk.InstallationId;
import org.jspecify.annotations.Nullable;

/**
 * Where the desk synchroniser keeps its state: per desk, the cursor it reads from and the lease that
 * lets one node poll the desk at a time; and the desk issues whose import failed, read again later.
 * Implemented by every store (on the same database, so that all nodes share it).
 */
public interface DeskSyncStore {

    /**
     * Takes the poll lease of {@code desk} for {@code owner} until {@code now + lease}, if nobody else
     * holds an unexpired one (renewing it when {@code owner} holds it already).
     *
     * @param desk the desk's name
     * @param owner the node or relay that holds the lease
     * @param now the current time
     * @param lease how long the lease lasts
     * @return the persisted state when the lease was granted, empty when another node holds it
     */
    Optional<SyncState> acquire(String desk, String owner, Instant now, Duration lease);

    /**
     * Saves the cursor after a poll, if {@code owner} still holds the lease; returns whether it did.
     *
     * @param desk the desk's name
     * @param owner the node or relay that holds the lease
     * @param cursor the cursor to read from, or {@code null} before the first poll
     * @param now the current time
     * @return whether the cursor was saved ({@code false}: the lease was lost, the cursor is unchanged)
     */
    boolean saveCursor(String desk, String owner, String cursor, Instant now);

    /**
     * Gives the lease back early (after a poll), if {@code owner} holds it.
     *
     * @param desk the desk's name
     * @param owner the node or relay that holds the lease
     */
    void release(String desk, String owner);

    /**
     * Remembers a desk issue whose import failed, to read it again on a later poll.
     *
     * @param desk the desk's name
     * @param externalId the id on the desk
     * @param now the current time
     */
    void markForResync(String desk, String externalId, Instant now);

    /**
     * The desk issues waiting to be read again, oldest first.
     *
     * @param desk the desk's name
     * @param limit the most items to return, at least 1
     * @return the desk issues waiting to be read again, oldest first
     */
    List<String> resyncBacklog(String desk, int limit);

    /**
     * Forgets a desk issue once it was imported.
     *
     * @param desk the desk's name
     * @param externalId the id on the desk
     */
    void resynced(String desk, String externalId);

    /**
     * The id of this installation of the library, stored once in the database: the first call stores
     * {@code candidate} and returns it; every later call (from any node) returns the stored one.
     *
     * @param candidate the id to store when none is
     * @return the stored id
     */
    InstallationId installation(InstallationId candidate);

    /**
     * The state of one desk's synchroniser.
     *
     * @param cursor   the cursor to read from, or {@code null} before the first poll
     * @param lastPoll when the last poll saved its cursor, or {@code null}
     */
    record SyncState(@Nullable String cursor, @Nullable Instant lastPoll) {}
}

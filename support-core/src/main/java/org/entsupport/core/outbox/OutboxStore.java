package org.entsupport.core.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The relay's view of the outbox. Rows are written by the facade through
 * {@link org.entsupport.core.spi.StoreTransaction#enqueue}; this port claims, settles and lists them.
 *
 * <p>Claims must be exclusive across threads and nodes sharing one database: a claimed row carries a
 * lease (its owner and an expiry) and is handed to nobody else until the lease expires (use
 * {@code FOR UPDATE SKIP LOCKED} where the database has it). A relay that dies keeps its rows until
 * their lease expires; then another relay claims them again. Settling a row checks that the caller
 * still holds its lease, so a relay whose lease was taken over cannot overwrite the new owner's outcome.
 */
public interface OutboxStore {

    /**
     * Claims up to {@code limit} pending rows of the given channels due at {@code now} and not leased
     * by anyone (or whose lease expired), oldest due first, leasing them to {@code owner} until
     * {@code now + lease}. Rows of other channels are left untouched for the nodes that deliver them: a
     * node that lacks a channel (a rolling deploy, a node without the e-mail notifier) never takes its
     * rows.
     *
     * @param now the current time
     * @param limit the most items to return, at least 1
     * @param lease how long the claim lasts
     * @param owner the node or relay that holds the lease
     * @param channels the channels the caller delivers; none claims nothing
     * @return the claimed rows, oldest due first
     */
    List<OutboxMessage> claimDue(Instant now, int limit, Duration lease, String owner, Set<String> channels);

    /**
     * Marks a row delivered, if {@code owner} still holds its lease; returns whether it did.
     *
     * @param id the row's id
     * @param owner the node or relay that holds the lease
     * @return whether the row was marked ({@code false}: the lease was lost)
     */
    boolean markDelivered(UUID id, String owner);

    /**
     * Marks delivered, in one transaction, those of {@code ids} whose lease {@code owner} still holds;
     * returns how many it marked. The relay acknowledges each claimed batch with one call. The
     * default settles the rows one by one; a database store overrides it with one statement.
     *
     * @param ids the rows' ids (may be empty)
     * @param owner the node or relay that holds the leases
     * @return how many rows were marked (fewer than {@code ids.size()}: some leases were lost)
     */
    default int markAllDelivered(Collection<UUID> ids, String owner) {
        int marked = 0;
        for (UUID id : ids) {
            if (markDelivered(id, owner)) {
                marked++;
            }
        }
        return marked;
    }

    /**
     * Records a failed attempt and schedules the next one, if {@code owner} still holds the lease.
     *
     * @param id the row's id
     * @param owner the node or relay that holds the lease
     * @param attempts the attempt count after this failure
     * @param nextDue  when to try again
     * @param error    what failed (bounded by the store)
     * @return whether the attempt was recorded ({@code false}: the lease was lost)
     */
    boolean markRetry(UUID id, String owner, int attempts, Instant nextDue, String error);

    /**
     * Gives up on a row, keeping its last error, if {@code owner} still holds the lease.
     *
     * @param id the row's id
     * @param owner the node or relay that holds the lease
     * @param attempts the attempt count after this failure
     * @param error what failed (bounded by the store)
     * @return whether the row was marked dead ({@code false}: the lease was lost)
     */
    boolean markDead(UUID id, String owner, int attempts, String error);

    /**
     * The dead rows, oldest first, at most {@code limit}.
     *
     * @param limit the most items to return, at least 1
     * @return the dead rows, oldest first, at most {@code limit}
     */
    List<OutboxMessage> deadMessages(int limit);

    /**
     * Makes a dead row pending again with no attempts, due at {@code now}; returns whether it was dead.
     *
     * @param id the row's id
     * @param now the current time
     * @return whether the row was dead (and is now pending again)
     */
    boolean requeue(UUID id, Instant now);

    /**
     * Reads one row.
     *
     * @param id the row's id
     * @return the row, or empty when there is none with this id
     */
    Optional<OutboxMessage> find(UUID id);

    /**
     * How many rows are pending (claimed or not).
     *
     * @return how many rows are pending (claimed or not)
     */
    long pendingCount();

    /**
     * Deletes up to {@code limit} delivered rows created before {@code before}, oldest first; returns
     * how many it deleted. Pending and dead rows are never deleted by it. Called in small batches by
     * the housekeeping, so that no call holds its locks for long.
     *
     * @param before the rows created before this instant go
     * @param limit the most rows to delete in this call, at least 1
     * @return how many rows were deleted
     */
    int purgeDelivered(Instant before, int limit);

    /**
     * Deletes a dead row, as an administrator does with a dead letter nobody will re-queue; returns
     * whether it was dead (a pending or delivered row is left alone).
     *
     * @param id the row's id
     * @return whether the row was dead (and is now deleted)
     */
    boolean purgeDead(UUID id);
}

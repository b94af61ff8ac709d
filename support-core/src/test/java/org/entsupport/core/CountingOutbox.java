package org.entsupport.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.entsupport.core.outbox.OutboxMessage;
import org.entsupport.core.outbox.OutboxStore;

/**
 * An outbox over another one that records how a relay claims and settles rows, and can play a store
 * whose settling writes find the lease lost ({@link #leasesLost}) or fail ({@link #settlingFails}).
 */
class CountingOutbox implements OutboxStore {
    private final OutboxStore delegate;
    /** The size of each {@code markAllDelivered} call, in order. */
    final List<Integer> acknowledgements = new CopyOnWriteArrayList<>();
    /** The ids of each {@code markAllDelivered} call, in order. */
    final List<UUID> acknowledged = new CopyOnWriteArrayList<>();
    /** The lease token of each claim, in order. */
    final List<String> claimTokens = new CopyOnWriteArrayList<>();
    /** How many rows all claims returned. */
    final AtomicInteger claimedRows = new AtomicInteger();

    final AtomicInteger singleMarks = new AtomicInteger();
    final AtomicInteger deadMarks = new AtomicInteger();
    volatile boolean leasesLost;
    volatile boolean settlingFails;

    CountingOutbox(OutboxStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public List<OutboxMessage> claimDue(Instant now, int limit, Duration lease, String owner, Set<String> channels) {
        claimTokens.add(owner);
        List<OutboxMessage> rows = delegate.claimDue(now, limit, lease, owner, channels);
        claimedRows.addAndGet(rows.size());
        return rows;
    }

    @Override
    public boolean markDelivered(UUID id, String owner) {
        singleMarks.incrementAndGet();
        return delegate.markDelivered(id, owner);
    }

    @Override
    public int markAllDelivered(Collection<UUID> ids, String owner) {
        acknowledgements.add(ids.size());
        acknowledged.addAll(ids);
        return delegate.markAllDelivered(ids, owner);
    }

    private void settling() {
        if (settlingFails) {
            throw new IllegalStateException("the outbox is unavailable");
        }
    }

    @Override
    public boolean markRetry(UUID id, String owner, int attempts, Instant nextDue, String error) {
        settling();
        return !leasesLost && delegate.markRetry(id, owner, attempts, nextDue, error);
    }

    @Override
    public boolean markDead(UUID id, String owner, int attempts, String error) {
        deadMarks.incrementAndGet();
        settling();
        return !leasesLost && delegate.markDead(id, owner, attempts, error);
    }

    @Override
    public List<OutboxMessage> deadMessages(int limit) {
        return delegate.deadMessages(limit);
    }

    @Override
    public boolean requeue(UUID id, Instant now) {
        return delegate.requeue(id, now);
    }

    @Override
    public Optional<OutboxMessage> find(UUID id) {
        return delegate.find(id);
    }

    @Override
    public long pendingCount() {
        return delegate.pendingCount();
    }

    @Override
    public int purgeDelivered(Instant before, int limit) {
        return delegate.purgeDelivered(before, limit);
    }

    @Override
    public boolean purgeDead(UUID id) {
        return delegate.purgeDead(id);
    }
}

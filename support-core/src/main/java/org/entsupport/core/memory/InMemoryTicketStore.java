package org.entsupport.core.memory;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import org.entsupport.core.TicketNotFoundException;
import org.entsupport.core.TicketVersionConflictException;
import org.entsupport.core.model.Attachment;
import org.entsupport.core.model.Comment;
import org.entsupport.core.model.HistoryEvent;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketStatus;
import org.entsupport.core.spi.AttachmentDraft;
import org.entsupport.core.spi.CommentDraft;
import org.entsupport.core.spi.DuplicateIdempotencyKeyException;
import org.entsupport.core.spi.EventDraft;
import org.entsupport.core.spi.PageRequest;
import org.entsupport.core.spi.StoreTransaction;
import org.entsupport.core.spi.TicketDraft;
import org.entsupport.core.spi.TicketFilter;
import org.entsupport.core.spi.TicketStore;
import org.jspecify.annotations.Nullable;

// Over 400 lines on purpose: it is the reference implementation of the whole store SPI (tickets, comments,
// events, attachments, the outbox and the desk-sync leases) under one lock, so that its transactions stay
// serial and roll back as one; split, the pieces would have to share that lock and its rollback anyway.

/**
 * A {@link TicketStore} in memory: for tests, examples and hosts that need no persistence.
 *
 * <p>Transactions are serial (one at a time, under a lock) and roll back completely when the work
 * throws. Lists scan every ticket, which is fine for thousands of tickets, not for millions; use
 * the JDBC store for that.
 */
public final class InMemoryTicketStore implements TicketStore {

    private final ReentrantLock lock = new ReentrantLock();
    private final TreeMap<Long, Ticket> tickets = new TreeMap<>();
    private final Map<String, Long> idempotencyKeys = new HashMap<>();
    private final Map<String, org.entsupport.core.spi.IdempotentWrite> idempotentWrites = new HashMap<>();
    private final Map<Long, List<Comment>> comments = new HashMap<>();
    private final Map<Long, List<HistoryEvent>> events = new HashMap<>();
    private final Map<Long, List<Attachment>> attachments = new HashMap<>();
    private final Map<Long, String> storageKeys = new HashMap<>();
    private final Map<java.util.UUID, OutboxRow> outboxRows = new java.util.LinkedHashMap<>();
    private final InMemoryOutbox outbox = new InMemoryOutbox();
    private long nextTicketId = 1;
    private long nextCommentId = 1;
    private long nextEventId = 1;
    private long nextAttachmentId = 1;

    /** Creates an empty store. */
    public InMemoryTicketStore() {}

    @Override
    public <T> T inTransaction(TransactionWork<T> work) {
        lock.lock();
        Tx tx = new Tx();
        try {
            T result = work.run(tx);
            tx.open = false;
            return result;
        } catch (RuntimeException | Error e) {
            tx.rollback();
            throw e;
        } finally {
            tx.open = false;
            lock.unlock();
        }
    }

    @Override
    public org.entsupport.core.outbox.OutboxStore outbox() {
        return outbox;
    }

    @Override
    public Optional<org.entsupport.core.spi.LifecycleStore> lifecycle() {
        return Optional.of(lifecycle);
    }

    private final org.entsupport.core.spi.LifecycleStore lifecycle = new InMemoryLifecycle();

    @Override
    public org.entsupport.core.spi.DeskSyncStore deskSync() {
        return deskSync;
    }

    private final org.entsupport.core.spi.DeskSyncStore deskSync = new InMemoryDeskSync();
    private org.entsupport.core.desk.@Nullable InstallationId installation;
    private final Map<String, org.entsupport.core.spi.DeskFileImport> deskFiles = new HashMap<>();

    private final class InMemoryDeskSync implements org.entsupport.core.spi.DeskSyncStore {
        private final Map<String, String[]> state = new HashMap<>(); // cursor, leaseOwner
        private final Map<String, Instant> leases = new HashMap<>();
        private final Map<String, Instant> polls = new HashMap<>();
        private final Map<String, java.util.LinkedHashMap<String, Instant>> backlog = new HashMap<>();

        @Override
        public Optional<SyncState> acquire(String desk, String owner, Instant now, java.time.Duration lease) {
            return locked(() -> {
                String[] s = state.computeIfAbsent(desk, d -> new String[2]);
                Instant until = leases.get(desk);
                if (s[1] != null && !s[1].equals(owner) && until != null && until.isAfter(now)) {
                    return Optional.empty();
                }
                s[1] = owner;
                leases.put(desk, now.plus(lease));
                return Optional.of(new SyncState(s[0], polls.get(desk)));
            });
        }

        @Override
        public boolean saveCursor(String desk, String owner, String cursor, Instant now) {
            return locked(() -> {
                String[] s = state.get(desk);
                if (s == null || !owner.equals(s[1])) {
                    return false;
                }
                s[0] = cursor;
                polls.put(desk, now);
                return true;
            });
        }

        @Override
        public void release(String desk, String owner) {
            locked(() -> {
                String[] s = state.get(desk);
                if (s != null && owner.equals(s[1])) {
                    s[1] = null;
                    leases.remove(desk);
                }
                return null;
            });
        }

        @Override
        public org.entsupport.core.desk.InstallationId installation(org.entsupport.core.desk.InstallationId candidate) {
            java.util.Objects.requireNonNull(candidate, "candidate");
            return locked(() -> {
                if (installation == null) {
                    installation = candidate;
                }
                return installation;
            });
        }

        @Override
        public void markForResync(String desk, String externalId, Instant now) {
            locked(() -> backlog.computeIfAbsent(desk, d -> new java.util.LinkedHashMap<>())
                    .putIfAbsent(externalId, now));
        }

        @Override
        public List<String> resyncBacklog(String desk, int limit) {
            return locked(() -> backlog.getOrDefault(desk, new java.util.LinkedHashMap<>()).keySet().stream()
                    .limit(limit)
                    .toList());
        }

        @Override
        public void resynced(String desk, String externalId) {
            locked(() -> {
                java.util.LinkedHashMap<String, Instant> b = backlog.get(desk);
                return b == null ? null : b.remove(externalId);
            });
        }
    }

    /** A stored outbox row: the message and its lease. */
    private record OutboxRow(
            org.entsupport.core.outbox.OutboxMessage message,
            @Nullable String leaseOwner,
            @Nullable Instant leaseUntil) {}

    private final class InMemoryOutbox implements org.entsupport.core.outbox.OutboxStore {

        @Override
        public List<org.entsupport.core.outbox.OutboxMessage> claimDue(
                Instant now, int limit, java.time.Duration lease, String owner, java.util.Set<String> channels) {
            return locked(() -> {
                List<org.entsupport.core.outbox.OutboxMessage> claimed = new ArrayList<>();
                outboxRows.values().stream()
                        .filter(r -> r.message().state() == org.entsupport.core.outbox.OutboxState.PENDING)
                        .filter(r -> channels.contains(r.message().channel()))
                        .filter(r -> !r.message().dueAt().isAfter(now))
                        .filter(r -> r.leaseUntil() == null || !r.leaseUntil().isAfter(now))
                        .sorted(Comparator.comparing(
                                        (OutboxRow r) -> r.message().dueAt())
                                .thenComparing(r -> r.message().createdAt()))
                        .limit(limit)
                        .toList()
                        .forEach(r -> {
                            outboxRows.put(r.message().id(), new OutboxRow(r.message(), owner, now.plus(lease)));
                            claimed.add(r.message());
                        });
                return claimed;
            });
        }

        private boolean settle(
                java.util.UUID id,
                String owner,
                java.util.function.UnaryOperator<org.entsupport.core.outbox.OutboxMessage> change) {
            return locked(() -> {
                OutboxRow r = outboxRows.get(id);
                if (r == null
                        || !owner.equals(r.leaseOwner())
                        || r.message().state() != org.entsupport.core.outbox.OutboxState.PENDING) {
                    return false;
                }
                outboxRows.put(id, new OutboxRow(change.apply(r.message()), null, null));
                return true;
            });
        }

        private static org.entsupport.core.outbox.OutboxMessage with(
                org.entsupport.core.outbox.OutboxMessage m,
                Instant due,
                int attempts,
                org.entsupport.core.outbox.OutboxState state,
                @Nullable String error) {
            return new org.entsupport.core.outbox.OutboxMessage(
                    m.id(),
                    m.channel(),
                    m.kind(),
                    m.ticketId(),
                    m.payload(),
                    m.createdAt(),
                    due,
                    attempts,
                    state,
                    error);
        }

        @Override
        public boolean markDelivered(java.util.UUID id, String owner) {
            return settle(
                    id,
                    owner,
                    m -> with(
                            m,
                            m.dueAt(),
                            m.attempts(),
                            org.entsupport.core.outbox.OutboxState.DELIVERED,
                            m.lastError()));
        }

        @Override
        public boolean markRetry(java.util.UUID id, String owner, int attempts, Instant nextDue, String error) {
            return settle(
                    id, owner, m -> with(m, nextDue, attempts, org.entsupport.core.outbox.OutboxState.PENDING, error));
        }

        @Override
        public boolean markDead(java.util.UUID id, String owner, int attempts, String error) {
            return settle(
                    id, owner, m -> with(m, m.dueAt(), attempts, org.entsupport.core.outbox.OutboxState.DEAD, error));
        }

        @Override
        public List<org.entsupport.core.outbox.OutboxMessage> deadMessages(int limit) {
            return locked(() -> outboxRows.values().stream()
                    .map(OutboxRow::message)
                    .filter(m -> m.state() == org.entsupport.core.outbox.OutboxState.DEAD)
                    .sorted(Comparator.comparing(org.entsupport.core.outbox.OutboxMessage::createdAt))
                    .limit(limit)
                    .toList());
        }

        @Override
        public boolean requeue(java.util.UUID id, Instant now) {
            return locked(() -> {
                OutboxRow r = outboxRows.get(id);
                if (r == null || r.message().state() != org.entsupport.core.outbox.OutboxState.DEAD) {
                    return false;
                }
                outboxRows.put(
                        id,
                        new OutboxRow(
                                with(
                                        r.message(),
                                        now,
                                        0,
                                        org.entsupport.core.outbox.OutboxState.PENDING,
                                        r.message().lastError()),
                                null,
                                null));
                return true;
            });
        }

        @Override
        public Optional<org.entsupport.core.outbox.OutboxMessage> find(java.util.UUID id) {
            return locked(() -> Optional.ofNullable(outboxRows.get(id)).map(OutboxRow::message));
        }

        @Override
        public int purgeDelivered(Instant before, int limit) {
            return locked(() -> {
                List<java.util.UUID> gone = outboxRows.values().stream()
                        .map(OutboxRow::message)
                        .filter(m -> m.state() == org.entsupport.core.outbox.OutboxState.DELIVERED)
                        .filter(m -> m.createdAt().isBefore(before))
                        .sorted(Comparator.comparing(org.entsupport.core.outbox.OutboxMessage::createdAt))
                        .limit(limit)
                        .map(org.entsupport.core.outbox.OutboxMessage::id)
                        .toList();
                gone.forEach(outboxRows::remove);
                return gone.size();
            });
        }

        @Override
        public boolean purgeDead(java.util.UUID id) {
            return locked(() -> {
                OutboxRow r = outboxRows.get(id);
                if (r == null || r.message().state() != org.entsupport.core.outbox.OutboxState.DEAD) {
                    return false;
                }
                outboxRows.remove(id);
                return true;
            });
        }

        @Override
        public long pendingCount() {
            return locked(() -> outboxRows.values().stream()
                    .filter(r -> r.message().state() == org.entsupport.core.outbox.OutboxState.PENDING)
                    .count());
        }
    }

    /** Runs {@code work} under the store's lock (the outbox and the desk state share it with transactions). */
    private <T> T locked(java.util.function.Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    private static String key(String owner, String idempotencyKey) {
        return owner + '\u0000' + idempotencyKey;
    }

    private static String writeKey(String actor, String operation, long ticketId, String idempotencyKey) {
        return actor + '\u0000' + operation + '\u0000' + ticketId + '\u0000' + idempotencyKey;
    }

    private final class Tx implements StoreTransaction {
        private final Deque<Runnable> undo = new ArrayDeque<>();
        private boolean open = true;

        private void check() {
            if (!open) {
                throw new IllegalStateException("this transaction has ended");
            }
        }

        void rollback() {
            while (!undo.isEmpty()) {
                undo.pop().run();
            }
        }

        @Override
        public Optional<Ticket> findTicket(long id) {
            check();
            return Optional.ofNullable(tickets.get(id));
        }

        @Override
        public Optional<Ticket> lockTicket(long id) {
            return findTicket(id);
        }

        @Override
        public Ticket insertTicket(TicketDraft d) {
            check();
            if (d.idempotencyKey() != null && idempotencyKeys.containsKey(key(d.owner(), d.idempotencyKey()))) {
                throw new DuplicateIdempotencyKeyException(d.owner(), d.idempotencyKey(), null);
            }
            long id = nextTicketId++;
            Ticket t = new Ticket(
                    id,
                    d.owner(),
                    d.ownerName(),
                    d.school(),
                    d.category(),
                    d.subject(),
                    d.description(),
                    d.status(),
                    org.entsupport.core.model.EscalationStatus.NOT_DONE,
                    d.created(),
                    d.created(),
                    d.created(),
                    1,
                    d.locale(),
                    0,
                    d.attachmentCount(),
                    null,
                    d.descriptionHtml());
            tickets.put(id, t);
            undo.push(() -> tickets.remove(id));
            if (d.idempotencyKey() != null) {
                String k = key(d.owner(), d.idempotencyKey());
                idempotencyKeys.put(k, id);
                undo.push(() -> idempotencyKeys.remove(k));
            }
            return t;
        }

        @Override
        public Optional<Ticket> findByIdempotencyKey(String owner, String idempotencyKey) {
            check();
            Long id = idempotencyKeys.get(key(owner, idempotencyKey));
            return id == null ? Optional.empty() : Optional.ofNullable(tickets.get(id));
        }

        @Override
        public Optional<org.entsupport.core.spi.IdempotentWrite> findIdempotentWrite(
                String actor, String operation, long ticketId, String key) {
            check();
            return Optional.ofNullable(idempotentWrites.get(writeKey(actor, operation, ticketId, key)));
        }

        @Override
        public void insertIdempotentWrite(org.entsupport.core.spi.IdempotentWrite w) {
            check();
            if (!tickets.containsKey(w.ticketId())) {
                throw new TicketNotFoundException(w.ticketId());
            }
            String k = writeKey(w.actor(), w.operation(), w.ticketId(), w.key());
            if (idempotentWrites.containsKey(k)) {
                throw new DuplicateIdempotencyKeyException(w.actor(), w.operation(), w.ticketId(), w.key(), null);
            }
            idempotentWrites.put(k, w);
            undo.push(() -> idempotentWrites.remove(k));
        }

        @Override
        public void updateTicket(Ticket ticket, long expectedVersion) {
            check();
            Ticket current = tickets.get(ticket.id());
            if (current == null) {
                throw new TicketNotFoundException(ticket.id());
            }
            if (current.version() != expectedVersion) {
                throw new TicketVersionConflictException(ticket.id(), expectedVersion, current.version());
            }
            tickets.put(ticket.id(), ticket);
            undo.push(() -> tickets.put(current.id(), current));
        }

        @Override
        public Comment insertComment(CommentDraft d) {
            check();
            List<Comment> list = comments.computeIfAbsent(d.ticketId(), k -> new ArrayList<>());
            if (d.externalId() != null) {
                for (Comment c : list) {
                    if (d.externalId().equals(c.externalId())) {
                        throw new org.entsupport.core.spi.DuplicateExternalIdException(
                                d.ticketId(), d.externalId(), null);
                    }
                }
            }
            Comment c = new Comment(
                    nextCommentId++,
                    d.ticketId(),
                    d.author(),
                    d.authorName(),
                    d.body(),
                    d.created(),
                    d.origin(),
                    d.externalId(),
                    d.bodyHtml());
            list.add(c);
            undo.push(() -> list.remove(c));
            return c;
        }

        @Override
        public void setCommentExternalId(long ticketId, long commentId, String externalId) {
            check();
            List<Comment> list = comments.getOrDefault(ticketId, new ArrayList<>());
            for (Comment c : list) {
                if (externalId.equals(c.externalId()) && c.id() != commentId) {
                    throw new org.entsupport.core.spi.DuplicateExternalIdException(ticketId, externalId, null);
                }
            }
            for (int i = 0; i < list.size(); i++) {
                Comment c = list.get(i);
                if (c.id() == commentId) {
                    Comment changed = new Comment(
                            c.id(),
                            c.ticketId(),
                            c.author(),
                            c.authorName(),
                            c.body(),
                            c.created(),
                            c.origin(),
                            externalId,
                            c.bodyHtml());
                    int index = i;
                    list.set(index, changed);
                    undo.push(() -> list.set(index, c));
                    return;
                }
            }
        }

        @Override
        public Optional<Ticket> findByDeskIssue(String desk, String externalId) {
            check();
            return tickets.values().stream()
                    .filter(t -> t.escalation() != null
                            && desk.equals(t.escalation().desk())
                            && externalId.equals(t.escalation().externalId()))
                    .findFirst();
        }

        @Override
        public Optional<org.entsupport.core.spi.DeskFileImport> deskFile(String desk, String fileId) {
            check();
            return Optional.ofNullable(deskFiles.get(desk + "\n" + fileId));
        }

        @Override
        public void saveDeskFile(org.entsupport.core.spi.DeskFileImport file) {
            check();
            String key = file.desk() + "\n" + file.fileId();
            org.entsupport.core.spi.DeskFileImport before = deskFiles.put(key, file);
            undo.push(() -> {
                if (before == null) {
                    deskFiles.remove(key);
                } else {
                    deskFiles.put(key, before);
                }
            });
        }

        @Override
        public List<Ticket> escalatedTo(String desk, long afterTicketId, int limit) {
            check();
            return tickets.tailMap(afterTicketId, false).values().stream()
                    .filter(t -> t.escalationStatus() == org.entsupport.core.model.EscalationStatus.SUCCESSFUL
                            && t.escalation() != null
                            && desk.equals(t.escalation().desk())
                            && t.escalation().externalId() != null)
                    .limit(limit)
                    .toList();
        }

        @Override
        public List<Comment> comments(long ticketId) {
            check();
            List<Comment> list = new ArrayList<>(comments.getOrDefault(ticketId, List.of()));
            list.sort(Comparator.comparing(Comment::created).thenComparingLong(Comment::id));
            return list;
        }

        @Override
        public HistoryEvent insertEvent(EventDraft d) {
            check();
            List<HistoryEvent> list = events.computeIfAbsent(d.ticketId(), k -> new ArrayList<>());
            HistoryEvent e =
                    new HistoryEvent(nextEventId++, d.ticketId(), d.actor(), d.type(), d.created(), d.parameters());
            list.add(e);
            undo.push(() -> list.remove(e));
            return e;
        }

        @Override
        public List<HistoryEvent> events(long ticketId) {
            check();
            List<HistoryEvent> list = new ArrayList<>(events.getOrDefault(ticketId, List.of()));
            list.sort(Comparator.comparing(HistoryEvent::created).thenComparingLong(HistoryEvent::id));
            return list;
        }

        @Override
        public Attachment insertAttachment(AttachmentDraft d) {
            check();
            List<Attachment> list = attachments.computeIfAbsent(d.ticketId(), k -> new ArrayList<>());
            Attachment a = new Attachment(
                    nextAttachmentId++,
                    d.ticketId(),
                    d.commentId(),
                    d.fileName(),
                    d.mediaType(),
                    d.size(),
                    d.uploader(),
                    d.created(),
                    d.origin());
            list.add(a);
            storageKeys.put(a.id(), d.storageKey());
            undo.push(() -> {
                list.remove(a);
                storageKeys.remove(a.id());
            });
            return a;
        }

        @Override
        public Optional<String> storageKey(long ticketId, long attachmentId) {
            check();
            boolean onTicket =
                    attachments.getOrDefault(ticketId, List.of()).stream().anyMatch(a -> a.id() == attachmentId);
            return onTicket ? Optional.ofNullable(storageKeys.get(attachmentId)) : Optional.empty();
        }

        @Override
        public List<Attachment> attachments(long ticketId) {
            check();
            List<Attachment> list = new ArrayList<>(attachments.getOrDefault(ticketId, List.of()));
            list.sort(Comparator.comparing(Attachment::created).thenComparingLong(Attachment::id));
            return list;
        }

        @Override
        public List<Ticket> list(TicketFilter filter, PageRequest page) {
            check();
            return tickets.values().stream()
                    .filter(filter::matches)
                    .filter(page::isAfterPosition)
                    .sorted(page.comparator())
                    .limit(page.limit())
                    .toList();
        }

        @Override
        public Map<TicketStatus, Long> countByStatus(TicketFilter filter) {
            check();
            Map<TicketStatus, Long> counts = new EnumMap<>(TicketStatus.class);
            for (Ticket t : tickets.values()) {
                if (filter.matches(t)) {
                    counts.merge(t.status(), 1L, Long::sum);
                }
            }
            return counts;
        }

        @Override
        public void enqueue(org.entsupport.core.outbox.OutboxDraft d) {
            check();
            if (outboxRows.containsKey(d.id())) {
                throw new IllegalArgumentException("outbox message " + d.id() + " exists already");
            }
            org.entsupport.core.outbox.OutboxMessage m = new org.entsupport.core.outbox.OutboxMessage(
                    d.id(),
                    d.channel(),
                    d.kind(),
                    d.ticketId(),
                    d.payload(),
                    d.dueAt(),
                    d.dueAt(),
                    0,
                    org.entsupport.core.outbox.OutboxState.PENDING,
                    null);
            outboxRows.put(d.id(), new OutboxRow(m, null, null));
            undo.push(() -> outboxRows.remove(d.id()));
        }

        @Override
        public List<Ticket> resolvedBefore(Instant cutoff, int limit) {
            check();
            return tickets.values().stream()
                    .filter(t -> t.status() == TicketStatus.RESOLVED
                            && !t.statusChanged().isAfter(cutoff))
                    .sorted(Comparator.comparing(Ticket::statusChanged).thenComparingLong(Ticket::id))
                    .limit(limit)
                    .toList();
        }
    }

    /**
     * The data lifecycle over the maps of this store, each call under the store's lock (one "transaction").
     * There is no news feed in memory.
     */
    private final class InMemoryLifecycle implements org.entsupport.core.spi.LifecycleStore {
        private final List<org.entsupport.core.spi.LifecycleLogEntry> log = new ArrayList<>();
        private @Nullable String secret;

        @Override
        public java.util.Set<String> displayNames(String userId) {
            return locked(() -> {
                java.util.Set<String> names = new java.util.TreeSet<>();
                tickets.values().stream().filter(t -> t.owner().equals(userId)).forEach(t -> names.add(t.ownerName()));
                comments.values().stream()
                        .flatMap(List::stream)
                        .filter(c -> c.author().equals(userId))
                        .forEach(c -> names.add(c.authorName()));
                return names;
            });
        }

        @Override
        public int anonymise(org.entsupport.core.spi.Pseudonym p, org.entsupport.core.DataKind kind, int limit) {
            return locked(() -> switch (kind) {
                case TICKETS -> anonymiseTickets(p, limit);
                case COMMENTS -> anonymiseComments(p, limit);
                case EVENTS -> anonymiseEvents(p, limit);
                case FEED_ENTRIES -> 0;
                default -> throw new IllegalArgumentException("cannot anonymise " + kind + " in place");
            });
        }

        private int anonymiseTickets(org.entsupport.core.spi.Pseudonym p, int limit) {
            // the keys their retries were told apart by name them: forgotten with the first batch
            idempotentWrites.values().removeIf(w -> w.actor().equals(p.userId()));
            List<Ticket> due = tickets.values().stream()
                    .filter(t -> t.owner().equals(p.userId())
                            || (t.escalation() != null
                                    && t.escalation().escalatedBy().equals(p.userId())))
                    .limit(limit)
                    .toList();
            for (Ticket t : due) {
                boolean owned = t.owner().equals(p.userId());
                org.entsupport.core.model.Escalation e = t.escalation();
                if (e != null && e.escalatedBy().equals(p.userId())) {
                    e = new org.entsupport.core.model.Escalation(
                            p.id(),
                            e.escalatedAt(),
                            e.desk(),
                            e.externalId(),
                            e.externalUrl(),
                            e.lastSync(),
                            e.failure(),
                            e.deskStatus());
                }
                String html = t.descriptionHtml();
                Ticket changed = new Ticket(
                        t.id(),
                        owned ? p.id() : t.owner(),
                        owned ? p.displayName() : t.ownerName(),
                        t.school(),
                        t.category(),
                        owned ? p.scrub(t.subject()) : t.subject(),
                        owned ? p.scrub(t.description()) : t.description(),
                        t.status(),
                        t.escalationStatus(),
                        t.created(),
                        t.modified(),
                        t.statusChanged(),
                        t.version() + 1,
                        t.locale(),
                        t.commentCount(),
                        t.attachmentCount(),
                        e,
                        owned && html != null ? p.scrubHtml(html) : html);
                tickets.put(t.id(), changed);
                if (owned) {
                    for (Map.Entry<String, Long> k : new ArrayList<>(idempotencyKeys.entrySet())) {
                        if (k.getValue() == t.id() && k.getKey().startsWith(p.userId() + '\u0000')) {
                            idempotencyKeys.remove(k.getKey());
                            idempotencyKeys.put(
                                    p.id() + k.getKey().substring(p.userId().length()), t.id());
                        }
                    }
                }
            }
            return due.size();
        }

        private int anonymiseComments(org.entsupport.core.spi.Pseudonym p, int limit) {
            int changed = 0;
            for (List<Comment> list : comments.values()) {
                for (int i = 0; i < list.size() && changed < limit; i++) {
                    Comment c = list.get(i);
                    if (c.author().equals(p.userId())) {
                        String html = c.bodyHtml();
                        list.set(
                                i,
                                new Comment(
                                        c.id(),
                                        c.ticketId(),
                                        p.id(),
                                        p.displayName(),
                                        p.scrub(c.body()),
                                        c.created(),
                                        c.origin(),
                                        c.externalId(),
                                        html == null ? null : p.scrubHtml(html)));
                        changed++;
                    }
                }
            }
            return changed;
        }

        private int anonymiseEvents(org.entsupport.core.spi.Pseudonym p, int limit) {
            int changed = 0;
            for (List<HistoryEvent> list : events.values()) {
                for (int i = 0; i < list.size() && changed < limit; i++) {
                    HistoryEvent e = list.get(i);
                    if (p.userId().equals(e.actor())) {
                        Map<String, String> parameters = new java.util.HashMap<>();
                        e.parameters().forEach((k, v) -> parameters.put(k, p.scrub(v)));
                        list.set(i, new HistoryEvent(e.id(), e.ticketId(), p.id(), e.type(), e.created(), parameters));
                        changed++;
                    }
                }
            }
            return changed;
        }

        @Override
        public OutboxBatch anonymiseOutbox(
                org.entsupport.core.spi.Pseudonym p,
                java.util.function.UnaryOperator<String> rewrite,
                String afterId,
                int limit) {
            return locked(() -> {
                List<OutboxRow> rows = outboxRows.values().stream()
                        .filter(r -> r.message().id().toString().compareTo(afterId) > 0
                                && r.message().payload().contains(p.userId()))
                        .sorted(Comparator.comparing(r -> r.message().id().toString()))
                        .limit(limit)
                        .toList();
                int changed = 0;
                String last = afterId;
                for (OutboxRow r : rows) {
                    org.entsupport.core.outbox.OutboxMessage m = r.message();
                    last = m.id().toString();
                    String payload = rewrite.apply(m.payload());
                    if (!payload.equals(m.payload())) {
                        outboxRows.put(
                                m.id(),
                                new OutboxRow(
                                        new org.entsupport.core.outbox.OutboxMessage(
                                                m.id(),
                                                m.channel(),
                                                m.kind(),
                                                m.ticketId(),
                                                payload,
                                                m.createdAt(),
                                                m.dueAt(),
                                                m.attempts(),
                                                m.state(),
                                                m.lastError()),
                                        r.leaseOwner(),
                                        r.leaseUntil()));
                        changed++;
                    }
                }
                return new OutboxBatch(rows.size(), changed, last);
            });
        }

        @Override
        public List<Ticket> ticketsOwnedBy(String userId, long afterId, int limit) {
            return locked(() -> tickets.tailMap(afterId, false).values().stream()
                    .filter(t -> t.owner().equals(userId))
                    .limit(limit)
                    .toList());
        }

        @Override
        public List<Comment> commentsBy(String userId, long afterId, int limit) {
            return locked(() -> comments.values().stream()
                    .flatMap(List::stream)
                    .filter(c -> c.author().equals(userId) && c.id() > afterId)
                    .sorted(Comparator.comparingLong(Comment::id))
                    .limit(limit)
                    .toList());
        }

        @Override
        public List<HistoryEvent> eventsBy(String userId, long afterId, int limit) {
            return locked(() -> events.values().stream()
                    .flatMap(List::stream)
                    .filter(e -> userId.equals(e.actor()) && e.id() > afterId)
                    .sorted(Comparator.comparingLong(HistoryEvent::id))
                    .limit(limit)
                    .toList());
        }

        @Override
        public List<org.entsupport.core.spi.StoredAttachment> attachmentsBy(String userId, long afterId, int limit) {
            return locked(() -> attachments.values().stream()
                    .flatMap(List::stream)
                    .filter(a -> a.uploader().equals(userId) && a.id() > afterId)
                    .sorted(Comparator.comparingLong(Attachment::id))
                    .limit(limit)
                    .map(a -> new org.entsupport.core.spi.StoredAttachment(a, storageKeys.getOrDefault(a.id(), "")))
                    .toList());
        }

        @Override
        public int deleteAttachments(java.util.Collection<Long> attachmentIds) {
            return locked(() -> {
                int deleted = 0;
                for (List<Attachment> list : attachments.values()) {
                    for (java.util.Iterator<Attachment> it = list.iterator(); it.hasNext(); ) {
                        Attachment a = it.next();
                        if (attachmentIds.contains(a.id())) {
                            it.remove();
                            storageKeys.remove(a.id());
                            Ticket t = tickets.get(a.ticketId());
                            if (t != null) {
                                tickets.put(t.id(), withAttachmentCount(t, Math.max(0, t.attachmentCount() - 1)));
                            }
                            deleted++;
                        }
                    }
                }
                return deleted;
            });
        }

        private Ticket withAttachmentCount(Ticket t, int count) {
            return new Ticket(
                    t.id(),
                    t.owner(),
                    t.ownerName(),
                    t.school(),
                    t.category(),
                    t.subject(),
                    t.description(),
                    t.status(),
                    t.escalationStatus(),
                    t.created(),
                    t.modified(),
                    t.statusChanged(),
                    t.version(),
                    t.locale(),
                    t.commentCount(),
                    count,
                    t.escalation(),
                    t.descriptionHtml());
        }

        @Override
        public List<Long> closedBefore(Instant cutoff, int limit) {
            return locked(() -> tickets.values().stream()
                    .filter(t -> t.status() == TicketStatus.CLOSED
                            && !t.statusChanged().isAfter(cutoff))
                    .sorted(Comparator.comparing(Ticket::statusChanged).thenComparingLong(Ticket::id))
                    .limit(limit)
                    .map(Ticket::id)
                    .toList());
        }

        @Override
        public Optional<org.entsupport.core.spi.TicketPurge> purgeTicket(
                long ticketId, @Nullable Instant closedBefore) {
            return locked(() -> {
                Ticket t = tickets.get(ticketId);
                if (t == null
                        || (closedBefore != null
                                && (t.status() != TicketStatus.CLOSED
                                        || t.statusChanged().isAfter(closedBefore)))) {
                    return Optional.empty();
                }
                Map<org.entsupport.core.DataKind, Integer> rows =
                        new java.util.EnumMap<>(org.entsupport.core.DataKind.class);
                List<String> keys = new ArrayList<>();
                List<Attachment> files = attachments.remove(ticketId);
                if (files != null) {
                    for (Attachment a : files) {
                        String k = storageKeys.remove(a.id());
                        if (k != null) {
                            keys.add(k);
                        }
                    }
                    rows.put(org.entsupport.core.DataKind.ATTACHMENTS, files.size());
                }
                List<Comment> cs = comments.remove(ticketId);
                rows.put(org.entsupport.core.DataKind.COMMENTS, cs == null ? 0 : cs.size());
                List<HistoryEvent> es = events.remove(ticketId);
                rows.put(org.entsupport.core.DataKind.EVENTS, es == null ? 0 : es.size());
                int outboxGone = 0;
                for (java.util.Iterator<OutboxRow> it = outboxRows.values().iterator(); it.hasNext(); ) {
                    if (it.next().message().ticketId() == ticketId) {
                        it.remove();
                        outboxGone++;
                    }
                }
                rows.put(org.entsupport.core.DataKind.OUTBOX_MESSAGES, outboxGone);
                int links = 0;
                for (java.util.Iterator<org.entsupport.core.spi.DeskFileImport> it =
                                deskFiles.values().iterator();
                        it.hasNext(); ) {
                    if (it.next().ticketId() == ticketId) {
                        it.remove();
                        links++;
                    }
                }
                rows.put(org.entsupport.core.DataKind.DESK_LINKS, links);
                idempotencyKeys.values().removeIf(id -> id == ticketId);
                idempotentWrites.values().removeIf(w -> w.ticketId() == ticketId);
                tickets.remove(ticketId);
                rows.put(org.entsupport.core.DataKind.TICKETS, 1);
                return Optional.of(new org.entsupport.core.spi.TicketPurge(rows, keys));
            });
        }

        @Override
        public java.util.Set<String> referencedStorageKeys(java.util.Collection<String> keys) {
            return locked(() -> {
                java.util.Set<String> referenced = new java.util.HashSet<>(storageKeys.values());
                referenced.retainAll(keys);
                return referenced;
            });
        }

        @Override
        public void appendLog(org.entsupport.core.spi.LifecycleLogEntry entry) {
            locked(() -> log.add(entry));
        }

        @Override
        public List<org.entsupport.core.spi.LifecycleLogEntry> log(int limit) {
            return locked(() -> {
                List<org.entsupport.core.spi.LifecycleLogEntry> newest = new ArrayList<>(log);
                java.util.Collections.reverse(newest);
                return List.copyOf(newest.subList(0, Math.min(limit, newest.size())));
            });
        }

        @Override
        public String pseudonymSecret(String candidate) {
            return locked(() -> {
                if (secret == null) {
                    secret = candidate;
                }
                return secret;
            });
        }
    }
}

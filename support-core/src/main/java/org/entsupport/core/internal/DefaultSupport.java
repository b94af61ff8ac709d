package org.entsupport.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.entsupport.core.AccessDeniedException;
import org.entsupport.core.Actor;
import org.entsupport.core.BulkResult;
import org.entsupport.core.EscalationNotAllowedException;
import org.entsupport.core.IllegalTransitionException;
import org.entsupport.core.NewAttachment;
import org.entsupport.core.NewComment;
import org.entsupport.core.NewTicket;
import org.entsupport.core.ReopenWindowExpiredException;
import org.entsupport.core.Support;
import org.entsupport.core.SupportException;
import org.entsupport.core.SupportSettings;
import org.entsupport.core.TicketChanges;
import org.entsupport.core.TicketNotFoundException;
import org.entsupport.core.TicketPage;
import org.entsupport.core.TicketQuery;
import org.entsupport.core.TicketVersionConflictException;
import org.entsupport.core.attachment.AttachmentContent;
import org.entsupport.core.attachment.AttachmentNotFoundException;
import org.entsupport.core.attachment.NewFile;
import org.entsupport.core.attachment.internal.AttachmentIntake;
import org.entsupport.core.attachment.internal.StagedFile;
import org.entsupport.core.model.Attachment;
import org.entsupport.core.model.Comment;
import org.entsupport.core.model.Escalation;
import org.entsupport.core.model.EscalationStatus;
import org.entsupport.core.model.EventType;
import org.entsupport.core.model.HistoryEvent;
import org.entsupport.core.model.Origin;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketStatus;
import org.entsupport.core.model.TimelineEntry;
import org.entsupport.core.outbox.OutboxRelay;
import org.entsupport.core.spi.AttachmentDraft;
import org.entsupport.core.spi.CategoryCatalog;
import org.entsupport.core.spi.CommentDraft;
import org.entsupport.core.spi.Directory;
import org.entsupport.core.spi.DuplicateIdempotencyKeyException;
import org.entsupport.core.spi.EventDraft;
import org.entsupport.core.spi.Keyset;
import org.entsupport.core.spi.PageRequest;
import org.entsupport.core.spi.SearchText;
import org.entsupport.core.spi.StoreTransaction;
import org.entsupport.core.spi.TicketDraft;
import org.entsupport.core.spi.TicketFilter;
import org.entsupport.core.spi.TicketStore;
import org.entsupport.notify.NotificationParameters;
import org.entsupport.notify.NotificationType;
import org.entsupport.notify.Notifier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The facade: checks, then one store transaction per operation. */
public final class DefaultSupport implements Support {

    private static final Logger LOG = LoggerFactory.getLogger(Support.class);

    private final TicketStore store;
    private final CategoryCatalog categories;
    private final Clock clock;
    private final SupportSettings settings;
    private final Predicate<String> escalationEnabled;
    private final Notifications notifications;
    private final OutboxRelay relay;
    private final Duration autoCloseInterval;
    private final Map<String, DeskBridge> desks;
    private final java.util.function.Function<String, String> deskForSchool;
    private final Duration deskPollInterval;
    private final String nodeId;
    private @Nullable ScheduledExecutorService scheduler;
    private final AttachmentIntake intake;

    /** Creates the facade; use {@link Support#builder()}. */
    public DefaultSupport(
            TicketStore store,
            Directory directory,
            CategoryCatalog categories,
            Clock clock,
            SupportSettings settings,
            Predicate<String> escalationEnabled,
            Notifications notifications,
            OutboxRelay.Builder relay,
            Duration autoCloseInterval,
            List<org.entsupport.core.desk.SupportDesk> desks,
            java.util.function.@Nullable Function<String, String> deskForSchool,
            Duration deskPollInterval,
            Duration deskLookback,
            AttachmentIntake intake) {
        this.intake = intake;
        this.store = store;
        this.categories = categories;
        this.clock = clock;
        this.settings = settings;
        this.escalationEnabled = escalationEnabled;
        this.notifications = notifications;
        for (Notifier n : notifications.notifiers()) {
            relay.handler(NotifierHandler.channel(n), new NotifierHandler(n));
        }
        Map<String, DeskBridge> bridges = new LinkedHashMap<>();
        for (org.entsupport.core.desk.SupportDesk d : desks) {
            DeskBridge bridge = new DeskBridge(
                    d,
                    store,
                    directory,
                    categories,
                    notifications,
                    clock,
                    deskLookback,
                    intake,
                    (ticketId, commentId, fileName, content, uploader) ->
                            importDeskAttachment(ticketId, commentId, fileName, content, uploader));
            if (bridges.putIfAbsent(d.name(), bridge) != null) {
                throw new IllegalStateException("two support desks are named '" + d.name() + "'");
            }
            relay.handler(bridge.channel(), bridge);
        }
        this.desks = Map.copyOf(bridges);
        String first = desks.isEmpty() ? null : desks.get(0).name();
        this.deskForSchool = deskForSchool != null ? deskForSchool : school -> first;
        this.deskPollInterval = deskPollInterval;
        this.relay = relay.build();
        this.nodeId = this.relay.owner();
        this.autoCloseInterval = autoCloseInterval;
    }

    @Override
    public OutboxRelay relay() {
        return relay;
    }

    @Override
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        relay.start();
        ScheduledExecutorService s = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "support-scheduler");
            t.setDaemon(true);
            return t;
        });
        s.scheduleWithFixedDelay(
                () -> {
                    try {
                        closeResolvedTickets();
                    } catch (RuntimeException e) {
                        LOG.warn("auto-close run failed, will try again in {}: {}", autoCloseInterval, e.toString());
                    }
                },
                autoCloseInterval.toMillis(),
                autoCloseInterval.toMillis(),
                TimeUnit.MILLISECONDS);
        if (!desks.isEmpty()) {
            s.scheduleWithFixedDelay(
                    () -> {
                        try {
                            syncDesks();
                        } catch (RuntimeException e) {
                            LOG.warn("desk sync failed, will try again in {}: {}", deskPollInterval, e.toString());
                        }
                    },
                    0,
                    deskPollInterval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        scheduler = s;
        LOG.info(
                "support runtime started: outbox relay, auto-close every {}{}",
                autoCloseInterval,
                desks.isEmpty() ? "" : ", desk sync every " + deskPollInterval + " for " + desks.keySet());
    }

    @Override
    public synchronized void close() {
        ScheduledExecutorService s = scheduler;
        scheduler = null;
        if (s != null) {
            s.shutdownNow();
        }
        relay.stop(Duration.ofSeconds(30));
        for (Notifier n : notifications.notifiers()) {
            try {
                n.close();
            } catch (Exception e) {
                LOG.warn("notifier {} failed to close: {}", n.name(), e.toString());
            }
        }
    }

    private void afterCommit() {
        if (relay.isRunning()) {
            relay.wakeUp();
        }
    }

    private void publish(
            StoreTransaction tx,
            NotificationType type,
            Ticket t,
            Actor actor,
            Map<String, String> params,
            Instant now) {
        notifications.publish(tx, type, t, actor.userId(), actor.displayName(), params, null, now);
    }

    /** Now, at the microsecond precision every database keeps, so stores agree on instants. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    // ---------------------------------------------------------------- create

    @Override
    public Ticket create(Actor actor, NewTicket request) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(request, "request");
        InputValidator v = new InputValidator();
        v.school(actor, request.school());
        String category = v.category(categories, actor, request.category());
        String subject = v.singleLine("subject", request.subject(), InputValidator.MAX_SUBJECT);
        String description = v.multiLine("description", request.description(), settings.maxDescriptionLength());
        List<NewAttachment> files = v.attachments(request.attachments(), settings);
        v.idempotencyKey(request.idempotencyKey());
        v.throwIfAny();

        // Uploads are checked and kept before the transaction; deleted again unless it commits them.
        List<StagedFile> staged = intake.stage(
                0,
                request.files(),
                files.size(),
                files.stream().mapToLong(NewAttachment::size).sum());
        boolean[] uploadsInserted = {false};
        boolean uploadsCommitted = false;
        String key = request.idempotencyKey();
        Instant now = now();
        TicketDraft draft = new TicketDraft(
                actor.userId(),
                actor.displayName(),
                request.school(),
                category,
                subject,
                description,
                TicketStatus.NEW,
                now,
                actor.locale().toLanguageTag(),
                files.size() + staged.size(),
                key);
        try {
            Ticket created = store.inTransaction(tx -> {
                if (key != null) {
                    Optional<Ticket> first = tx.findByIdempotencyKey(actor.userId(), key);
                    if (first.isPresent()) {
                        LOG.debug(
                                "create: idempotency key {} of user {} already filed ticket {}",
                                key,
                                actor.userId(),
                                first.get().id());
                        return first.get();
                    }
                }
                Ticket t = tx.insertTicket(draft);
                insertAttachments(tx, t.id(), null, files, actor, now);
                intake.insert(tx, t.id(), null, staged, actor.userId(), now, Origin.LOCAL);
                uploadsInserted[0] = true;
                tx.insertEvent(new EventDraft(
                        t.id(), actor.userId(), EventType.CREATED, now, Map.of("status", TicketStatus.NEW.name())));
                if (!files.isEmpty() || !staged.isEmpty()) {
                    tx.insertEvent(attachmentsEvent(t.id(), actor, names(files, staged), now));
                }
                publish(
                        tx,
                        NotificationType.TICKET_CREATED,
                        t,
                        actor,
                        Map.of(NotificationParameters.SUBJECT, subject),
                        now);
                return t;
            });
            uploadsCommitted = uploadsInserted[0];
            afterCommit();
            LOG.debug("create: user {} filed ticket {} in school {}", actor.userId(), created.id(), created.school());
            return created;
        } catch (DuplicateIdempotencyKeyException e) {
            // A concurrent retry inserted first: answer with its ticket.
            return store.inTransaction(tx -> tx.findByIdempotencyKey(actor.userId(), Objects.requireNonNull(key)))
                    .orElseThrow(() -> e);
        } finally {
            if (!uploadsCommitted) {
                intake.discard(staged); // refused, failed, or an idempotent replay that keeps the first files
            }
        }
    }

    private static EventDraft attachmentsEvent(long ticketId, Actor actor, List<String> names, Instant now) {
        return new EventDraft(
                ticketId,
                actor.userId(),
                EventType.ATTACHMENTS_ADDED,
                now,
                Map.of("count", Integer.toString(names.size()), "names", String.join(", ", names)));
    }

    private static List<String> names(List<NewAttachment> references, List<StagedFile> uploads) {
        List<String> names = new ArrayList<>();
        references.forEach(a -> names.add(a.fileName()));
        uploads.forEach(f -> names.add(f.fileName()));
        return names;
    }

    private static void insertAttachments(
            StoreTransaction tx,
            long ticketId,
            @Nullable Long commentId,
            List<NewAttachment> files,
            Actor actor,
            Instant now) {
        for (NewAttachment a : files) {
            tx.insertAttachment(new AttachmentDraft(
                    ticketId,
                    commentId,
                    a.fileName(),
                    a.mediaType(),
                    a.size(),
                    a.storageKey(),
                    actor.userId(),
                    now,
                    Origin.LOCAL));
        }
    }

    // ---------------------------------------------------------------- reads

    @Override
    public Ticket get(Actor actor, long ticketId) {
        Objects.requireNonNull(actor, "actor");
        return store.inTransaction(tx -> visible(tx.findTicket(ticketId), actor, ticketId));
    }

    private static Ticket visible(Optional<Ticket> found, Actor actor, long ticketId) {
        Ticket t = found.orElseThrow(() -> new TicketNotFoundException(ticketId));
        if (!Permissions.canRead(actor, t)) {
            LOG.debug("user {} may not see ticket {}: reported as not found", actor.userId(), ticketId);
            throw new TicketNotFoundException(ticketId);
        }
        return t;
    }

    @Override
    public TicketPage list(Actor actor, TicketQuery query) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(query, "query");
        InputValidator v = new InputValidator();
        if (query.pageSize() < 1 || query.pageSize() > settings.maxPageSize()) {
            v.add(
                    "pageSize",
                    "out-of-range",
                    "must be between 1 and " + settings.maxPageSize() + ", but was " + query.pageSize(),
                    1,
                    settings.maxPageSize(),
                    query.pageSize());
        }
        TicketFilter filter = filter(actor, query, v, false);
        Keyset after = null;
        if (query.cursor() != null) {
            try {
                after = Cursors.decode(query.cursor(), query.sort(), query.direction());
            } catch (org.entsupport.core.ValidationException e) {
                e.violations().forEach(x -> v.add(x.field(), x.code(), x.message()));
            }
        }
        v.throwIfAny();
        if (filter.scopes().isEmpty()) {
            return new TicketPage(List.of(), null);
        }
        PageRequest page = new PageRequest(query.sort(), query.direction(), after, query.pageSize() + 1);
        List<Ticket> rows = store.inTransaction(tx -> tx.list(filter, page));
        if (rows.size() <= query.pageSize()) {
            return new TicketPage(rows, null);
        }
        List<Ticket> shown = rows.subList(0, query.pageSize());
        Ticket last = shown.get(shown.size() - 1);
        return new TicketPage(shown, Cursors.encode(Keyset.of(query.sort(), last), query.direction()));
    }

    private static TicketFilter filter(Actor actor, TicketQuery query, InputValidator v, boolean adminsOnly) {
        List<String> words = List.of();
        if (query.text() != null) {
            String text = query.text();
            if (text.length() > InputValidator.MAX_SEARCH) {
                v.add(
                        "text",
                        "too-long",
                        "must have at most " + InputValidator.MAX_SEARCH + " characters, but has " + text.length(),
                        InputValidator.MAX_SEARCH,
                        text.length());
            } else {
                words = SearchText.words(text);
            }
        }
        return new TicketFilter(
                Permissions.scopes(actor, query.schools(), query.ownership(), adminsOnly), query.statuses(), words);
    }

    @Override
    public long count(Actor actor, TicketQuery query) {
        return countByStatus(actor, query, true).values().stream()
                .mapToLong(Long::longValue)
                .sum();
    }

    @Override
    public Map<TicketStatus, Long> countByStatus(Actor actor, TicketQuery query) {
        return countByStatus(actor, query, false);
    }

    private Map<TicketStatus, Long> countByStatus(Actor actor, TicketQuery query, boolean keepStatuses) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(query, "query");
        InputValidator v = new InputValidator();
        TicketFilter f = filter(actor, query, v, false);
        v.throwIfAny();
        TicketFilter filter = keepStatuses ? f : new TicketFilter(f.scopes(), Set.of(), f.words());
        Map<TicketStatus, Long> counts = new EnumMap<>(TicketStatus.class);
        for (TicketStatus s : TicketStatus.values()) {
            if (!keepStatuses
                    || filter.statuses().isEmpty()
                    || filter.statuses().contains(s)) {
                counts.put(s, 0L);
            }
        }
        if (!filter.scopes().isEmpty()) {
            counts.putAll(store.inTransaction(tx -> tx.countByStatus(filter)));
        }
        return counts;
    }

    @Override
    public List<TimelineEntry> timeline(Actor actor, long ticketId) {
        Objects.requireNonNull(actor, "actor");
        return store.inTransaction(tx -> {
            visible(tx.findTicket(ticketId), actor, ticketId);
            List<TimelineEntry> entries = new ArrayList<>();
            for (Comment c : tx.comments(ticketId)) {
                entries.add(new TimelineEntry.CommentEntry(c));
            }
            for (HistoryEvent e : tx.events(ticketId)) {
                entries.add(new TimelineEntry.EventEntry(e));
            }
            entries.sort(Comparator.comparing(TimelineEntry::at)
                    // same instant: the creation first, then comments, then what they caused
                    .thenComparingInt(e -> e instanceof TimelineEntry.CommentEntry
                            ? 1
                            : ((TimelineEntry.EventEntry) e).event().type() == EventType.CREATED ? 0 : 2)
                    .thenComparingLong(e -> e instanceof TimelineEntry.CommentEntry c
                            ? c.comment().id()
                            : ((TimelineEntry.EventEntry) e).event().id()));
            return List.copyOf(entries);
        });
    }

    @Override
    public List<Attachment> attachments(Actor actor, long ticketId) {
        Objects.requireNonNull(actor, "actor");
        return store.inTransaction(tx -> {
            visible(tx.findTicket(ticketId), actor, ticketId);
            return tx.attachments(ticketId);
        });
    }

    @Override
    public Set<TicketStatus> allowedStatuses(Actor actor, long ticketId) {
        Ticket t = get(actor, ticketId);
        return TicketWorkflow.targets(t.status(), Permissions.roles(actor, t));
    }

    // ---------------------------------------------------------------- changes

    @Override
    public Ticket update(Actor actor, long ticketId, TicketChanges changes) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(changes, "changes");
        InputValidator v = new InputValidator();
        String subject = changes.subject() == null
                ? null
                : v.singleLine("subject", changes.subject(), InputValidator.MAX_SUBJECT);
        String category = changes.category() == null ? null : v.category(categories, actor, changes.category());
        String description = changes.description() == null
                ? null
                : v.multiLine("description", changes.description(), settings.maxDescriptionLength());
        if (changes.subject() == null && changes.category() == null && changes.description() == null) {
            v.add("ticket", "nothing-to-change", "no field to change was given");
        }
        v.throwIfAny();
        Instant now = now();
        Ticket updated = store.inTransaction(tx -> {
            Ticket t = visible(tx.lockTicket(ticketId), actor, ticketId);
            checkVersion(t, changes.expectedVersion());
            List<String> fields = new ArrayList<>();
            if (subject != null && !subject.equals(t.subject())) {
                fields.add("subject");
            }
            if (category != null && !category.equals(t.category())) {
                fields.add("category");
            }
            if (description != null && !description.equals(t.description())) {
                if (!Permissions.canEditDescription(actor, t)) {
                    throw new AccessDeniedException(
                            actor.userId(),
                            "edit the description of ticket " + ticketId,
                            "the ticket was escalated to the support desk (" + t.escalationStatus() + ")");
                }
                fields.add("description");
            }
            if (fields.isEmpty()) {
                return t;
            }
            Ticket changed = TicketEdits.nextVersion(TicketEdits.withFields(
                    t,
                    subject != null ? subject : t.subject(),
                    category != null ? category : t.category(),
                    description != null ? description : t.description(),
                    now));
            tx.updateTicket(changed, t.version());
            tx.insertEvent(new EventDraft(
                    ticketId,
                    actor.userId(),
                    EventType.FIELDS_UPDATED,
                    now,
                    Map.of("fields", String.join(",", fields))));
            publish(
                    tx,
                    NotificationType.TICKET_UPDATED,
                    changed,
                    actor,
                    Map.of(NotificationParameters.SUBJECT, changed.subject(), "fields", String.join(",", fields)),
                    now);
            LOG.debug("update: user {} changed {} of ticket {}", actor.userId(), fields, ticketId);
            return changed;
        });
        afterCommit();
        return updated;
    }

    private static void checkVersion(Ticket t, long expected) {
        if (t.version() != expected) {
            throw new TicketVersionConflictException(t.id(), expected, t.version());
        }
    }

    @Override
    public Ticket changeStatus(Actor actor, long ticketId, TicketStatus target, long expectedVersion) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(target, "target");
        Instant now = now();
        Ticket changed = store.inTransaction(tx -> {
            Ticket t = visible(tx.lockTicket(ticketId), actor, ticketId);
            checkVersion(t, expectedVersion);
            return applyExplicitStatus(tx, actor, t, target, "explicit", now);
        });
        afterCommit();
        return changed;
    }

    private Ticket applyExplicitStatus(
            StoreTransaction tx, Actor actor, Ticket t, TicketStatus target, String cause, Instant now) {
        if (t.status() == target) {
            return t;
        }
        Set<TransitionRole> roles = Permissions.roles(actor, t);
        if (!TicketWorkflow.allowsAny(t.status(), target, roles)) {
            throw new IllegalTransitionException(t.id(), t.status(), target, TicketWorkflow.targets(t.status(), roles));
        }
        Ticket changed = TicketEdits.nextVersion(TicketEdits.withStatus(t, target, now));
        tx.updateTicket(changed, t.version());
        tx.insertEvent(statusEvent(t.id(), actor.userId(), t.status(), target, cause, now));
        publish(
                tx,
                NotificationType.TICKET_UPDATED,
                changed,
                actor,
                Map.of(
                        NotificationParameters.SUBJECT,
                        t.subject(),
                        NotificationParameters.FROM_STATUS,
                        t.status().name(),
                        NotificationParameters.TO_STATUS,
                        target.name()),
                now);
        LOG.debug(
                "status: user {} moved ticket {} from {} to {} ({})",
                actor.userId(),
                t.id(),
                t.status(),
                target,
                cause);
        return changed;
    }

    private static EventDraft statusEvent(
            long ticketId, @Nullable String actor, TicketStatus from, TicketStatus to, String cause, Instant now) {
        return new EventDraft(
                ticketId,
                actor,
                EventType.STATUS_CHANGED,
                now,
                Map.of("from", from.name(), "to", to.name(), "cause", cause));
    }

    /** The distinct ids of a bulk operation, in order; refuses none and too many. */
    private Set<Long> bulkIds(Collection<Long> ticketIds) {
        Objects.requireNonNull(ticketIds, "ticketIds");
        Set<Long> ids = new LinkedHashSet<>(ticketIds);
        InputValidator v = new InputValidator();
        if (ids.isEmpty()) {
            v.add("ids", "required", "at least one ticket id is required");
        } else if (ids.size() > settings.maxBulkSize()) {
            v.add(
                    "ids",
                    "too-many",
                    "at most " + settings.maxBulkSize() + " tickets, but got " + ids.size(),
                    settings.maxBulkSize(),
                    ids.size());
        }
        v.throwIfAny();
        return ids;
    }

    @Override
    public BulkResult changeStatuses(Actor actor, Collection<Long> ticketIds, TicketStatus target) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(ticketIds, "ticketIds");
        Objects.requireNonNull(target, "target");
        Set<Long> ids = bulkIds(ticketIds);
        Map<Long, BulkResult.Outcome> outcomes = new LinkedHashMap<>();
        for (Long id : ids) {
            Instant now = now();
            try {
                boolean changed = store.inTransaction(tx -> {
                    Ticket t = visible(tx.lockTicket(id), actor, id);
                    return applyExplicitStatus(tx, actor, t, target, "bulk", now) != t;
                });
                outcomes.put(id, changed ? BulkResult.Outcome.changed() : BulkResult.Outcome.unchanged());
            } catch (TicketNotFoundException | IllegalTransitionException e) {
                outcomes.put(id, BulkResult.Outcome.failed(e));
            }
        }
        afterCommit();
        LOG.debug(
                "bulk status: user {} moved {} of {} tickets to {}",
                actor.userId(),
                outcomes.values().stream()
                        .filter(o -> o.kind() == BulkResult.Kind.CHANGED)
                        .count(),
                ids.size(),
                target);
        return new BulkResult(outcomes);
    }

    @Override
    public Comment comment(Actor actor, long ticketId, NewComment request) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(request, "comment");
        InputValidator v = new InputValidator();
        String body = v.multiLine("body", request.body(), settings.maxCommentLength());
        List<NewAttachment> files = v.attachments(request.attachments(), settings);
        v.throwIfAny();
        List<StagedFile> staged = stageOnVisibleTicket(actor, ticketId, request.files(), files);
        boolean committed = false;
        try {
            Instant now = now();
            Comment comment = store.inTransaction(tx -> {
                Ticket t = visible(tx.lockTicket(ticketId), actor, ticketId);
                TicketStatus target = automaticTargetOnComment(actor, t, now);
                if (!staged.isEmpty()) {
                    intake.checkTicketLimits(ticketId, withReferences(tx.attachments(ticketId), files), staged);
                }
                Comment c = tx.insertComment(
                        new CommentDraft(ticketId, actor.userId(), actor.displayName(), body, now, Origin.LOCAL, null));
                insertAttachments(tx, ticketId, c.id(), files, actor, now);
                intake.insert(tx, ticketId, c.id(), staged, actor.userId(), now, Origin.LOCAL);
                if (!files.isEmpty() || !staged.isEmpty()) {
                    tx.insertEvent(attachmentsEvent(ticketId, actor, names(files, staged), now));
                }
                Ticket changed = TicketEdits.withActivity(t, 1, files.size() + staged.size(), now);
                if (target != null) {
                    String cause = t.status().isFinished() ? "reopen" : "comment";
                    changed = TicketEdits.withStatus(changed, target, now);
                    tx.insertEvent(statusEvent(ticketId, actor.userId(), t.status(), target, cause, now));
                }
                tx.updateTicket(TicketEdits.nextVersion(changed), t.version());
                Map<String, String> params = new LinkedHashMap<>();
                params.put(NotificationParameters.SUBJECT, t.subject());
                params.put(NotificationParameters.COMMENT, Notifications.excerpt(body));
                if (target != null) {
                    params.put(NotificationParameters.FROM_STATUS, t.status().name());
                    params.put(NotificationParameters.TO_STATUS, target.name());
                }
                publish(tx, NotificationType.TICKET_COMMENTED, changed, actor, params, now);
                Escalation esc = t.escalation();
                if ((t.escalationStatus() == EscalationStatus.IN_PROGRESS
                                || t.escalationStatus() == EscalationStatus.SUCCESSFUL)
                        && esc != null
                        && esc.desk() != null
                        && desks.containsKey(esc.desk())) {
                    desks.get(esc.desk()).enqueueForward(tx, ticketId, c.id(), now);
                }
                LOG.debug(
                        "comment: user {} commented ticket {}{}",
                        actor.userId(),
                        ticketId,
                        target == null ? "" : " which moved to " + target);
                return c;
            });
            committed = true;
            afterCommit();
            return comment;
        } finally {
            if (!committed) {
                intake.discard(staged);
            }
        }
    }

    /** The status a comment moves the ticket to, or {@code null}; refuses comments after the reopen window. */
    private @Nullable TicketStatus automaticTargetOnComment(Actor actor, Ticket t, Instant now) {
        boolean owner = t.isOwnedBy(actor.userId());
        TicketStatus target = switch (t.status()) {
            case NEW -> owner ? null : TicketStatus.OPENED;
            case WAITING -> owner ? TicketStatus.OPENED : null;
            case RESOLVED, CLOSED -> {
                Duration window = settings.reopenWindow();
                if (now.isAfter(t.statusChanged().plus(window))) {
                    throw new ReopenWindowExpiredException(t.id(), t.status(), window);
                }
                yield TicketStatus.OPENED;
            }
            case OPENED -> null;
        };
        if (target != null && !TicketWorkflow.allows(t.status(), target, TransitionRole.AUTO)) {
            throw new IllegalStateException("workflow table lacks the automatic " + t.status() + " -> " + target);
        }
        return target;
    }

    // ---------------------------------------------------------------- attachments (uploads, downloads, desk files)

    /** The attachment intake: the escalation synchroniser stages desk files through it (origin DESK). */
    public AttachmentIntake attachmentIntake() {
        return intake;
    }

    /**
     * Checks that the actor may see the ticket (before anything is read from the files), then checks and
     * keeps the files against the ticket's current attachments plus {@code references} being added with them.
     */
    private List<StagedFile> stageOnVisibleTicket(
            Actor actor, long ticketId, List<NewFile> uploads, List<NewAttachment> references) {
        if (uploads.isEmpty()) {
            return List.of();
        }
        List<Attachment> current = store.inTransaction(tx -> {
            visible(tx.findTicket(ticketId), actor, ticketId);
            return withReferences(tx.attachments(ticketId), references);
        });
        return intake.stage(ticketId, uploads, current.size(), AttachmentIntake.bytes(current));
    }

    /** The ticket's attachments plus references about to be added, for the per-ticket limits. */
    private static List<Attachment> withReferences(List<Attachment> current, List<NewAttachment> references) {
        if (references.isEmpty()) {
            return current;
        }
        List<Attachment> all = new ArrayList<>(current);
        for (NewAttachment r : references) {
            all.add(new Attachment(
                    0,
                    0,
                    null,
                    r.fileName(),
                    r.mediaType(),
                    r.size(),
                    r.storageKey(),
                    "",
                    Instant.EPOCH,
                    Origin.LOCAL));
        }
        return all;
    }

    @Override
    public List<Attachment> attach(Actor actor, long ticketId, List<NewFile> files) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(files, "files");
        if (files.isEmpty()) {
            InputValidator v = new InputValidator();
            v.add("attachments", "required", "at least one file is required");
            v.throwIfAny();
        }
        List<StagedFile> staged = stageOnVisibleTicket(actor, ticketId, List.copyOf(files), List.of());
        boolean committed = false;
        try {
            Instant now = now();
            List<Attachment> added = store.inTransaction(tx -> {
                Ticket t = visible(tx.lockTicket(ticketId), actor, ticketId);
                intake.checkTicketLimits(ticketId, tx.attachments(ticketId), staged);
                List<Attachment> inserted =
                        intake.insert(tx, ticketId, null, staged, actor.userId(), now, Origin.LOCAL);
                List<String> names = names(List.of(), staged);
                tx.insertEvent(attachmentsEvent(ticketId, actor, names, now));
                Ticket changed = TicketEdits.nextVersion(TicketEdits.withActivity(t, 0, staged.size(), now));
                tx.updateTicket(changed, t.version());
                publish(
                        tx,
                        NotificationType.TICKET_COMMENTED,
                        changed,
                        actor,
                        Map.of(
                                NotificationParameters.SUBJECT,
                                t.subject(),
                                NotificationParameters.COMMENT,
                                Notifications.excerpt(String.join(", ", names))),
                        now);
                LOG.debug("attach: user {} added {} file(s) to ticket {}", actor.userId(), inserted.size(), ticketId);
                return inserted;
            });
            committed = true;
            afterCommit();
            return added;
        } finally {
            if (!committed) {
                intake.discard(staged);
            }
        }
    }

    @Override
    public AttachmentContent openAttachment(Actor actor, long ticketId, long attachmentId) {
        Objects.requireNonNull(actor, "actor");
        Attachment a = store.inTransaction(tx -> {
            visible(tx.findTicket(ticketId), actor, ticketId);
            return tx.attachments(ticketId).stream()
                    .filter(x -> x.id() == attachmentId)
                    .findFirst()
                    .orElseThrow(() -> new AttachmentNotFoundException(
                            ticketId, attachmentId, "the ticket has no attachment with this id"));
        });
        LOG.debug("download: user {} opens attachment {} of ticket {}", actor.userId(), attachmentId, ticketId);
        return intake.open(a);
    }

    /**
     * Imports a file from the support desk (origin DESK): checked by the same policy and scanner, kept in
     * the same store, recorded on the ticket (and on {@code commentId} when given) with an
     * {@code ATTACHMENTS_ADDED} event, in its own transaction. No notification: the synchroniser announces
     * the desk's reply itself. To import within the synchroniser's own transaction, use
     * {@link #attachmentIntake()} ({@code stage}, then {@code checkTicketLimits} and {@code insert} in the
     * transaction, {@code discard} if it fails).
     *
     * @param uploader the user id recorded as uploader (the desk's technical user)
     * @throws TicketNotFoundException when the ticket does not exist
     * @throws AttachmentRefusedException when the file is refused; nothing is kept
     */
    public Attachment importDeskAttachment(
            long ticketId, @Nullable Long commentId, String fileName, InputStream content, String uploader) {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(uploader, "uploader");
        List<Attachment> current = store.inTransaction(tx -> {
            tx.findTicket(ticketId).orElseThrow(() -> new TicketNotFoundException(ticketId));
            return tx.attachments(ticketId);
        });
        List<StagedFile> staged = intake.stage(
                ticketId,
                List.of(NewFile.ofStream(fileName, content)),
                current.size(),
                AttachmentIntake.bytes(current));
        boolean committed = false;
        try {
            Instant now = now();
            Attachment added = store.inTransaction(tx -> {
                Ticket t = tx.lockTicket(ticketId).orElseThrow(() -> new TicketNotFoundException(ticketId));
                intake.checkTicketLimits(ticketId, tx.attachments(ticketId), staged);
                Attachment a = intake.insert(tx, ticketId, commentId, staged, uploader, now, Origin.DESK)
                        .get(0);
                tx.insertEvent(new EventDraft(
                        ticketId,
                        uploader,
                        EventType.ATTACHMENTS_ADDED,
                        now,
                        Map.of("count", "1", "names", a.fileName(), "origin", Origin.DESK.name())));
                tx.updateTicket(TicketEdits.nextVersion(TicketEdits.withActivity(t, 0, 1, now)), t.version());
                return a;
            });
            committed = true;
            LOG.debug("desk import: file {} added to ticket {}", added.fileName(), ticketId);
            return added;
        } finally {
            if (!committed) {
                intake.discard(staged);
            }
        }
    }

    // ---------------------------------------------------------------- escalation

    @Override
    public Ticket escalate(Actor actor, long ticketId) {
        Objects.requireNonNull(actor, "actor");
        Ticket escalated = escalateInTransaction(actor, ticketId);
        afterCommit();
        return escalated;
    }

    @Override
    public BulkResult escalate(Actor actor, Collection<Long> ticketIds) {
        Objects.requireNonNull(actor, "actor");
        Set<Long> ids = bulkIds(ticketIds);
        Map<Long, BulkResult.Outcome> outcomes = new LinkedHashMap<>();
        for (Long id : ids) {
            try {
                escalateInTransaction(actor, id);
                outcomes.put(id, BulkResult.Outcome.changed());
            } catch (TicketNotFoundException | AccessDeniedException | EscalationNotAllowedException e) {
                outcomes.put(id, BulkResult.Outcome.failed(e));
            }
        }
        afterCommit();
        return new BulkResult(outcomes);
    }

    @Override
    public int syncDesks() {
        int changed = 0;
        for (DeskBridge bridge : desks.values()) {
            int n = bridge.poll(nodeId, Duration.ofMinutes(5).plus(deskPollInterval));
            changed += Math.max(0, n);
        }
        if (changed > 0) {
            afterCommit();
        }
        return changed;
    }

    @Override
    public Ticket syncTicket(Actor actor, long ticketId) {
        Objects.requireNonNull(actor, "actor");
        Ticket t = get(actor, ticketId);
        if (!actor.platformAdmin()) {
            throw new AccessDeniedException(
                    actor.userId(), "synchronise ticket " + ticketId + " with the desk", "only platform admins may");
        }
        Escalation e = t.escalation();
        DeskBridge bridge = e == null || e.desk() == null ? null : desks.get(e.desk());
        if (bridge == null || e.externalId() == null) {
            throw new EscalationNotAllowedException(
                    t.id(),
                    t.status(),
                    t.escalationStatus(),
                    "it has no issue on a configured support desk",
                    "escalation.no-desk");
        }
        try {
            bridge.apply(bridge.desk().changesOf(e.externalId()));
        } catch (org.entsupport.core.desk.DeskException ex) {
            throw new org.entsupport.core.DeskUnavailableException(e.desk(), ticketId, ex.retryable(), ex);
        }
        afterCommit();
        return get(actor, ticketId);
    }

    @Override
    public boolean applyDeskChanges(String deskName, org.entsupport.core.desk.IssueChanges changes) {
        Objects.requireNonNull(deskName, "deskName");
        Objects.requireNonNull(changes, "changes");
        DeskBridge bridge = desks.get(deskName);
        if (bridge == null) {
            throw new IllegalArgumentException(
                    "no support desk is named '" + deskName + "' (known: " + desks.keySet() + ")");
        }
        boolean changed = bridge.apply(changes);
        afterCommit();
        return changed;
    }

    private Ticket escalateInTransaction(Actor actor, long ticketId) {
        Instant now = now();
        return store.inTransaction(tx -> {
            Ticket t = visible(tx.lockTicket(ticketId), actor, ticketId);
            if (!Permissions.canEscalate(actor, t)) {
                throw new AccessDeniedException(
                        actor.userId(),
                        "escalate ticket " + ticketId,
                        "escalating needs the escalation right in school " + t.school());
            }
            if (!escalationEnabled.test(t.school())) {
                throw new EscalationNotAllowedException(
                        t.id(),
                        t.status(),
                        t.escalationStatus(),
                        "escalation is not enabled for school " + t.school(),
                        "escalation.disabled");
            }
            if (t.status().isFinished()) {
                throw new EscalationNotAllowedException(
                        t.id(), t.status(), t.escalationStatus(), "the ticket is " + t.status(), "escalation.finished");
            }
            if (t.escalationStatus() != EscalationStatus.NOT_DONE && t.escalationStatus() != EscalationStatus.FAILED) {
                throw new EscalationNotAllowedException(
                        t.id(),
                        t.status(),
                        t.escalationStatus(),
                        "it is already " + t.escalationStatus(),
                        "escalation.already");
            }
            String deskName = deskForSchool.apply(t.school());
            DeskBridge bridge = deskName == null ? null : desks.get(deskName);
            if (bridge == null) {
                throw new EscalationNotAllowedException(
                        t.id(),
                        t.status(),
                        t.escalationStatus(),
                        "no support desk is configured" + (deskName == null ? "" : " under the name " + deskName),
                        "escalation.no-desk");
            }
            Ticket changed = TicketEdits.withEscalation(
                    t, EscalationStatus.IN_PROGRESS, TicketEdits.requested(actor.userId(), now, deskName), now);
            if (t.status() != TicketStatus.OPENED) {
                changed = TicketEdits.withStatus(changed, TicketStatus.OPENED, now);
                tx.insertEvent(
                        statusEvent(ticketId, actor.userId(), t.status(), TicketStatus.OPENED, "escalation", now));
            }
            changed = TicketEdits.nextVersion(changed);
            tx.updateTicket(changed, t.version());
            tx.insertEvent(new EventDraft(
                    ticketId, actor.userId(), EventType.ESCALATION_REQUESTED, now, Map.of("desk", deskName)));
            bridge.enqueueEscalation(tx, changed, actor.userId(), actor.displayName(), now);
            LOG.debug("escalate: user {} escalated ticket {} to {}", actor.userId(), ticketId, deskName);
            return changed;
        });
    }

    // ---------------------------------------------------------------- auto-close

    @Override
    public int closeResolvedTickets() {
        Instant now = now();
        Instant cutoff = now.minus(settings.autoCloseAfter());
        List<Ticket> due = store.inTransaction(tx -> tx.resolvedBefore(cutoff, settings.autoCloseBatchSize()));
        int closed = 0;
        for (Ticket candidate : due) {
            try {
                boolean done = store.inTransaction(tx -> {
                    Optional<Ticket> current = tx.lockTicket(candidate.id());
                    if (current.isEmpty()
                            || current.get().status() != TicketStatus.RESOLVED
                            || current.get().statusChanged().isAfter(cutoff)) {
                        return false; // changed since it was picked
                    }
                    Ticket t = current.get();
                    Ticket changed = TicketEdits.nextVersion(TicketEdits.withStatus(t, TicketStatus.CLOSED, now));
                    tx.updateTicket(changed, t.version());
                    tx.insertEvent(
                            statusEvent(t.id(), null, TicketStatus.RESOLVED, TicketStatus.CLOSED, "auto-close", now));
                    notifications.publish(
                            tx,
                            NotificationType.TICKET_AUTO_CLOSED,
                            changed,
                            Notifications.SYSTEM_ID,
                            "Aide & Support",
                            Map.of(
                                    NotificationParameters.SUBJECT,
                                    t.subject(),
                                    NotificationParameters.FROM_STATUS,
                                    TicketStatus.RESOLVED.name(),
                                    NotificationParameters.TO_STATUS,
                                    TicketStatus.CLOSED.name()),
                            null,
                            now);
                    return true;
                });
                if (done) {
                    closed++;
                }
            } catch (SupportException e) {
                LOG.warn(
                        "auto-close: ticket {} was skipped and will be tried on the next run: {}",
                        candidate.id(),
                        e.getMessage());
            }
        }
        if (closed > 0) {
            afterCommit();
            LOG.info("auto-close: closed {} ticket(s) resolved before {}", closed, cutoff);
        }
        return closed;
    }

    // ---------------------------------------------------------------- export

    @Override
    public void exportCsv(Actor actor, TicketQuery query, Appendable out) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(out, "out");
        if (!Permissions.canExport(actor)) {
            throw new AccessDeniedException(
                    actor.userId(), "export tickets", "export is for local and platform admins");
        }
        InputValidator v = new InputValidator();
        TicketFilter filter = filter(actor, query, v, true);
        v.throwIfAny();
        try {
            Csv.row(
                    out,
                    "id",
                    "created",
                    "modified",
                    "status",
                    "school",
                    "category",
                    "subject",
                    "owner",
                    "owner_name",
                    "escalation_status",
                    "comments",
                    "attachments");
            if (filter.scopes().isEmpty()) {
                return;
            }
            Keyset after = null;
            int batch = Math.min(500, settings.maxPageSize());
            while (true) {
                PageRequest page = new PageRequest(query.sort(), query.direction(), after, batch);
                List<Ticket> rows = store.inTransaction(tx -> tx.list(filter, page));
                for (Ticket t : rows) {
                    Csv.row(
                            out,
                            t.id(),
                            t.created(),
                            t.modified(),
                            t.status(),
                            t.school(),
                            t.category(),
                            t.subject(),
                            t.owner(),
                            t.ownerName(),
                            t.escalationStatus(),
                            t.commentCount(),
                            t.attachmentCount());
                }
                if (rows.size() < batch) {
                    break;
                }
                after = Keyset.of(query.sort(), rows.get(rows.size() - 1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("CSV export failed while writing", e);
        }
        LOG.debug("export: user {} exported tickets", actor.userId());
    }
}

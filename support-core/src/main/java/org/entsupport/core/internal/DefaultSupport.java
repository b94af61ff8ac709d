package org.entsupport.core.internal;

import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
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
import org.entsupport.core.NewComment;
import org.entsupport.core.NewTicket;
import org.entsupport.core.Support;
import org.entsupport.core.SupportException;
import org.entsupport.core.SupportSettings;
import org.entsupport.core.TicketChanges;
import org.entsupport.core.TicketNotFoundException;
import org.entsupport.core.TicketPage;
import org.entsupport.core.TicketQuery;
import org.entsupport.core.attachment.AttachmentContent;
import org.entsupport.core.attachment.NewFile;
import org.entsupport.core.attachment.internal.AttachmentIntake;
import org.entsupport.core.attachment.internal.StagedFile;
import org.entsupport.core.model.Attachment;
import org.entsupport.core.model.Comment;
import org.entsupport.core.model.Escalation;
import org.entsupport.core.model.EscalationStatus;
import org.entsupport.core.model.EventType;
import org.entsupport.core.model.Origin;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketStatus;
import org.entsupport.core.model.TimelineEntry;
import org.entsupport.core.outbox.OutboxRelay;
import org.entsupport.core.spi.CategoryCatalog;
import org.entsupport.core.spi.Directory;
import org.entsupport.core.spi.EventDraft;
import org.entsupport.core.spi.StoreTransaction;
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
    private final Filing filing;
    private final Reading reading;
    private final StatusChanges statusChanges;
    private final Conversation conversation;
    private final Attachments attachments;
    private final Export export;

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
        AfterCommit afterCommit = new AfterCommit();
        afterCommit.bind(this.relay);
        SupportContext ctx = new SupportContext(
                store,
                directory,
                categories,
                clock,
                settings,
                escalationEnabled,
                notifications,
                intake,
                new Desks(desks, deskForSchool),
                afterCommit);
        this.filing = new Filing(ctx);
        this.reading = new Reading(ctx);
        this.statusChanges = new StatusChanges(ctx);
        this.conversation = new Conversation(ctx);
        this.attachments = new Attachments(ctx);
        this.export = new Export(ctx);
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

    // ---------------------------------------------------------------- delegated to the capabilities

    @Override
    public Ticket create(Actor actor, NewTicket request) {
        return filing.create(actor, request);
    }

    @Override
    public Ticket get(Actor actor, long ticketId) {
        return reading.get(actor, ticketId);
    }

    @Override
    public TicketPage list(Actor actor, TicketQuery query) {
        return reading.list(actor, query);
    }

    @Override
    public long count(Actor actor, TicketQuery query) {
        return reading.count(actor, query);
    }

    @Override
    public Map<TicketStatus, Long> countByStatus(Actor actor, TicketQuery query) {
        return reading.countByStatus(actor, query);
    }

    @Override
    public List<TimelineEntry> timeline(Actor actor, long ticketId) {
        return reading.timeline(actor, ticketId);
    }

    @Override
    public List<Attachment> attachments(Actor actor, long ticketId) {
        return reading.attachments(actor, ticketId);
    }

    @Override
    public Set<TicketStatus> allowedStatuses(Actor actor, long ticketId) {
        return reading.allowedStatuses(actor, ticketId);
    }

    @Override
    public Ticket update(Actor actor, long ticketId, TicketChanges changes) {
        return statusChanges.update(actor, ticketId, changes);
    }

    @Override
    public Ticket changeStatus(Actor actor, long ticketId, TicketStatus target, long expectedVersion) {
        return statusChanges.changeStatus(actor, ticketId, target, expectedVersion);
    }

    @Override
    public BulkResult changeStatuses(Actor actor, Collection<Long> ticketIds, TicketStatus target) {
        return statusChanges.changeStatuses(actor, ticketIds, target);
    }

    @Override
    public Comment comment(Actor actor, long ticketId, NewComment comment) {
        return conversation.comment(actor, ticketId, comment);
    }

    @Override
    public List<Attachment> attach(Actor actor, long ticketId, List<NewFile> files) {
        return attachments.attach(actor, ticketId, files);
    }

    @Override
    public AttachmentContent openAttachment(Actor actor, long ticketId, long attachmentId) {
        return attachments.openAttachment(actor, ticketId, attachmentId);
    }

    @Override
    public void exportCsv(Actor actor, TicketQuery query, Appendable out) {
        export.exportCsv(actor, query, out);
    }

    /** The attachment intake: the escalation synchroniser stages desk files through it (origin DESK). */
    public AttachmentIntake attachmentIntake() {
        return intake;
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
        Set<Long> ids = InputValidator.bulkIds(ticketIds, settings);
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
        Ticket t = reading.get(actor, ticketId);
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
        return reading.get(actor, ticketId);
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
            Ticket t = SupportContext.visible(tx.lockTicket(ticketId), actor, ticketId);
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
                tx.insertEvent(Events.statusChanged(
                        ticketId, actor.userId(), t.status(), TicketStatus.OPENED, "escalation", now));
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
                    tx.insertEvent(Events.statusChanged(
                            t.id(), null, TicketStatus.RESOLVED, TicketStatus.CLOSED, "auto-close", now));
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
}

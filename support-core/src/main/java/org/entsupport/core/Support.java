package org.entsupport.core;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.entsupport.core.attachment.AttachmentContent;
import org.entsupport.core.attachment.AttachmentNotFoundException;
import org.entsupport.core.attachment.AttachmentPolicy;
import org.entsupport.core.attachment.AttachmentRefusedException;
import org.entsupport.core.attachment.AttachmentScanner;
import org.entsupport.core.attachment.AttachmentStore;
import org.entsupport.core.attachment.HostDocuments;
import org.entsupport.core.attachment.NewFile;
import org.entsupport.core.attachment.internal.AttachmentIntake;
import org.entsupport.core.internal.Capabilities;
import org.entsupport.core.internal.Notifications;
import org.entsupport.core.memory.InMemoryTicketStore;
import org.entsupport.core.model.Attachment;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketStatus;
import org.entsupport.core.model.TimelineEntry;
import org.entsupport.core.outbox.OutboxRelay;
import org.entsupport.core.outbox.RetryPolicy;
import org.entsupport.core.spi.Category;
import org.entsupport.core.spi.CategoryCatalog;
import org.entsupport.core.spi.Directory;
import org.entsupport.core.spi.TicketStore;
import org.entsupport.notify.LinkTemplate;
import org.entsupport.notify.Notifier;
import org.entsupport.notify.Notifiers;
import org.jspecify.annotations.Nullable;

// Over 400 lines on purpose: this is the whole public entry point. Its Javadoc documents every
// operation and its nested Builder every option; the code itself only delegates to the capabilities
// in core.internal (Filing, Reading, Conversation...), which own the logic.

/**
 * The support-request feature, in one object: file, read, list, answer, change and escalate
 * requests, with the workflow and the permissions enforced for every call.
 *
 * <pre>{@code
 * Support support = Support.builder()
 *         .store(store)                 // InMemoryTicketStore, or SupportJdbc's store
 *         .directory(directory)         // who administers which school
 *         .build();
 *
 * Ticket t = support.create(alice, NewTicket.builder().school("school-1").category("/blog")
 *         .subject("Cannot publish").description("The button does nothing.").build());
 * support.comment(referent, t.id(), NewComment.of("Which browser do you use?"));
 * }</pre>
 *
 * <p>Every method takes the acting {@link Actor} and checks what they may do: a ticket they may not
 * see is reported as {@link TicketNotFoundException}, never as forbidden. Every change runs in one
 * store transaction together with its history event; a refused request changes nothing. All
 * methods are thread-safe.
 *
 * <p>The facade holds no logic: each operation is delegated to the class that owns that capability.
 */
public final class Support implements AutoCloseable {

    private final Capabilities c;
    private final DataProtection dataProtection;

    private Support(Capabilities capabilities, DataProtection dataProtection) {
        this.c = capabilities;
        this.dataProtection = dataProtection;
    }

    /**
     * Starts building a {@link Support}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Files a request. It starts NEW; its history records the creation. With an idempotency key, filing
     * again with the same key (same actor) returns the first ticket and writes nothing. Text must be
     * plain: HTML is refused, never sanitised (see {@link NewTicket}).
     *
     * @param actor who acts; what they may do is checked
     * @param request what to file
     * @return the new ticket (or, for a repeated idempotency key, the first one)
     * @throws ValidationException listing every bad field
     */
    public Ticket create(Actor actor, NewTicket request) {
        return c.filing().create(actor, request);
    }

    /**
     * Reads a ticket.
     *
     * @param actor who acts; what they may do is checked
     * @param ticketId the ticket's id
     * @return the ticket
     * @throws TicketNotFoundException when it does not exist or the actor may not see it
     */
    public Ticket get(Actor actor, long ticketId) {
        return c.reading().get(actor, ticketId);
    }

    /**
     * Lists the tickets the actor may see that match the query, one page at a time (keyset paging:
     * a page costs the same at any depth).
     *
     * @param actor who acts; what they may do is checked
     * @param query filters, order, page size and cursor
     * @return one page of tickets, with the cursor of the next
     * @throws ValidationException for a bad page size, search text, school or cursor, naming the field
     */
    public Page<Ticket> list(Actor actor, TicketQuery query) {
        return c.reading().list(actor, query);
    }

    /**
     * Counts the tickets the actor may see that match the query's filters (page and order ignored).
     *
     * @param actor who acts; what they may do is checked
     * @param query the filters
     * @return how many tickets match
     */
    public long count(Actor actor, TicketQuery query) {
        return c.reading().count(actor, query);
    }

    /**
     * Counts, per status, the tickets the actor may see that match the query's filters (its statuses,
     * page and order ignored). Every status is present, with zero where there is none.
     *
     * @param actor who acts; what they may do is checked
     * @param query the filters
     * @return the count of every status
     */
    public Map<TicketStatus, Long> countByStatus(Actor actor, TicketQuery query) {
        return c.reading().countByStatus(actor, query);
    }

    /**
     * The categories (applications) the actor may file a request about, in display order, each with its French
     * and English name: the choices of a filing form. Filing with any other category is refused.
     *
     * @param actor who files
     * @return the categories of the host's {@link CategoryCatalog} for this actor
     */
    public List<Category> categories(Actor actor) {
        return c.reading().categories(actor);
    }

    /**
     * Changes the subject, category or description.
     *
     * @param actor who acts; what they may do is checked
     * @param ticketId the ticket's id
     * @param changes the new values and the version they are based on
     * @return the ticket as changed
     * @throws TicketVersionConflictException when {@code changes} was based on an older version
     * @throws AccessDeniedException when the owner edits the description after escalation
     * @throws ValidationException listing every bad field
     */
    public Ticket update(Actor actor, long ticketId, TicketChanges changes) {
        return c.statusChanges().update(actor, ticketId, changes);
    }

    /**
     * Moves a ticket to another status, as the workflow table allows for the actor's roles. Moving
     * to the current status changes nothing.
     *
     * @param actor who acts; what they may do is checked
     * @param ticketId the ticket's id
     * @param target the status to move to
     * @param expectedVersion the version the caller saw
     * @return the ticket as changed
     * @throws IllegalTransitionException naming both statuses and what is allowed
     * @throws TicketVersionConflictException when the ticket changed since {@code expectedVersion}
     */
    public Ticket changeStatus(Actor actor, long ticketId, TicketStatus target, long expectedVersion) {
        return c.statusChanges().changeStatus(actor, ticketId, target, expectedVersion, null);
    }

    /**
     * Moves a ticket to another status, like {@link #changeStatus(Actor, long, TicketStatus, long)}, with an
     * idempotency key: sending the same change again with the same key (same actor and ticket) answers with the
     * ticket as it is now and writes nothing, even though its version has moved on. That makes a retry after a
     * {@link StoreOutcomeUnknownException} safe.
     *
     * @param actor who acts; what they may do is checked
     * @param ticketId the ticket's id
     * @param target the status to move to
     * @param expectedVersion the version the caller saw
     * @param idempotencyKey the client's key, 1..255 printable ASCII characters without spaces, or {@code null}
     * @return the ticket as changed (for a repeated key, as it is now)
     * @throws IllegalTransitionException naming both statuses and what is allowed
     * @throws TicketVersionConflictException when the ticket changed since {@code expectedVersion}
     * @throws IdempotencyKeyReusedException when the key was used for another status change of this ticket
     * @throws ValidationException naming {@code idempotencyKey} when the key is not valid
     */
    public Ticket changeStatus(
            Actor actor, long ticketId, TicketStatus target, long expectedVersion, @Nullable String idempotencyKey) {
        return c.statusChanges().changeStatus(actor, ticketId, target, expectedVersion, idempotencyKey);
    }

    /**
     * Moves many tickets to one status, each in its own transaction, with an outcome per ticket.
     *
     * @param actor who acts; what they may do is checked
     * @param ticketIds the tickets to move
     * @param target the status to move to
     * @return the outcome of each ticket
     * @throws ValidationException when no id or too many ids are given
     */
    public BulkResult changeStatuses(Actor actor, Collection<Long> ticketIds, TicketStatus target) {
        return c.statusChanges().changeStatuses(actor, ticketIds, target);
    }

    /**
     * Adds a comment. A comment by anyone but the owner opens a NEW ticket; the owner's reply opens a
     * WAITING ticket; any comment reopens a RESOLVED or CLOSED ticket within the reopen window.
     *
     * @param actor who acts; what they may do is checked
     * @param ticketId the ticket's id
     * @param comment the comment
     * @return the stored comment and the ticket's new version (status, counters) as the comment left it
     * @throws ReopenWindowExpiredException after the window: the user should file a new request
     * @throws ValidationException listing every bad field
     * @throws IdempotencyKeyReusedException when the comment's {@linkplain NewComment#idempotencyKey() key} was
     *         used for another comment on this ticket (the same comment with the same key answers with the first)
     * @throws StoreOutcomeUnknownException when the connection was lost while committing: retry with the same key
     */
    public CommentAdded comment(Actor actor, long ticketId, NewComment comment) {
        return c.conversation().comment(actor, ticketId, comment);
    }

    /**
     * The comments and history events of a ticket, merged by date, oldest first.
     *
     * @param actor who acts; what they may do is checked
     * @param ticketId the ticket's id
     * @return the comments and history events of a ticket, merged by date, oldest first
     */
    public List<TimelineEntry> timeline(Actor actor, long ticketId) {
        return c.reading().timeline(actor, ticketId);
    }

    /**
     * The attachments of a ticket, oldest first.
     *
     * @param actor who acts; what they may do is checked
     * @param ticketId the ticket's id
     * @return the attachments of a ticket, oldest first
     */
    public List<Attachment> attachments(Actor actor, long ticketId) {
        return c.reading().attachments(actor, ticketId);
    }

    // ---------------------------------------------------------------- attachments (uploads and downloads)

    /**
     * Uploads files to a ticket, without a comment (to answer with files, use
     * {@link NewComment#of(String, NewFile...)}). Same permission as commenting: the owner and the admins.
     * Each file is checked by the {@link AttachmentPolicy} (type from its content, sizes, counts) and the
     * {@link AttachmentScanner}, and kept in the {@link AttachmentStore} before the ticket is changed; the
     * history records them and the owner and admins are notified.
     *
     * @param actor who acts; what they may do is checked
     * @param ticketId the ticket's id
     * @param files the files, at least one
     * @return the new attachments, in the order given
     * @throws TicketNotFoundException when the ticket does not exist or the actor may not see it (nothing
     *         is read from the files)
     * @throws AttachmentRefusedException for the first file refused; nothing is kept
     * @throws ValidationException when {@code files} is empty
     * @throws IllegalStateException when no attachment store is configured
     */
    public List<Attachment> attach(Actor actor, long ticketId, List<NewFile> files) {
        return c.attachments().attach(actor, ticketId, files, null);
    }

    /**
     * Uploads files to a ticket, like {@link #attach(Actor, long, List)}, with an idempotency key: sending the
     * same files again with the same key (same actor and ticket) answers with the first attachments and keeps
     * nothing new. That makes a retry after a {@link StoreOutcomeUnknownException} safe.
     *
     * @param actor who acts; what they may do is checked
     * @param ticketId the ticket's id
     * @param files the files, at least one
     * @param idempotencyKey the client's key, 1..255 printable ASCII characters without spaces, or {@code null}
     * @return the new attachments, in the order given (for a repeated key, the first ones)
     * @throws TicketNotFoundException when the ticket does not exist or the actor may not see it
     * @throws AttachmentRefusedException for the first file refused; nothing is kept
     * @throws IdempotencyKeyReusedException when the key was used for other files on this ticket
     * @throws ValidationException when {@code files} is empty or the key is not valid
     * @throws IllegalStateException when no attachment store is configured
     */
    public List<Attachment> attach(Actor actor, long ticketId, List<NewFile> files, @Nullable String idempotencyKey) {
        return c.attachments().attach(actor, ticketId, files, idempotencyKey);
    }

    /**
     * Opens an attachment for download, with the permission to read its ticket.
     *
     * <pre>{@code
     * try (AttachmentContent file = support.openAttachment(actor, ticketId, attachmentId)) {
     *     file.content().transferTo(out);
     * }
     * }</pre>
     *
     * @param actor who acts; what they may do is checked
     * @param ticketId the ticket's id
     * @param attachmentId the attachment's id
     * @return its metadata and a stream over its content, which the caller closes
     * @throws TicketNotFoundException when the ticket does not exist or the actor may not see it
     * @throws AttachmentNotFoundException when the ticket has no such attachment, or its content is not in
     *         the attachment store (a reference to a file the host keeps)
     */
    public AttachmentContent openAttachment(Actor actor, long ticketId, long attachmentId) {
        return c.attachments().openAttachment(actor, ticketId, attachmentId);
    }

    /**
     * The statuses the actor may move the ticket to now (for a status menu).
     *
     * @param actor who acts; what they may do is checked
     * @param ticketId the ticket's id
     * @return the statuses the actor may move the ticket to now (for a status menu)
     */
    public Set<TicketStatus> allowedStatuses(Actor actor, long ticketId) {
        return c.reading().allowedStatuses(actor, ticketId);
    }

    /**
     * What the actor may do on the ticket now: comment, move it to which statuses, escalate or retry a failed
     * escalation, edit, select it for a bulk change. Answered by the same rules that guard those operations,
     * so a host draws its buttons from it.
     *
     * @param actor who acts
     * @param ticketId the ticket's id
     * @return what the actor may do on the ticket now
     * @throws TicketNotFoundException when it does not exist or the actor may not see it
     */
    public TicketCapabilities capabilities(Actor actor, long ticketId) {
        return c.reading().capabilities(actor, ticketId);
    }

    /**
     * What the actor may do on each ticket of a page (one store transaction for all), for list views with
     * bulk actions. Tickets that do not exist or that the actor may not see are left out.
     *
     * @param actor who acts
     * @param ticketIds the tickets, such as those of a page from {@link #list}
     * @return per ticket id, in the order given, what the actor may do on it now
     * @throws ValidationException when no id or more than {@link SupportSettings#maxBulkSize()} ids are given
     */
    public Map<Long, TicketCapabilities> capabilities(Actor actor, Collection<Long> ticketIds) {
        return c.reading().capabilities(actor, ticketIds);
    }

    /**
     * Hands the ticket over to the support desk: its escalation status moves to IN_PROGRESS (a
     * compare-and-set: a second concurrent escalation fails) and the ticket becomes OPENED.
     *
     * @param actor who acts; what they may do is checked
     * @param ticketId the ticket's id
     * @return the ticket as changed (escalation IN_PROGRESS)
     * @throws AccessDeniedException when the actor lacks the escalation right for the school
     * @throws EscalationNotAllowedException when the ticket is finished, already escalated, or its
     *         school has escalation disabled
     */
    public Ticket escalate(Actor actor, long ticketId) {
        return c.escalations().escalate(actor, ticketId, null);
    }

    /**
     * Hands the ticket over to the support desk, like {@link #escalate(Actor, long)}, with an idempotency key:
     * escalating again with the same key (same actor and ticket) answers with the ticket as it is now instead of
     * refusing it as already escalated. That makes a retry after a {@link StoreOutcomeUnknownException} safe.
     *
     * @param actor who acts; what they may do is checked
     * @param ticketId the ticket's id
     * @param idempotencyKey the client's key, 1..255 printable ASCII characters without spaces, or {@code null}
     * @return the ticket as changed (escalation IN_PROGRESS; for a repeated key, as it is now)
     * @throws AccessDeniedException when the actor lacks the escalation right for the school
     * @throws EscalationNotAllowedException when the ticket is finished, already escalated, or its
     *         school has escalation disabled
     * @throws ValidationException naming {@code idempotencyKey} when the key is not valid
     */
    public Ticket escalate(Actor actor, long ticketId, @Nullable String idempotencyKey) {
        return c.escalations().escalate(actor, ticketId, idempotencyKey);
    }

    /**
     * Escalates several tickets, each in its own transaction, with an outcome per ticket.
     *
     * @param actor who acts; what they may do is checked
     * @param ticketIds the tickets to escalate
     * @return the outcome of each ticket
     * @throws ValidationException when no id or too many ids are given
     */
    public BulkResult escalate(Actor actor, Collection<Long> ticketIds) {
        return c.escalations().escalate(actor, ticketIds);
    }

    /**
     * Polls every configured support desk once (on the nodes that get each desk's lease): imports the
     * desks' public replies and status changes into the tickets. {@link #start()} runs it periodically.
     *
     * @return how many tickets changed
     */
    public int syncDesks() {
        return c.deskSync().syncDesks();
    }

    /**
     * Reads one escalated ticket's issue on its desk now and imports what changed. For platform admins.
     *
     * @param actor who acts; what they may do is checked
     * @param ticketId the ticket's id
     * @return the ticket as it is after the import
     * @throws AccessDeniedException for anyone but a platform admin who may see the ticket
     * @throws DeskUnavailableException when the desk cannot be reached or refuses
     */
    public Ticket syncTicket(Actor actor, long ticketId) {
        return c.deskSync().syncTicket(actor, ticketId);
    }

    /**
     * Imports a desk issue's state pushed by the desk (a webhook the host received and verified), the
     * same way as a poll does.
     *
     * @param desk the desk's name
     * @param changes the issue's state as the desk pushed it
     * @return whether a ticket changed
     * @throws IllegalArgumentException when no desk has that name
     */
    public boolean applyDeskChanges(String desk, org.entsupport.core.desk.IssueChanges changes) {
        return c.deskSync().applyDeskChanges(desk, changes);
    }

    /**
     * Closes the RESOLVED tickets whose status has not changed for
     * {@link SupportSettings#autoCloseAfter()}, at most {@link SupportSettings#autoCloseBatchSize()}
     * per call. Call it periodically (the host's scheduler or the library's runtime).
     *
     * @return how many tickets were closed
     */
    public int closeResolvedTickets() {
        return c.housekeeping().closeResolvedTickets();
    }

    /**
     * Deletes the delivered outbox messages older than {@link SupportSettings#deliveredOutboxRetention()},
     * in small batches. Dead messages are kept until an operator re-queues or purges them
     * ({@link OutboxRelay#requeue}, {@link OutboxRelay#purgeDead}). The runtime started by {@link #start()}
     * runs it with the auto-close; hosts with their own scheduler call it periodically.
     *
     * @return how many messages were deleted
     */
    public int purgeDeliveredOutbox() {
        return c.housekeeping().purgeDeliveredOutbox();
    }

    /**
     * Writes the tickets matching the query as CSV (RFC 4180, a header line, plain text in the cells, cells
     * that a spreadsheet would read as formulas neutralised). For local and platform admins only.
     *
     * @param actor who acts; what they may do is checked
     * @param query the filters and the order (the page size is ignored: every matching ticket is written)
     * @param out where the CSV goes
     * @throws AccessDeniedException for an actor who administers nothing
     * @throws java.io.UncheckedIOException when {@code out} fails
     */
    public void exportCsv(Actor actor, TicketQuery query, Appendable out) {
        c.export().exportCsv(actor, query, out);
    }

    /**
     * Writes the tickets matching the query as CSV in a dialect, for instance {@link CsvDialect#EXCEL_FR} for a
     * French Excel. The rows are written and flushed page by page, so the export never holds the whole list.
     *
     * <pre>{@code
     * support.exportCsv(admin, TicketQuery.all(), CsvDialect.EXCEL_FR, responseWriter);
     * }</pre>
     *
     * @param actor who acts; what they may do is checked
     * @param query the filters and the order (the page size is ignored: every matching ticket is written)
     * @param dialect separator, line ends and byte order mark
     * @param out where the CSV goes
     * @throws AccessDeniedException for an actor who administers nothing
     * @throws java.io.UncheckedIOException when {@code out} fails
     */
    public void exportCsv(Actor actor, TicketQuery query, CsvDialect dialect, Appendable out) {
        c.export().exportCsv(actor, query, dialect, out);
    }

    /**
     * Writes selected tickets as CSV, in the order given; those the actor may not export are left out, as if
     * they did not exist.
     *
     * @param actor who acts; what they may do is checked
     * @param ticketIds the selection, at most {@link SupportSettings#maxBulkSize()} distinct ids
     * @param dialect separator, line ends and byte order mark
     * @param out where the CSV goes
     * @throws AccessDeniedException for an actor who administers nothing
     * @throws ValidationException when the selection is empty or too large (field {@code ids})
     * @throws java.io.UncheckedIOException when {@code out} fails
     */
    public void exportCsv(Actor actor, java.util.Collection<Long> ticketIds, CsvDialect dialect, Appendable out) {
        c.export().exportCsv(actor, ticketIds, dialect, out);
    }

    /**
     * Data protection (GDPR) for platform administrators: anonymise or export a person's data, delete a
     * request, purge closed requests after the {@link RetentionPolicy retention period}, remove unreferenced
     * stored content.
     *
     * @return the data-protection operations
     */
    public DataProtection dataProtection() {
        return dataProtection;
    }

    /**
     * The outbox relay that delivers notifications (and desk calls) after commit. Drive it by hand with
     * {@link OutboxRelay#deliverDue()}, or let {@link #start()} run it in the background; inspect and
     * re-queue dead messages through it.
     *
     * @return the outbox relay that delivers notifications (and desk calls) after commit
     */
    public OutboxRelay relay() {
        return c.runtime().relay();
    }

    /**
     * Starts the runtime: the outbox relay in the background and the periodic auto-close. Hosts with
     * their own scheduler may instead call {@link OutboxRelay#deliverDue()} and
     * {@link #closeResolvedTickets()} themselves.
     */
    public void start() {
        c.runtime().start();
    }

    /**
     * Stops the runtime gracefully (deliveries in flight finish, up to 30 seconds) and closes the
     * registered notifiers. The store is the host's to close.
     */
    @Override
    public void close() {
        c.runtime().close();
    }

    /** Builds a {@link Support}; every part but the store has a default. */
    public static final class Builder {
        private @Nullable TicketStore store;
        private Directory directory = Directory.empty();
        private CategoryCatalog categories = CategoryCatalog.defaults();
        private boolean directoryGiven;
        private boolean categoriesGiven;
        private Clock clock = Clock.systemUTC();
        private SupportSettings settings = SupportSettings.defaults();
        private Predicate<String> escalationEnabled = school -> false;
        private final List<Notifier> notifiers = new java.util.ArrayList<>();
        private boolean discoverNotifiers;
        private @Nullable LinkTemplate linkTemplate;
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private java.util.function.UnaryOperator<OutboxRelay.Builder> relayTuning = b -> b;
        private Duration autoCloseInterval = Duration.ofHours(1);
        private final List<org.entsupport.core.desk.SupportDesk> desks = new java.util.ArrayList<>();
        private java.util.function.@Nullable Function<String, String> deskForSchool;
        private Duration deskPollInterval = Duration.ofMinutes(1);
        private Duration deskLookback = Duration.ofDays(7);
        private org.entsupport.core.desk.@Nullable InstallationId installationId;
        private @Nullable AttachmentStore attachmentStore;
        private AttachmentPolicy attachmentPolicy = AttachmentPolicy.defaults();
        private @Nullable AttachmentScanner attachmentScanner;
        private HostDocuments documents = HostDocuments.none();
        private SupportObserver observer = SupportObserver.none();
        private RetentionPolicy retention = RetentionPolicy.defaults();

        private Builder() {}

        /**
         * How long closed requests and unreferenced content are kept, and how the housekeeping removes them;
         * {@link RetentionPolicy#defaults()} (requests kept forever) when not set.
         *
         * @param value the retention policy
         * @return this builder
         */
        public Builder retention(RetentionPolicy value) {
            this.retention = Objects.requireNonNull(value, "retention");
            return this;
        }

        /**
         * The store; an {@link InMemoryTicketStore} when not set.
         *
         * @param value the store; an {@link InMemoryTicketStore} when not set
         * @return this builder
         */
        public Builder store(TicketStore value) {
            this.store = Objects.requireNonNull(value, "store");
            return this;
        }

        /**
         * The host's directory; {@link Directory#empty()} when not set.
         *
         * @param value the host's directory; {@link Directory#empty()} when not set
         * @return this builder
         */
        public Builder directory(Directory value) {
            this.directory = Objects.requireNonNull(value, "directory");
            this.directoryGiven = true;
            return this;
        }

        /**
         * The catalogue of applications, with their French and English names; {@link CategoryCatalog#defaults()}
         * (the usual applications of an ENT) when not set. Filing with a category it does not list is refused.
         *
         * @param value the catalogue of applications; {@link CategoryCatalog#defaults()} when not set
         * @return this builder
         */
        public Builder categories(CategoryCatalog value) {
            this.categories = Objects.requireNonNull(value, "categories");
            this.categoriesGiven = true;
            return this;
        }

        /**
         * The clock; the system UTC clock when not set. Tests pass a fixed or mutable clock.
         *
         * @param value the clock; the system UTC clock when not set
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Limits and delays; {@link SupportSettings#defaults()} when not set.
         *
         * @param value the settings
         * @return this builder
         */
        public Builder settings(SupportSettings value) {
            this.settings = Objects.requireNonNull(value, "settings");
            return this;
        }

        /**
         * Which schools may hand requests over to the support desk; none when not set.
         *
         * @param schools tells, for a school id, whether its requests may be escalated
         * @return this builder
         */
        public Builder escalationEnabled(Predicate<String> schools) {
            this.escalationEnabled = Objects.requireNonNull(schools, "escalationEnabled");
            return this;
        }

        /**
         * Registers a notifier. Each notification is written to the outbox once per notifier that
         * {@linkplain Notifier#supports supports} its type, and delivered after commit.
         *
         * @param value a notifier
         * @return this builder
         */
        public Builder notifier(Notifier value) {
            notifiers.add(Objects.requireNonNull(value, "notifier"));
            return this;
        }

        /**
         * Also uses the notifiers declared as {@link java.util.ServiceLoader} providers, when none is
         * registered explicitly (an explicit choice wins; a broken provider is reported and skipped).
         *
         * @return this builder
         */
        public Builder discoverNotifiers() {
            this.discoverNotifiers = true;
            return this;
        }

        /**
         * The address of a request's page in the host, such as
         * {@code https://ent.example/support#/ticket/{id}}. Required when notifiers are registered.
         *
         * @param template an absolute http(s) address with {@code {id}} where the ticket id goes
         * @return this builder
         */
        public Builder linkTemplate(String template) {
            this.linkTemplate = LinkTemplate.of(Objects.requireNonNull(template, "linkTemplate"));
            return this;
        }

        /**
         * Retries and back-off of outbox deliveries; {@link RetryPolicy#defaults()} when not set.
         *
         * @param value retries and back-off of outbox deliveries; {@link RetryPolicy#defaults()} when not set
         * @return this builder
         */
        public Builder retryPolicy(RetryPolicy value) {
            this.retryPolicy = Objects.requireNonNull(value, "retryPolicy");
            return this;
        }

        /**
         * Tunes the outbox relay (batch size, threads, lease, poll interval, node id).
         *
         * @param tuning changes the relay's builder, such as {@code r -> r.batchSize(100).threads(4)}
         * @return this builder
         */
        public Builder relay(java.util.function.UnaryOperator<OutboxRelay.Builder> tuning) {
            this.relayTuning = Objects.requireNonNull(tuning, "relay");
            return this;
        }

        /**
         * Registers a support desk that escalated requests are handed over to. With several desks, say
         * which one serves a school with {@link #deskForSchool}; otherwise the first one does.
         *
         * @param value a support desk that escalated requests are handed over to
         * @return this builder
         */
        public Builder desk(org.entsupport.core.desk.SupportDesk value) {
            desks.add(Objects.requireNonNull(value, "desk"));
            return this;
        }

        /**
         * Which desk (by name) serves a school; the first registered desk when not set.
         *
         * @param value which desk (by name) serves a school; the first registered desk when not set
         * @return this builder
         */
        public Builder deskForSchool(java.util.function.Function<String, String> value) {
            this.deskForSchool = Objects.requireNonNull(value, "deskForSchool");
            return this;
        }

        /**
         * The id of this installation, that the desk connectors write into their markers so that platforms
         * sharing a desk never take each other's issues. By default the library generates one the first
         * time it starts with a desk and keeps it in the store; set it to keep the markers of a platform
         * whose database was rebuilt. It is used as given and not stored.
         *
         * @param value 3 to 16 lower-case letters and digits, starting with a letter
         * @return this builder
         * @throws ValidationException naming {@code installationId} when the value is not a valid id
         */
        public Builder installationId(String value) {
            Objects.requireNonNull(value, "installationId");
            try {
                this.installationId = org.entsupport.core.desk.InstallationId.of(value);
            } catch (IllegalArgumentException e) {
                throw new ValidationException(List.of(new Violation(
                        "installationId", "installation-id.invalid", String.valueOf(e.getMessage()), List.of(value))));
            }
            return this;
        }

        /**
         * How often the runtime polls the desks (default 1 minute; 1 s..1 day).
         *
         * @param value how often the runtime polls the desks (default 1 minute; 1 s..1 day)
         * @return this builder
         */
        public Builder deskPollInterval(Duration value) {
            Objects.requireNonNull(value, "deskPollInterval");
            if (value.compareTo(Duration.ofSeconds(1)) < 0 || value.compareTo(Duration.ofDays(1)) > 0) {
                throw new IllegalArgumentException("deskPollInterval must be between PT1S and PT24H, but was " + value);
            }
            this.deskPollInterval = value;
            return this;
        }

        /**
         * How far back the very first poll of a desk reads (default 7 days; 1 minute..365 days).
         *
         * @param value how far back the very first poll of a desk reads (default 7 days; 1 minute..365 days)
         * @return this builder
         */
        public Builder deskInitialLookback(Duration value) {
            Objects.requireNonNull(value, "deskInitialLookback");
            if (value.compareTo(Duration.ofMinutes(1)) < 0 || value.compareTo(Duration.ofDays(365)) > 0) {
                throw new IllegalArgumentException(
                        "deskInitialLookback must be between PT1M and PT8760H, but was " + value);
            }
            this.deskLookback = value;
            return this;
        }

        /**
         * How often {@link Support#start() the runtime} runs the auto-close (default 1 hour; 1 s..1 day).
         *
         * @param value how often {@link Support#start() the runtime} runs the auto-close (default 1 hour; 1 s..1
         *         day)
         * @return this builder
         */
        public Builder autoCloseInterval(Duration value) {
            Objects.requireNonNull(value, "autoCloseInterval");
            if (value.compareTo(Duration.ofSeconds(1)) < 0 || value.compareTo(Duration.ofDays(1)) > 0) {
                throw new IllegalArgumentException(
                        "autoCloseInterval must be between PT1S and PT24H, but was " + value);
            }
            this.autoCloseInterval = value;
            return this;
        }

        /**
         * Where uploaded files, and the checked copies of referenced host documents, are kept: a
         * {@link org.entsupport.core.attachment.FileSystemAttachmentStore}, the database store of support-jdbc, or
         * the host's own. Without one, uploads ({@link NewFile}) and references ({@link NewAttachment}) fail.
         *
         * @param value where uploaded files are kept: a {@link
         *         org.entsupport.core.attachment.FileSystemAttachmentStore}, the database store of support-jdbc, or
         *         the host's own
         * @return this builder
         */
        public Builder attachmentStore(AttachmentStore value) {
            this.attachmentStore = Objects.requireNonNull(value, "attachmentStore");
            return this;
        }

        /**
         * Which files are accepted; {@link AttachmentPolicy#defaults()} when not set.
         *
         * @param value which files are accepted; {@link AttachmentPolicy#defaults()} when not set
         * @return this builder
         */
        public Builder attachmentPolicy(AttachmentPolicy value) {
            this.attachmentPolicy = Objects.requireNonNull(value, "attachmentPolicy");
            return this;
        }

        /**
         * An antivirus that checks every uploaded file before it is kept; none when not set.
         *
         * @param value an antivirus that checks every uploaded file before it is kept; none when not set
         * @return this builder
         */
        public Builder attachmentScanner(AttachmentScanner value) {
            this.attachmentScanner = Objects.requireNonNull(value, "attachmentScanner");
            return this;
        }

        /**
         * The host's documents that users attach by reference ({@link NewAttachment}), such as the ENT
         * workspace: the host checks that the actor may read a document and gives its name, size and content;
         * the library checks and copies it like an upload. {@link HostDocuments#none()} (every reference
         * refused) when not set.
         *
         * @param value the host's documents
         * @return this builder
         */
        public Builder documents(HostDocuments value) {
            this.documents = Objects.requireNonNull(value, "documents");
            return this;
        }

        /**
         * Who hears of situations that need a person's attention, such as a request filed in a school without
         * local administrator; {@link SupportObserver#none()} when not set (the library still logs them).
         *
         * @param value the host's observer
         * @return this builder
         */
        public Builder observer(SupportObserver value) {
            this.observer = Objects.requireNonNull(value, "observer");
            return this;
        }

        /** One warning for each part the host left to its default that usually belongs to the host. */
        private void warnAboutDefaults() {
            if (!directoryGiven) {
                org.slf4j.LoggerFactory.getLogger(Support.class)
                        .warn("support: no Directory was given (Support.builder().directory(...)), so the library knows"
                                + " no school administrators and no school names: requests are filed in schools without"
                                + " administrator, nobody but platform administrators handles them, and notifications"
                                + " reach only the requester");
            }
            if (!categoriesGiven) {
                org.slf4j.LoggerFactory.getLogger(Support.class)
                        .warn("support: no category catalog was given (Support.builder().categories(...)), so requests"
                                + " are filed under the library's default list of applications, which may not match"
                                + " this platform's");
            }
        }

        /**
         * Builds the facade.
         *
         * @return the facade, not yet started (see {@link Support#start()})
         * @throws IllegalStateException when notifiers are registered without a link template, or two
         *         notifiers share a name
         */
        public Support build() {
            TicketStore s = store != null ? store : new InMemoryTicketStore();
            List<Notifier> chosen =
                    discoverNotifiers ? Notifiers.explicitOrDiscovered(notifiers) : List.copyOf(notifiers);
            java.util.Set<String> names = new java.util.HashSet<>();
            for (Notifier n : chosen) {
                if (!names.add(n.name())) {
                    throw new IllegalStateException("two notifiers are named '" + n.name()
                            + "'; give each a distinct name(): it keys their outbox channel");
                }
            }
            if (!chosen.isEmpty() && linkTemplate == null) {
                throw new IllegalStateException("linkTemplate is required when notifiers are registered, such as "
                        + "https://ent.example/support#/ticket/{id}");
            }
            warnAboutDefaults();
            Notifications planner = new Notifications(chosen, directory, linkTemplate);
            OutboxRelay.Builder relay = relayTuning.apply(
                    OutboxRelay.builder(s.outbox()).retryPolicy(retryPolicy).clock(clock));
            Capabilities caps = Capabilities.assemble(new Capabilities.Parts(
                    s,
                    directory,
                    categories,
                    clock,
                    settings,
                    escalationEnabled,
                    planner,
                    relay,
                    autoCloseInterval,
                    List.copyOf(desks),
                    deskForSchool,
                    deskPollInterval,
                    deskLookback,
                    installationId,
                    new AttachmentIntake(attachmentStore, attachmentPolicy, attachmentScanner, documents),
                    observer));
            org.entsupport.core.internal.Lifecycle lifecycle =
                    new org.entsupport.core.internal.Lifecycle(s, clock, attachmentStore, retention);
            caps.runtime().every("data retention", retention.interval(), lifecycle::housekeeping);
            return new Support(caps, new DataProtection(lifecycle));
        }
    }
}

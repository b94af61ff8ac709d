package org.entsupport.jdbc.internal;

import static org.entsupport.jdbc.internal.schema.Tables.SUPPORT_ATTACHMENTS;
import static org.entsupport.jdbc.internal.schema.Tables.SUPPORT_COMMENTS;
import static org.entsupport.jdbc.internal.schema.Tables.SUPPORT_EVENTS;
import static org.entsupport.jdbc.internal.schema.Tables.SUPPORT_IDEMPOTENCY;
import static org.entsupport.jdbc.internal.schema.Tables.SUPPORT_TICKETS;
import static org.entsupport.jdbc.internal.schema.Tables.SUPPORT_TICKET_COUNTS;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.entsupport.core.StoreException;
import org.entsupport.core.StoreOutcomeUnknownException;
import org.entsupport.core.StoreUnavailableException;
import org.entsupport.core.TicketNotFoundException;
import org.entsupport.core.TicketVersionConflictException;
import org.entsupport.core.model.Attachment;
import org.entsupport.core.model.Comment;
import org.entsupport.core.model.Escalation;
import org.entsupport.core.model.EscalationStatus;
import org.entsupport.core.model.EventType;
import org.entsupport.core.model.HistoryEvent;
import org.entsupport.core.model.Origin;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketStatus;
import org.entsupport.core.spi.AttachmentDraft;
import org.entsupport.core.spi.CommentDraft;
import org.entsupport.core.spi.DuplicateExternalIdException;
import org.entsupport.core.spi.DuplicateIdempotencyKeyException;
import org.entsupport.core.spi.EventDraft;
import org.entsupport.core.spi.IdempotentWrite;
import org.entsupport.core.spi.PageRequest;
import org.entsupport.core.spi.SearchText;
import org.entsupport.core.spi.StoreTransaction;
import org.entsupport.core.spi.TicketDraft;
import org.entsupport.core.spi.TicketFilter;
import org.entsupport.core.spi.TicketStore;
import org.entsupport.jdbc.Database;
import org.entsupport.jdbc.internal.schema.tables.records.SupportAttachmentsRecord;
import org.entsupport.jdbc.internal.schema.tables.records.SupportCommentsRecord;
import org.entsupport.jdbc.internal.schema.tables.records.SupportEventsRecord;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record2;
import org.jooq.SQLDialect;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link TicketStore} over JDBC with jOOQ. Each {@link #inTransaction} borrows one connection,
 * runs the work in one JDBC transaction and gives the connection back. Thread-safe.
 */
public final class JdbcTicketStore implements TicketStore {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcTicketStore.class);

    /** Every ticket column but the search text, which only the database reads. */
    static final List<Field<?>> TICKET_COLUMNS = java.util.Arrays.stream(SUPPORT_TICKETS.fields())
            .filter(f -> f != SUPPORT_TICKETS.SEARCH_TEXT)
            .toList();

    private final DataSource dataSource;
    private final Database database;
    private final SQLDialect dialect;
    private final Settings settings;
    private final TicketQueries queries;
    private final JdbcOutboxStore outbox;
    private final JdbcDeskSyncStore deskSync;
    private final String location;
    private final JdbcLifecycle lifecycle;
    private final CreateStatements creates;

    /**
     * Creates the store.
     *
     * @param dataSource where connections come from
     * @param database   the database behind it
     * @param schema     the schema the tables live in, or {@code null} for the connection's current schema
     */
    public JdbcTicketStore(DataSource dataSource, Database database, @Nullable String schema) {
        this(dataSource, database, schema, database.toString());
    }

    /**
     * Creates the store, naming its database in the failures that say it cannot be reached.
     *
     * @param dataSource where connections come from
     * @param database   the database behind it
     * @param schema     the schema the tables live in, or {@code null} for the connection's current schema
     * @param location   which database, such as its JDBC URL without credentials
     */
    public JdbcTicketStore(DataSource dataSource, Database database, @Nullable String schema, String location) {
        this.location = Errors.withoutCredentials(Objects.requireNonNull(location, "location"));
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.database = Objects.requireNonNull(database, "database");
        this.dialect = switch (database) {
            case H2 -> SQLDialect.H2;
            case POSTGRESQL -> SQLDialect.POSTGRES;
            case MARIADB -> SQLDialect.MARIADB;
        };
        this.settings = settings(database, schema);
        this.queries = new TicketQueries(database, schema, DSL.using(dialect, settings));
        this.outbox = new JdbcOutboxStore(this);
        this.deskSync = new JdbcDeskSyncStore(this);
        this.lifecycle = new JdbcLifecycle(this);
        this.creates = new CreateStatements(DSL.using(dialect, settings), database);
    }

    @Override
    public Optional<org.entsupport.core.spi.LifecycleStore> lifecycle() {
        return Optional.of(lifecycle);
    }

    @Override
    public org.entsupport.core.outbox.OutboxStore outbox() {
        return outbox;
    }

    @Override
    public org.entsupport.core.spi.DeskSyncStore deskSync() {
        return deskSync;
    }

    /** Streams the export from one server-side cursor over the exported columns ({@link JdbcExport}). */
    @Override
    public long export(
            TicketFilter filter,
            org.entsupport.core.model.TicketSort sort,
            org.entsupport.core.model.SortDirection direction,
            org.entsupport.core.spi.ExportSink sink) {
        return JdbcExport.export(this, dataSource, queries, filter, sort, direction, sink);
    }

    /**
     * Runs {@code work} with a jOOQ context in one transaction, translating database errors (for the
     * outbox, the desk synchroniser and the news feed, which live on the same database).
     */
    <T> T transact(String what, java.util.function.Function<DSLContext, T> work) {
        return inTransaction(tx -> ((Tx) tx).run(what, null, () -> work.apply(((Tx) tx).db)));
    }

    /** jOOQ settings: the schema mapping and MariaDB's instant binding. */
    static Settings settings(Database database, @Nullable String schema) {
        Settings s = new Settings().withExecuteLogging(false).withRenderSchema(schema != null);
        if (schema != null) {
            s = s.withRenderMapping(new RenderMapping()
                    .withSchemata(new MappedSchema().withInput("").withOutput(schema)));
        }
        if (database == Database.MARIADB) {
            s = s.withBindOffsetDateTimeType(true);
        }
        return s;
    }

    /** The database this store runs on. */
    public Database database() {
        return database;
    }

    /**
     * The executions after which the PostgreSQL driver prepares a statement on the server: its default {@code
     * prepareThreshold}. Until then it sends the statement's text each time and the server plans it each time.
     */
    static final int DRIVER_PREPARE_THRESHOLD = 5;

    /** The school and user the warm-up lists: names no platform gives, so that its statements read next to nothing. */
    private static final String WARM_UP_SCHOOL = "support-jdbc warm-up: no such school";

    private static final String WARM_UP_USER = "support-jdbc warm-up: no such user";

    /**
     * Prepares a new connection for the store's reads: on PostgreSQL, runs the statements of a local
     * administrator's list (all statuses, then the open ones), each statement a search may run (windows,
     * fetch by id, school keys lookup, ranges for short words, ticket numbers) and the counts, over a school and
     * a user that do not exist, then rolls back. A new PostgreSQL server process plans them and loads its
     * catalogue caches, the statistics of the columns and the search function (V10) on its first statements,
     * which made the first search of a new connection three times slower than the next ones. Each runs {@value
     * #DRIVER_PREPARE_THRESHOLD} times, the PostgreSQL driver's default {@code prepareThreshold}: the driver then
     * prepares it on the server, where lists and searches keep their generic plan, so a user's first lists and
     * searches are not planned at all, like the tenth. What the first call still pays is the server process
     * mapping the shared buffers it reads for the first time, which huge pages on the server make cheap (see
     * the benchmarks' README). Nothing is written. Other databases: nothing is done.
     *
     * <p>A statement that fails is logged and ends the warm-up, with the connection rolled back and left
     * usable; only a connection that cannot roll back fails the call.
     *
     * @param connection a connection of the store's database, in auto-commit mode or not, outside a transaction
     * @throws SQLException when the connection cannot roll back or restore its auto-commit mode
     */
    public void warmUp(Connection connection) throws SQLException {
        if (database != Database.POSTGRESQL) {
            return;
        }
        long start = System.nanoTime();
        boolean autoCommit = connection.getAutoCommit();
        if (autoCommit) {
            connection.setAutoCommit(false);
        }
        try {
            DSLContext db = using(connection);
            List<org.entsupport.core.spi.TicketScope> scopes = List.of(
                    new org.entsupport.core.spi.TicketScope(java.util.Set.of(WARM_UP_SCHOOL), null, null),
                    new org.entsupport.core.spi.TicketScope(null, WARM_UP_USER, null));
            PageRequest page = new PageRequest(
                    org.entsupport.core.model.TicketSort.MODIFIED,
                    org.entsupport.core.model.SortDirection.DESC,
                    null,
                    26);
            java.util.Set<TicketStatus> open =
                    java.util.EnumSet.of(TicketStatus.NEW, TicketStatus.OPENED, TicketStatus.WAITING);
            for (int round = 0; round < DRIVER_PREPARE_THRESHOLD; round++) {
                queries.list(db, connection, new TicketFilter(scopes, java.util.Set.of(), List.of()), page);
                queries.list(db, connection, new TicketFilter(scopes, open, List.of()), page);
                queries.warmUpSearch(connection, scopes, page);
                queries.countByStatus(db, new TicketFilter(scopes, java.util.Set.of(), List.of()));
            }
            LOG.debug("warmed up a new connection in {} ms", (System.nanoTime() - start) / 1_000_000);
        } catch (DataAccessException e) {
            LOG.warn(
                    "could not warm up a new connection of the support store ({}): its first reads may be slower",
                    Errors.describe(e));
        } finally {
            connection.rollback();
            if (autoCommit) {
                connection.setAutoCommit(true);
            }
        }
    }

    /** A jOOQ context over {@code connection} with this store's dialect and settings (for tools and tests). */
    public DSLContext using(Connection connection) {
        return DSL.using(connection, dialect, settings);
    }

    /**
     * {@inheritDoc}
     *
     * <p>A database that cannot be reached (down, restarting, terminating the session, no connection free
     * within the pool's timeout) fails the call with a {@link StoreUnavailableException} naming it, except
     * a commit whose answer was lost, which stays a {@link StoreOutcomeUnknownException}: it may have been saved.
     */
    @Override
    public <T> T inTransaction(TransactionWork<T> work) {
        try {
            return runTransaction(work);
        } catch (StoreUnavailableException | StoreOutcomeUnknownException e) {
            // a commit whose answer was lost may have been saved: that says more than "unavailable"
            throw e;
        } catch (RuntimeException e) {
            if (!Errors.isUnavailable(e)) {
                throw e;
            }
            throw new StoreUnavailableException(
                    location,
                    "The support database " + location + " is unavailable: "
                            + (e instanceof StoreException ? e.getMessage() : Errors.describe(e)),
                    e);
        }
    }

    private <T> T runTransaction(TransactionWork<T> work) {
        Objects.requireNonNull(work, "work");
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException | RuntimeException e) {
            throw Errors.failure("get a database connection", null, e);
        }
        Tx tx = new Tx(connection, using(connection));
        try {
            boolean autoCommit = connection.getAutoCommit();
            if (autoCommit) {
                connection.setAutoCommit(false);
            }
            T result;
            try {
                result = work.run(tx);
            } catch (RuntimeException | Error e) {
                tx.open = false;
                rollback(connection, tx, e);
                throw e;
            }
            tx.open = false;
            try {
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                rollback(connection, tx, e);
                throw Errors.commitFailure(tx.ticketId, e);
            }
            if (autoCommit) {
                try {
                    connection.setAutoCommit(true);
                } catch (SQLException e) {
                    // committed: a connection lost now only costs the connection, never the change
                    LOG.debug("restoring auto-commit after a commit failed: {}", e.getMessage());
                }
            }
            return result;
        } catch (SQLException e) {
            throw Errors.failure("run a transaction", tx.ticketId, e);
        } finally {
            tx.open = false;
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("closing a connection failed: {}", e.getMessage());
            }
        }
    }

    private static void rollback(Connection connection, Tx tx, Throwable reason) {
        try {
            connection.rollback();
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            // The original failure is what the caller needs; a lost connection fails both.
            LOG.debug(
                    "rollback after {} failed (ticket {}): {}",
                    reason.getClass().getSimpleName(),
                    tx.ticketId,
                    e.getMessage());
        }
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static @Nullable OffsetDateTime utcOrNull(@Nullable Instant instant) {
        return instant == null ? null : utc(instant);
    }

    static @Nullable Instant instantOrNull(@Nullable OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    /** Maps a row of {@link #TICKET_COLUMNS} to a ticket. */
    static Ticket ticket(Record r) {
        var t = SUPPORT_TICKETS;
        String escalatedBy = r.get(t.ESCALATED_BY);
        OffsetDateTime escalatedAt = r.get(t.ESCALATED_AT);
        Escalation escalation = escalatedBy == null || escalatedAt == null
                ? null
                : new Escalation(
                        escalatedBy,
                        escalatedAt.toInstant(),
                        r.get(t.DESK),
                        r.get(t.DESK_ISSUE_ID),
                        r.get(t.DESK_ISSUE_URL),
                        instantOrNull(r.get(t.LAST_SYNC)),
                        r.get(t.ESCALATION_FAILURE),
                        r.get(t.DESK_STATUS));
        return new Ticket(
                r.get(t.ID),
                r.get(t.OWNER),
                r.get(t.OWNER_NAME),
                r.get(t.SCHOOL),
                r.get(t.CATEGORY),
                r.get(t.SUBJECT),
                r.get(t.DESCRIPTION),
                TicketStatus.ofCode(r.get(t.STATUS)),
                EscalationStatus.ofCode(r.get(t.ESCALATION_STATUS)),
                r.get(t.CREATED).toInstant(),
                r.get(t.MODIFIED).toInstant(),
                r.get(t.STATUS_CHANGED).toInstant(),
                r.get(t.VERSION),
                r.get(t.LOCALE),
                r.get(t.COMMENT_COUNT),
                r.get(t.ATTACHMENT_COUNT),
                escalation,
                r.get(t.DESCRIPTION_HTML));
    }

    static Comment comment(SupportCommentsRecord r) {
        return new Comment(
                r.getId(),
                r.getTicketId(),
                r.getAuthor(),
                r.getAuthorName(),
                r.getBody(),
                r.getCreated().toInstant(),
                Origin.valueOf(r.getOrigin()),
                r.getExternalId(),
                r.getBodyHtml());
    }

    static HistoryEvent event(SupportEventsRecord r) {
        EventType type = EventType.fromCode(r.getType())
                .orElseThrow(() -> new StoreException(
                        "Event " + r.getId() + " of ticket " + r.getTicketId() + " has an unknown type \"" + r.getType()
                                + "\": was it written by a newer version of the library?",
                        null));
        return new HistoryEvent(
                r.getId(),
                r.getTicketId(),
                r.getActor(),
                type,
                r.getCreated().toInstant(),
                Json.read(r.getParameters()));
    }

    static Attachment attachment(SupportAttachmentsRecord r) {
        return new Attachment(
                r.getId(),
                r.getTicketId(),
                r.getCommentId(),
                r.getFileName(),
                r.getMediaType(),
                r.getByteSize(),
                r.getUploader(),
                r.getCreated().toInstant(),
                Origin.valueOf(r.getOrigin()));
    }

    /** One transaction's view; every method translates database errors at once. */
    private final class Tx implements StoreTransaction {
        /** The transaction's connection, for the statements run without jOOQ ({@link CreateStatements}). */
        private final Connection connection;

        private final DSLContext db;
        private boolean open = true;
        /** The last ticket this transaction touched, for error messages. */
        private @Nullable Long ticketId;

        Tx(Connection connection, DSLContext db) {
            this.connection = connection;
            this.db = db;
        }

        private <R> R run(String what, @Nullable Long ticket, Supplier<R> action) {
            if (!open) {
                throw new IllegalStateException("this transaction has ended");
            }
            if (ticket != null) {
                ticketId = ticket;
            }
            try {
                return action.get();
            } catch (DataAccessException e) {
                throw Errors.failure(what, ticket, e);
            }
        }

        @Override
        public Optional<Ticket> findTicket(long id) {
            return run(
                    "read",
                    id,
                    () -> db.select(TICKET_COLUMNS)
                            .from(SUPPORT_TICKETS)
                            .where(SUPPORT_TICKETS.ID.eq(id))
                            .fetchOptional(JdbcTicketStore::ticket));
        }

        @Override
        public Optional<Ticket> lockTicket(long id) {
            return run(
                    "lock",
                    id,
                    () -> db.select(TICKET_COLUMNS)
                            .from(SUPPORT_TICKETS)
                            .where(SUPPORT_TICKETS.ID.eq(id))
                            .forUpdate()
                            .fetchOptional(JdbcTicketStore::ticket));
        }

        @Override
        public Ticket insertTicket(TicketDraft d) {
            return run("insert a ticket", null, () -> {
                OffsetDateTime created = utc(d.created());
                long id;
                try {
                    id = creates.insertTicket(connection, d, created);
                } catch (DataAccessException e) {
                    if (d.idempotencyKey() != null && Errors.isUniqueViolation(e)) {
                        throw new DuplicateIdempotencyKeyException(d.owner(), d.idempotencyKey(), e);
                    }
                    throw e;
                }
                ticketId = id;
                addToCount(d.school(), (short) d.status().code());
                LOG.debug("inserted ticket {} for {} in {}", id, d.owner(), d.school());
                return new Ticket(
                        id,
                        d.owner(),
                        d.ownerName(),
                        d.school(),
                        d.category(),
                        d.subject(),
                        d.description(),
                        d.status(),
                        EscalationStatus.NOT_DONE,
                        d.created(),
                        d.created(),
                        d.created(),
                        1,
                        d.locale(),
                        0,
                        d.attachmentCount(),
                        null,
                        d.descriptionHtml());
            });
        }

        @Override
        public Optional<Ticket> findByIdempotencyKey(String owner, String idempotencyKey) {
            return run(
                    "find a ticket by idempotency key",
                    null,
                    () -> db.select(TICKET_COLUMNS)
                            .from(SUPPORT_TICKETS)
                            .where(SUPPORT_TICKETS
                                    .OWNER
                                    .eq(owner)
                                    .and(SUPPORT_TICKETS.IDEMPOTENCY_KEY.eq(idempotencyKey)))
                            .fetchOptional(JdbcTicketStore::ticket));
        }

        @Override
        public void updateTicket(Ticket ticket, long expectedVersion) {
            var t = SUPPORT_TICKETS;
            Escalation e = ticket.escalation();
            run("update", ticket.id(), () -> {
                // the row as it is, locked until the end of the transaction: its (school, status) is
                // what the counts hold for it
                Record2<String, Short> old = db.select(t.SCHOOL, t.STATUS)
                        .from(t)
                        .where(t.ID.eq(ticket.id()).and(t.VERSION.eq(expectedVersion)))
                        .forUpdate()
                        .fetchOne();
                int updated = old == null
                        ? 0
                        : db.update(t)
                                .set(t.OWNER, ticket.owner())
                                .set(t.OWNER_NAME, ticket.ownerName())
                                .set(t.SCHOOL, ticket.school())
                                .set(t.CATEGORY, ticket.category())
                                .set(t.SUBJECT, ticket.subject())
                                .set(t.DESCRIPTION, ticket.description())
                                .set(t.DESCRIPTION_HTML, ticket.descriptionHtml())
                                .set(t.STATUS, (short) ticket.status().code())
                                .set(t.ESCALATION_STATUS, (short)
                                        ticket.escalationStatus().code())
                                .set(t.CREATED, utc(ticket.created()))
                                .set(t.MODIFIED, utc(ticket.modified()))
                                .set(t.STATUS_CHANGED, utc(ticket.statusChanged()))
                                .set(t.VERSION, ticket.version())
                                .set(t.LOCALE, ticket.locale())
                                .set(t.COMMENT_COUNT, ticket.commentCount())
                                .set(t.ATTACHMENT_COUNT, ticket.attachmentCount())
                                .set(t.ESCALATED_BY, e == null ? null : e.escalatedBy())
                                .set(t.ESCALATED_AT, e == null ? null : utc(e.escalatedAt()))
                                .set(t.DESK, e == null ? null : e.desk())
                                .set(t.DESK_ISSUE_ID, e == null ? null : e.externalId())
                                .set(t.DESK_ISSUE_URL, e == null ? null : e.externalUrl())
                                .set(t.LAST_SYNC, e == null ? null : utcOrNull(e.lastSync()))
                                .set(t.ESCALATION_FAILURE, e == null ? null : e.failure())
                                .set(t.DESK_STATUS, e == null ? null : e.deskStatus())
                                .set(
                                        t.SEARCH_TEXT,
                                        SearchText.document(ticket.subject(), ticket.description(), ticket.ownerName()))
                                .where(t.ID.eq(ticket.id()).and(t.VERSION.eq(expectedVersion)))
                                .execute();
                if (updated == 0) {
                    Long actual = db.select(t.VERSION)
                            .from(t)
                            .where(t.ID.eq(ticket.id()))
                            .fetchOne(t.VERSION);
                    if (actual == null) {
                        throw new TicketNotFoundException(ticket.id());
                    }
                    throw new TicketVersionConflictException(ticket.id(), expectedVersion, actual);
                }
                moveCount(old.value1(), old.value2(), ticket.school(), (short)
                        ticket.status().code());
                LOG.debug("updated ticket {} to version {}", ticket.id(), ticket.version());
                return null;
            });
        }

        /**
         * One more ticket in (school, status). PostgreSQL's {@code ON CONFLICT} and MariaDB's {@code ON
         * DUPLICATE KEY} are atomic upserts; H2's {@code MERGE} is not: two transactions that both find no
         * row both insert, and the second fails on the primary key. On H2 the counter is therefore
         * incremented first and inserted only when it is missing; an insert that loses that race leaves the
         * transaction usable (H2 rolls back the statement only) and increments the row the winner created.
         */
        private void addToCount(String school, short status) {
            if (creates.upserts()) {
                creates.addToCount(connection, school, status);
                return;
            }
            // H2: no atomic upsert
            if (incrementCount(school, status) > 0) {
                return;
            }
            var c = SUPPORT_TICKET_COUNTS;
            try {
                db.insertInto(c)
                        .set(c.SCHOOL, school)
                        .set(c.STATUS, status)
                        .set(c.N, 1L)
                        .execute();
            } catch (DataAccessException e) {
                if (!Errors.isUniqueViolation(e) || incrementCount(school, status) == 0) {
                    throw e;
                }
            }
        }

        private int incrementCount(String school, short status) {
            var c = SUPPORT_TICKET_COUNTS;
            return db.update(c)
                    .set(c.N, c.N.plus(1L))
                    .where(c.SCHOOL.eq(school).and(c.STATUS.eq(status)))
                    .execute();
        }

        /** One less ticket in (school, status). */
        private void takeFromCount(String school, short status) {
            var c = SUPPORT_TICKET_COUNTS;
            int rows = db.update(c)
                    .set(c.N, c.N.minus(1L))
                    .where(c.SCHOOL.eq(school).and(c.STATUS.eq(status)))
                    .execute();
            if (rows == 0) {
                LOG.warn(
                        "support_ticket_counts has no row for school {} and status {}: was support_tickets"
                                + " written without the library? Rebuild the counts (see V4__ticket_counts.sql)",
                        school,
                        status);
            }
        }

        /**
         * A ticket moved from one (school, status) to another: the two counter rows are changed in
         * (school, status) order, so that two transactions moving tickets in opposite directions
         * lock them in the same order and cannot deadlock.
         */
        private void moveCount(String oldSchool, short oldStatus, String newSchool, short newStatus) {
            if (oldSchool.equals(newSchool) && oldStatus == newStatus) {
                return;
            }
            int order =
                    oldSchool.equals(newSchool) ? Short.compare(oldStatus, newStatus) : oldSchool.compareTo(newSchool);
            if (order < 0) {
                takeFromCount(oldSchool, oldStatus);
                addToCount(newSchool, newStatus);
            } else {
                addToCount(newSchool, newStatus);
                takeFromCount(oldSchool, oldStatus);
            }
        }

        @Override
        public Comment insertComment(CommentDraft d) {
            var c = SUPPORT_COMMENTS;
            return run("insert a comment", d.ticketId(), () -> {
                Long id;
                try {
                    id = db.insertInto(c)
                            .set(c.TICKET_ID, d.ticketId())
                            .set(c.AUTHOR, d.author())
                            .set(c.AUTHOR_NAME, d.authorName())
                            .set(c.BODY, d.body())
                            .set(c.BODY_HTML, d.bodyHtml())
                            .set(c.CREATED, utc(d.created()))
                            .set(c.ORIGIN, d.origin().name())
                            .set(c.EXTERNAL_ID, d.externalId())
                            .returningResult(c.ID)
                            .fetchOne(r -> r.value1());
                } catch (DataAccessException e) {
                    if (d.externalId() != null && Errors.isUniqueViolation(e)) {
                        throw new DuplicateExternalIdException(d.ticketId(), d.externalId(), e);
                    }
                    throw e;
                }
                LOG.debug("inserted comment {} on ticket {}", id, d.ticketId());
                return new Comment(
                        Objects.requireNonNull(id, "comment id"),
                        d.ticketId(),
                        d.author(),
                        d.authorName(),
                        d.body(),
                        d.created(),
                        d.origin(),
                        d.externalId(),
                        d.bodyHtml());
            });
        }

        @Override
        public Optional<IdempotentWrite> findIdempotentWrite(String actor, String operation, long ticket, String key) {
            var k = SUPPORT_IDEMPOTENCY;
            return run(
                    "read an idempotency key",
                    ticket,
                    () -> db.selectFrom(k)
                            .where(k.TICKET_ID
                                    .eq(ticket)
                                    .and(k.ACTOR.eq(actor))
                                    .and(k.OPERATION.eq(operation))
                                    .and(k.IDEM_KEY.eq(key)))
                            .fetchOptional(r -> new IdempotentWrite(
                                    r.getActor(),
                                    r.getOperation(),
                                    r.getTicketId(),
                                    r.getIdemKey(),
                                    r.getFingerprint(),
                                    r.getResult(),
                                    r.getCreatedAt().toInstant())));
        }

        @Override
        public void insertIdempotentWrite(IdempotentWrite w) {
            var k = SUPPORT_IDEMPOTENCY;
            run("record an idempotency key", w.ticketId(), () -> {
                try {
                    db.insertInto(k)
                            .set(k.ACTOR, w.actor())
                            .set(k.OPERATION, w.operation())
                            .set(k.TICKET_ID, w.ticketId())
                            .set(k.IDEM_KEY, w.key())
                            .set(k.FINGERPRINT, w.fingerprint())
                            .set(k.RESULT, w.result())
                            .set(k.CREATED_AT, utc(w.created()))
                            .execute();
                } catch (DataAccessException e) {
                    if (Errors.isUniqueViolation(e)) {
                        throw new DuplicateIdempotencyKeyException(w.actor(), w.operation(), w.ticketId(), w.key(), e);
                    }
                    throw e;
                }
                return null;
            });
        }

        @Override
        public void setCommentExternalId(long ticket, long commentId, String externalId) {
            var c = SUPPORT_COMMENTS;
            run("record the desk id of a comment", ticket, () -> {
                try {
                    db.update(c)
                            .set(c.EXTERNAL_ID, externalId)
                            .where(c.ID.eq(commentId).and(c.TICKET_ID.eq(ticket)))
                            .execute();
                } catch (DataAccessException e) {
                    if (Errors.isUniqueViolation(e)) {
                        throw new DuplicateExternalIdException(ticket, externalId, e);
                    }
                    throw e;
                }
                return null;
            });
        }

        @Override
        public Optional<Ticket> findByDeskIssue(String desk, String externalId) {
            var t = SUPPORT_TICKETS;
            return run(
                    "find a ticket by desk issue",
                    null,
                    () -> db.select(TICKET_COLUMNS)
                            .from(t)
                            .where(t.DESK.eq(desk).and(t.DESK_ISSUE_ID.eq(externalId)))
                            .orderBy(t.ID)
                            .limit(1)
                            .fetchOptional(JdbcTicketStore::ticket));
        }

        @Override
        public void enqueue(org.entsupport.core.outbox.OutboxDraft d) {
            run("write an outbox message", d.ticketId(), () -> {
                JdbcOutboxStore.insert(db, d);
                return null;
            });
        }

        @Override
        public List<Comment> comments(long ticket) {
            var c = SUPPORT_COMMENTS;
            return run(
                    "read the comments",
                    ticket,
                    () -> db.selectFrom(c)
                            .where(c.TICKET_ID.eq(ticket))
                            .orderBy(c.CREATED, c.ID)
                            .fetch(JdbcTicketStore::comment));
        }

        @Override
        public HistoryEvent insertEvent(EventDraft d) {
            return run("insert an event", d.ticketId(), () -> {
                long id = creates.insertEvent(
                        connection,
                        d.ticketId(),
                        d.actor(),
                        d.type().code(),
                        utc(d.created()),
                        Json.write(d.parameters()));
                LOG.debug("inserted event {} ({}) on ticket {}", id, d.type().code(), d.ticketId());
                return new HistoryEvent(id, d.ticketId(), d.actor(), d.type(), d.created(), d.parameters());
            });
        }

        @Override
        public List<HistoryEvent> events(long ticket) {
            var ev = SUPPORT_EVENTS;
            return run(
                    "read the history",
                    ticket,
                    () -> db.selectFrom(ev)
                            .where(ev.TICKET_ID.eq(ticket))
                            .orderBy(ev.CREATED, ev.ID)
                            .fetch(JdbcTicketStore::event));
        }

        @Override
        public Attachment insertAttachment(AttachmentDraft d) {
            var a = SUPPORT_ATTACHMENTS;
            return run("insert an attachment", d.ticketId(), () -> {
                Long id = db.insertInto(a)
                        .set(a.TICKET_ID, d.ticketId())
                        .set(a.COMMENT_ID, d.commentId())
                        .set(a.FILE_NAME, d.fileName())
                        .set(a.MEDIA_TYPE, d.mediaType())
                        .set(a.BYTE_SIZE, d.size())
                        .set(a.STORAGE_KEY, d.storageKey())
                        .set(a.UPLOADER, d.uploader())
                        .set(a.CREATED, utc(d.created()))
                        .set(a.ORIGIN, d.origin().name())
                        .returningResult(a.ID)
                        .fetchOne(r -> r.value1());
                LOG.debug("inserted attachment {} on ticket {}", id, d.ticketId());
                return new Attachment(
                        Objects.requireNonNull(id, "attachment id"),
                        d.ticketId(),
                        d.commentId(),
                        d.fileName(),
                        d.mediaType(),
                        d.size(),
                        d.uploader(),
                        d.created(),
                        d.origin());
            });
        }

        @Override
        public Optional<String> storageKey(long ticket, long attachmentId) {
            var a = SUPPORT_ATTACHMENTS;
            return run(
                    "read a storage key",
                    ticket,
                    () -> db.select(a.STORAGE_KEY)
                            .from(a)
                            .where(a.TICKET_ID.eq(ticket).and(a.ID.eq(attachmentId)))
                            .fetchOptional(r -> r.value1()));
        }

        @Override
        public List<Attachment> attachments(long ticket) {
            var a = SUPPORT_ATTACHMENTS;
            return run(
                    "read the attachments",
                    ticket,
                    () -> db.selectFrom(a)
                            .where(a.TICKET_ID.eq(ticket))
                            .orderBy(a.CREATED, a.ID)
                            .fetch(JdbcTicketStore::attachment));
        }

        @Override
        public List<Ticket> list(TicketFilter filter, PageRequest page) {
            return run("list tickets", null, () -> {
                List<Ticket> rows = queries.list(db, connection, filter, page);
                LOG.debug(
                        "listed {} tickets ({} {}, limit {})",
                        rows.size(),
                        page.sort(),
                        page.direction(),
                        page.limit());
                return rows;
            });
        }

        @Override
        public Map<TicketStatus, Long> countByStatus(TicketFilter filter) {
            return run("count tickets", null, () -> {
                Map<TicketStatus, Long> counts = queries.countByStatus(db, filter);
                LOG.debug("counted tickets per status: {}", counts);
                return counts;
            });
        }

        @Override
        public Optional<org.entsupport.core.spi.DeskFileImport> deskFile(String desk, String fileId) {
            return run(
                    "read the import state of desk file " + fileId, null, () -> JdbcDeskFiles.find(db, desk, fileId));
        }

        @Override
        public void saveDeskFile(org.entsupport.core.spi.DeskFileImport file) {
            run("record the import state of desk file " + file.fileId(), file.ticketId(), () -> {
                JdbcDeskFiles.save(db, file);
                return null;
            });
        }

        @Override
        public List<Ticket> escalatedTo(String desk, long afterTicketId, int limit) {
            return run(
                    "list the escalations followed on desk " + desk,
                    null,
                    () -> JdbcDeskFiles.escalatedTo(db, desk, afterTicketId, limit));
        }

        @Override
        public List<Ticket> resolvedBefore(Instant cutoff, int limit) {
            var t = SUPPORT_TICKETS;
            return run(
                    "list resolved tickets",
                    null,
                    () -> db.select(TICKET_COLUMNS)
                            .from(t)
                            .where(t.STATUS
                                    .eq((short) TicketStatus.RESOLVED.code())
                                    .and(t.STATUS_CHANGED.le(utc(cutoff))))
                            .orderBy(t.STATUS_CHANGED, t.ID)
                            .limit(limit)
                            .fetch(JdbcTicketStore::ticket));
        }
    }
}

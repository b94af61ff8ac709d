package org.entsupport.jdbc.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.entsupport.core.model.EscalationStatus;
import org.entsupport.core.model.SortDirection;
import org.entsupport.core.model.TicketSort;
import org.entsupport.core.model.TicketStatus;
import org.entsupport.core.spi.ExportRow;
import org.entsupport.core.spi.ExportSink;
import org.entsupport.core.spi.TicketFilter;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.exception.DataAccessException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link org.entsupport.core.spi.TicketStore#export} on a database: one statement reading only the exported
 * columns ({@link TicketQueries#export}), streamed from a server-side cursor in one read transaction, each row
 * read by column index into a reused {@link Row} handed to the sink. The cursor is read on a thread of its own
 * while the caller's thread writes the rows already read ({@link Pipeline}).
 *
 * <p>Streaming takes, per driver: PostgreSQL, auto-commit off and a fetch size (the driver then reads through
 * a portal, {@value #FETCH_SIZE} rows per round trip, instead of the whole result); MariaDB Connector/J, a fetch
 * size (it then reads the rows from the socket as they are consumed); H2, nothing (an embedded result spills
 * to disk beyond its memory limit). The transaction holds a snapshot for the duration of the export
 * (PostgreSQL, MariaDB): an export of a million rows is one consistent picture, not pages taken at different
 * moments.
 */
final class JdbcExport {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcExport.class);

    /** Rows per round trip of the cursor: about 2,000 x (the row with its description) in the driver's buffer. */
    static final int FETCH_SIZE = 2_000;

    private JdbcExport() {}

    static long export(
            JdbcTicketStore store,
            DataSource dataSource,
            TicketQueries queries,
            TicketFilter filter,
            TicketSort sort,
            SortDirection direction,
            ExportSink sink) {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(sort, "sort");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(sink, "sink");
        if (filter.scopes().isEmpty()) {
            return 0;
        }
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException | RuntimeException e) {
            throw Errors.failure("get a database connection", null, e);
        }
        try {
            boolean autoCommit = connection.getAutoCommit();
            if (autoCommit) {
                connection.setAutoCommit(false);
            }
            long rows;
            try {
                ResultQuery<Record> query = queries.export(store.using(connection), filter, sort, direction)
                        .fetchSize(FETCH_SIZE);
                try (ResultSet rs = query.fetchResultSet()) {
                    rows = new Pipeline(rs).run(sink);
                }
                connection.commit();
            } catch (SQLException | DataAccessException e) {
                rollback(connection);
                throw Errors.failure("export tickets", null, e);
            } catch (RuntimeException | Error e) {
                // the sink failed (a client gone): end the transaction, let its exception through unchanged
                rollback(connection);
                throw e;
            }
            if (autoCommit) {
                connection.setAutoCommit(true);
            }
            LOG.debug("exported {} tickets ({} {}) from one cursor", rows, sort, direction);
            return rows;
        } catch (SQLException e) {
            throw Errors.failure("export tickets", null, e);
        } finally {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("closing a connection failed: {}", e.getMessage());
            }
        }
    }

    /**
     * Reads the cursor on a thread of its own while the caller's thread hands the rows already read to the sink:
     * the database produces the next rows (and the driver decodes them) while the CSV of the last ones is
     * written, instead of one after the other. {@value #BATCHES} batches of {@value #BATCH} reused rows go round
     * between the two threads, so memory stays bounded whatever the export's size. The result set is only read
     * by the reader; the connection's commit or rollback happens on the caller's thread after the reader ended.
     */
    static final class Pipeline {
        /** Rows per batch handed from the reader to the writer. */
        static final int BATCH = 256;
        /** Batches going round: the reader fills some while the writer empties one. */
        static final int BATCHES = 4;

        private static final AtomicLong THREADS = new AtomicLong();

        private final ResultSet rs;
        private final BlockingQueue<Batch> empty = new ArrayBlockingQueue<>(BATCHES);
        /** Filled batches, then {@link #end}. */
        private final BlockingQueue<Batch> full = new ArrayBlockingQueue<>(BATCHES + 1);
        /** Ends the stream of filled batches. */
        private final Batch end = new Batch(0);

        private volatile boolean stopped;
        private volatile @Nullable Throwable readFailure;

        Pipeline(ResultSet rs) {
            this.rs = rs;
            for (int i = 0; i < BATCHES; i++) {
                empty.add(new Batch(BATCH));
            }
        }

        /** Hands every row to {@code sink}; returns how many. */
        long run(ExportSink sink) throws SQLException {
            Thread reader = new Thread(this::read, "support-export-reader-" + THREADS.incrementAndGet());
            reader.setDaemon(true); // never keeps a JVM alive
            reader.start();
            long rows = 0;
            boolean done = false;
            try {
                for (Batch batch = full.take(); batch != end; batch = full.take()) {
                    for (int i = 0; i < batch.size; i++) {
                        sink.accept(batch.rows[i]);
                    }
                    rows += batch.size;
                    empty.add(batch);
                }
                done = true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("the export was interrupted", "57014", e);
            } finally {
                if (!done) {
                    stopped = true;
                    // wakes a reader waiting for an empty batch (it then sees stopped); when the queue is full, none
                    // waits
                    empty.offer(new Batch(0));
                }
                joinUninterruptibly(reader);
            }
            Throwable failure = readFailure;
            if (failure instanceof SQLException e) {
                throw e;
            } else if (failure instanceof RuntimeException e) {
                throw e;
            } else if (failure instanceof Error e) {
                throw e;
            }
            return rows;
        }

        private void read() {
            @Nullable Batch filling = null;
            try {
                boolean more = true;
                while (more && !stopped) {
                    filling = empty.take();
                    filling.size = 0;
                    while (filling.size < filling.rows.length && !stopped && (more = rs.next())) {
                        filling.rows[filling.size].read(rs);
                        filling.size++; // only once the row is whole
                    }
                    if (filling.size != 0) {
                        full.put(filling);
                    }
                    filling = null;
                }
            } catch (InterruptedException e) {
                readFailure = new SQLException("the export's reader was interrupted", "57014", e);
            } catch (SQLException | RuntimeException | Error e) {
                readFailure = e;
            }
            // every failure is caught above, so the writer always gets the end (never blocking: the queue holds
            // every batch there is, and the end); the rows read before a failure come before it
            if (filling != null && filling.size != 0) {
                full.add(filling);
            }
            full.add(end);
        }

        private static void joinUninterruptibly(Thread thread) {
            boolean interrupted = false;
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        /** Reused rows, {@code size} of them read. */
        private static final class Batch {
            final Row[] rows;
            int size;

            Batch(int capacity) {
                rows = new Row[capacity];
                for (int i = 0; i < capacity; i++) {
                    rows[i] = new Row();
                }
            }
        }
    }

    private static void rollback(Connection connection) {
        try {
            connection.rollback();
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            LOG.debug("rollback after a failed export failed: {}", e.getMessage());
        }
    }

    /** One row of the cursor, read by column index ({@link TicketQueries#EXPORT_COLUMNS}); reused for every row. */
    static final class Row implements ExportRow {
        private long id;
        private Instant created = Instant.EPOCH;
        private Instant modified = Instant.EPOCH;
        private TicketStatus status = TicketStatus.NEW;
        private String school = "";
        private String category = "";
        private String subject = "";
        private String owner = "";
        private String ownerName = "";
        private EscalationStatus escalationStatus = EscalationStatus.NOT_DONE;
        private int commentCount;
        private int attachmentCount;
        private String description = "";

        void read(ResultSet rs) throws SQLException {
            id = rs.getLong(1);
            created = instant(rs, 2);
            modified = instant(rs, 3);
            status = TicketStatus.ofCode(rs.getShort(4));
            school = text(rs, 5);
            category = text(rs, 6);
            subject = text(rs, 7);
            owner = text(rs, 8);
            ownerName = text(rs, 9);
            escalationStatus = EscalationStatus.ofCode(rs.getShort(10));
            commentCount = rs.getInt(11);
            attachmentCount = rs.getInt(12);
            description = text(rs, 13);
        }

        private static Instant instant(ResultSet rs, int column) throws SQLException {
            OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
            if (time == null) {
                throw new SQLException("column " + column + " of the export is null", "22004");
            }
            return time.toInstant();
        }

        private static String text(ResultSet rs, int column) throws SQLException {
            String s = rs.getString(column);
            if (s == null) {
                throw new SQLException("column " + column + " of the export is null", "22004");
            }
            return s;
        }

        @Override
        public long id() {
            return id;
        }

        @Override
        public Instant created() {
            return created;
        }

        @Override
        public Instant modified() {
            return modified;
        }

        @Override
        public TicketStatus status() {
            return status;
        }

        @Override
        public String school() {
            return school;
        }

        @Override
        public String category() {
            return category;
        }

        @Override
        public String subject() {
            return subject;
        }

        @Override
        public String owner() {
            return owner;
        }

        @Override
        public String ownerName() {
            return ownerName;
        }

        @Override
        public EscalationStatus escalationStatus() {
            return escalationStatus;
        }

        @Override
        public int commentCount() {
            return commentCount;
        }

        @Override
        public int attachmentCount() {
            return attachmentCount;
        }

        @Override
        public String description() {
            return description;
        }
    }
}

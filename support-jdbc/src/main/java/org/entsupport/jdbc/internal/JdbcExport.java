package org.entsupport.jdbc.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Objects;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link org.entsupport.core.spi.TicketStore#export} on a database: one statement reading only the exported
 * columns ({@link TicketQueries#export}), streamed from a server-side cursor in one read transaction, each row
 * read by column index into one reused {@link Row} handed to the sink.
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
            long rows = 0;
            try {
                ResultQuery<Record> query = queries.export(store.using(connection), filter, sort, direction)
                        .fetchSize(FETCH_SIZE);
                try (ResultSet rs = query.fetchResultSet()) {
                    Row row = new Row();
                    while (rs.next()) {
                        row.read(rs);
                        sink.accept(row);
                        rows++;
                    }
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

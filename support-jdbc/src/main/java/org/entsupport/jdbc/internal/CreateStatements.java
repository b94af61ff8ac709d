package org.entsupport.jdbc.internal;

import static org.entsupport.jdbc.internal.schema.Tables.SUPPORT_EVENTS;
import static org.entsupport.jdbc.internal.schema.Tables.SUPPORT_TICKETS;
import static org.entsupport.jdbc.internal.schema.Tables.SUPPORT_TICKET_COUNTS;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Collectors;
import org.entsupport.core.model.EscalationStatus;
import org.entsupport.core.spi.SearchText;
import org.entsupport.core.spi.TicketDraft;
import org.entsupport.jdbc.Database;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * The statements every new ticket runs (insert the ticket, count it, insert its first event), rendered once per
 * store and run through plain JDBC prepared statements.
 *
 * <p>Measured by {@code CreateBenchmark}: rendering and binding these inserts through jOOQ on every call cost the
 * JVM more CPU than the database spent executing them, on a machine where both share the cores. The SQL text
 * (names quoted and mapped to the store's schema by jOOQ, once) is the same on every call, so the driver's
 * statement cache and the server's prepared statements are reused. Failures are thrown as jOOQ's
 * {@link DataAccessException}, as the jOOQ statements around them throw, so the store maps them in one place.
 */
final class CreateStatements {

    private static final List<Field<?>> TICKET_INSERT = List.of(
            SUPPORT_TICKETS.OWNER,
            SUPPORT_TICKETS.OWNER_NAME,
            SUPPORT_TICKETS.SCHOOL,
            SUPPORT_TICKETS.CATEGORY,
            SUPPORT_TICKETS.SUBJECT,
            SUPPORT_TICKETS.DESCRIPTION,
            SUPPORT_TICKETS.DESCRIPTION_HTML,
            SUPPORT_TICKETS.STATUS,
            SUPPORT_TICKETS.ESCALATION_STATUS,
            SUPPORT_TICKETS.CREATED,
            SUPPORT_TICKETS.MODIFIED,
            SUPPORT_TICKETS.STATUS_CHANGED,
            SUPPORT_TICKETS.VERSION,
            SUPPORT_TICKETS.LOCALE,
            SUPPORT_TICKETS.COMMENT_COUNT,
            SUPPORT_TICKETS.ATTACHMENT_COUNT,
            SUPPORT_TICKETS.IDEMPOTENCY_KEY,
            SUPPORT_TICKETS.SEARCH_TEXT);

    private static final List<Field<?>> EVENT_INSERT = List.of(
            SUPPORT_EVENTS.TICKET_ID,
            SUPPORT_EVENTS.ACTOR,
            SUPPORT_EVENTS.TYPE,
            SUPPORT_EVENTS.CREATED,
            SUPPORT_EVENTS.PARAMETERS);

    /** The generated key asked back from an insert (PostgreSQL appends {@code RETURNING "id"}). */
    private static final String[] ID = {SUPPORT_TICKETS.ID.getName()};

    private final String insertTicket;
    private final String insertEvent;
    private final @Nullable String upsertCount;

    /**
     * Renders the statements.
     *
     * @param renderer a context with the store's dialect and settings (its schema mapping)
     * @param database the database, for the upsert's syntax
     */
    CreateStatements(DSLContext renderer, Database database) {
        this.insertTicket = insert(renderer, SUPPORT_TICKETS, TICKET_INSERT, "");
        this.insertEvent = insert(renderer, SUPPORT_EVENTS, EVENT_INSERT, "");
        var c = SUPPORT_TICKET_COUNTS;
        String n = renderer.render(DSL.name(c.N.getName()));
        List<Field<?>> countColumns = List.of(c.SCHOOL, c.STATUS, c.N);
        this.upsertCount = switch (database) {
            // H2 has no atomic upsert: JdbcTicketStore increments, then inserts (see addToCount)
            case H2 -> null;
            case POSTGRESQL ->
                insert(renderer, c, countColumns, "1")
                        + " on conflict (" + names(renderer, List.of(c.SCHOOL, c.STATUS)) + ") do update set " + n
                        + " = "
                        + renderer.render(c) + "." + n + " + 1";
            case MARIADB ->
                insert(renderer, c, countColumns, "1") + " on duplicate key update " + n + " = " + n + " + 1";
        };
    }

    /** {@code insert into table (columns) values (?, ..., ?[, last])}: one marker per column but a literal last one. */
    private static String insert(DSLContext renderer, Table<?> table, List<Field<?>> columns, String literalLast) {
        int markers = literalLast.isEmpty() ? columns.size() : columns.size() - 1;
        String values = String.join(", ", java.util.Collections.nCopies(markers, "?"));
        if (!literalLast.isEmpty()) {
            values += ", " + literalLast;
        }
        return "insert into " + renderer.render(table) + " (" + names(renderer, columns) + ") values (" + values + ")";
    }

    private static String names(DSLContext renderer, List<Field<?>> columns) {
        return columns.stream().map(f -> renderer.render(DSL.name(f.getName()))).collect(Collectors.joining(", "));
    }

    /**
     * Inserts a new ticket (version 1, no comment, not escalated) and returns its id.
     *
     * @throws DataAccessException when the database refuses it (a duplicate idempotency key among others)
     */
    long insertTicket(Connection connection, TicketDraft d, OffsetDateTime created) {
        try (PreparedStatement st = connection.prepareStatement(insertTicket, ID)) {
            st.setString(1, d.owner());
            st.setString(2, d.ownerName());
            st.setString(3, d.school());
            st.setString(4, d.category());
            st.setString(5, d.subject());
            st.setString(6, d.description());
            setNullableString(st, 7, d.descriptionHtml());
            st.setShort(8, (short) d.status().code());
            st.setShort(9, (short) EscalationStatus.NOT_DONE.code());
            st.setObject(10, created);
            st.setObject(11, created);
            st.setObject(12, created);
            st.setLong(13, 1L);
            st.setString(14, d.locale());
            st.setInt(15, 0);
            st.setInt(16, d.attachmentCount());
            setNullableString(st, 17, d.idempotencyKey());
            st.setString(18, SearchText.document(d.subject(), d.description(), d.ownerName()));
            st.executeUpdate();
            return generatedId(st, "ticket");
        } catch (SQLException e) {
            throw new DataAccessException("insert a ticket: " + e.getMessage(), e);
        }
    }

    /**
     * Inserts an event and returns its id.
     *
     * @throws DataAccessException when the database refuses it
     */
    long insertEvent(
            Connection connection,
            long ticket,
            @Nullable String actor,
            String type,
            OffsetDateTime created,
            String json) {
        try (PreparedStatement st = connection.prepareStatement(insertEvent, ID)) {
            st.setLong(1, ticket);
            setNullableString(st, 2, actor);
            st.setString(3, type);
            st.setObject(4, created);
            st.setString(5, json);
            st.executeUpdate();
            return generatedId(st, "event");
        } catch (SQLException e) {
            throw new DataAccessException("insert an event: " + e.getMessage(), e);
        }
    }

    /** Whether {@link #addToCount} is one atomic upsert on this database (not on H2). */
    boolean upserts() {
        return upsertCount != null;
    }

    /**
     * Counts one more ticket in (school, status) with one atomic upsert.
     *
     * @throws IllegalStateException on H2 (see {@link #upserts})
     * @throws DataAccessException   when the database refuses it
     */
    void addToCount(Connection connection, String school, short status) {
        String sql = upsertCount;
        if (sql == null) {
            throw new IllegalStateException("no atomic upsert on this database");
        }
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            st.setString(1, school);
            st.setShort(2, status);
            st.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException("count a ticket: " + e.getMessage(), e);
        }
    }

    private static void setNullableString(PreparedStatement st, int index, @Nullable String value) throws SQLException {
        if (value == null) {
            st.setNull(index, Types.VARCHAR);
        } else {
            st.setString(index, value);
        }
    }

    private static long generatedId(PreparedStatement st, String what) throws SQLException {
        try (ResultSet keys = st.getGeneratedKeys()) {
            if (!keys.next()) {
                throw new SQLException("the database returned no id for the new " + what);
            }
            return keys.getLong(1);
        }
    }
}

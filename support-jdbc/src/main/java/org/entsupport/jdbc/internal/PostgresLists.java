package org.entsupport.jdbc.internal;

import static org.entsupport.jdbc.internal.schema.Tables.SUPPORT_TICKETS;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.entsupport.core.model.Escalation;
import org.entsupport.core.model.EscalationStatus;
import org.entsupport.core.model.SortDirection;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketSort;
import org.entsupport.core.model.TicketStatus;
import org.entsupport.core.spi.Keyset;
import org.entsupport.core.spi.PageRequest;
import org.entsupport.core.spi.TicketFilter;
import org.entsupport.core.spi.TicketScope;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * PostgreSQL lists without words: the SQL {@link TicketQueries} describes (one {@code LATERAL} range per school
 * of the array, or per school and status, a plain range per other scope, the top of their union), written as text
 * with the names jOOQ rendered once per store, run as a plain JDBC prepared statement and read into tickets by
 * column index.
 *
 * <p>Measured by {@code ListBenchmark}: with the plan cached on the server, building, rendering and reading the
 * same statement through jOOQ (records of 26 fields per row) cost the JVM about as much as the database spent
 * executing it. The SQL text depends on the shape of the filter only (which scopes, statuses or none, sort,
 * direction, cursor or none): the values are parameters, schools and statuses arrays.
 */
final class PostgresLists {

    /** The columns read, in {@link JdbcTicketStore#TICKET_COLUMNS} order. */
    private static final List<Field<?>> COLUMNS = JdbcTicketStore.TICKET_COLUMNS;

    final String table;
    /** The columns read, of the table aliased {@code t}, and aliased {@code x}. */
    final String columns;

    final String columnsX;
    final String id;
    final String school;
    final String owner;
    final String status;
    private final String modified;
    private final String created;
    private final String subject;

    /**
     * Renders the names.
     *
     * @param renderer a PostgreSQL context with the store's settings (its schema mapping)
     */
    PostgresLists(DSLContext renderer) {
        var t = SUPPORT_TICKETS;
        this.table = renderer.render(t);
        this.columns = columns(renderer, "t.");
        this.columnsX = columns(renderer, "x.");
        this.id = name(renderer, t.ID);
        this.school = name(renderer, t.SCHOOL);
        this.owner = name(renderer, t.OWNER);
        this.status = name(renderer, t.STATUS);
        this.modified = name(renderer, t.MODIFIED);
        this.created = name(renderer, t.CREATED);
        this.subject = name(renderer, t.SUBJECT);
    }

    private static String columns(DSLContext renderer, String alias) {
        StringBuilder out = new StringBuilder();
        for (Field<?> f : COLUMNS) {
            out.append(out.length() == 0 ? "" : ", ").append(alias).append(name(renderer, f));
        }
        return out.toString();
    }

    private static String name(DSLContext renderer, Field<?> f) {
        return renderer.render(DSL.name(f.getName()));
    }

    /**
     * Lists a page: {@code SET LOCAL plan_cache_mode = force_generic_plan}, then one statement. Must run inside a
     * transaction.
     *
     * <p>The plan of a list depends on its shape only (one range per school of the array, merged), but
     * PostgreSQL's {@code auto} mode kept planning it on each call (0.2-0.3 ms): the generic plan's estimate,
     * made without the array's length, looks dearer than the custom plans' average. The setting makes the
     * server reuse the generic plan it cached for the driver's prepared statement, for this transaction only.
     *
     * @param splitStatuses one range per school and status (else the statuses are a condition of each range)
     * @throws DataAccessException when the database fails the statement
     */
    List<Ticket> list(Connection connection, TicketFilter filter, PageRequest page, boolean splitStatuses) {
        Sql sql = statement(filter, page, splitStatuses);
        try {
            setLocal(connection, "SET LOCAL plan_cache_mode = force_generic_plan");
            List<Ticket> rows = tickets(connection, sql.text, sql.values, page.limit());
            if (sql.joined) {
                rows.sort(page.comparator());
            }
            return rows;
        } catch (SQLException e) {
            throw new DataAccessException("list tickets: " + e.getMessage(), e);
        }
    }

    /** A statement's text and its parameters' values, in order. */
    record Sql(String text, List<Object> values, boolean joined) {}

    /** Marks an array of schools ({@code varchar[]}) among the values. */
    record Schools(String[] names) {}

    /** Marks an array of statuses ({@code smallint[]}) among the values. */
    record Statuses(Short[] codes) {}

    /** Marks an array of ticket ids ({@code bigint[]}) among the values. */
    record Ids(Long[] ids) {}

    /** The statement for a filter and page; {@code joined} when its rows come unordered (a join on the ids). */
    Sql statement(TicketFilter filter, PageRequest page, boolean splitStatuses) {
        String key = sortKey(page.sort());
        boolean desc = page.direction() == SortDirection.DESC;
        String dir = direction(desc);
        String order = order(key, desc);
        Short[] statuses = statusCodes(filter);
        List<Object> values = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        List<TicketScope> previous = new ArrayList<>();
        boolean onlyPlain = filter.scopes().size() == 1;
        for (TicketScope scope : filter.scopes()) {
            StringBuilder where = new StringBuilder();
            StringBuilder part = new StringBuilder();
            java.util.Set<String> schools = scope.schools();
            boolean lateral = false;
            if (scope.owner() == null && schools != null) {
                lateral = true;
                onlyPlain = false;
                int n = parts.size();
                part.append("select r")
                        .append(n)
                        .append(".id, r")
                        .append(n)
                        .append(".k from unnest(?::varchar[]) s")
                        .append(n)
                        .append("(school)");
                values.add(new Schools(sorted(schools)));
                where.append("x.").append(school).append(" = s").append(n).append(".school");
                if (splitStatuses) {
                    part.append(" cross join unnest(?::smallint[]) st")
                            .append(n)
                            .append("(status)");
                    values.add(new Statuses(statuses));
                    where.append(" and x.")
                            .append(status)
                            .append(" = st")
                            .append(n)
                            .append(".status");
                }
                if (scope.excludedOwner() != null) {
                    where.append(" and x.").append(owner).append(" <> ?");
                    values.add(scope.excludedOwner());
                }
            } else {
                where.append(scope(scope, values));
            }
            excludePrevious(where, previous, values);
            if (statuses.length > 0 && !(lateral && splitStatuses)) {
                where.append(" and x.").append(status).append(" = any (?::smallint[])");
                values.add(new Statuses(statuses));
            }
            after(where, key, page.after(), desc, values);
            String range = "select x." + id + " as id, " + key + " as k from " + table + " x where " + where + order
                    + " limit ?";
            values.add(page.limit());
            if (lateral) {
                part.append(" cross join lateral (").append(range).append(") r").append(parts.size());
                parts.add(part.toString());
            } else if (onlyPlain) {
                // one scope of one owner (or every ticket): one range, read whole
                String text = "select " + columnsX + " from " + table + " x where " + where + order + " limit ?";
                return new Sql(text, values, false);
            } else {
                parts.add(range);
            }
            previous.add(scope);
        }
        StringBuilder union = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            union.append(i == 0 ? "" : " union all ")
                    .append("select * from (")
                    .append(parts.get(i))
                    .append(") b")
                    .append(i);
        }
        String text = "select " + columns + " from " + table + " t join (select u.id from (" + union
                + ") u order by u.k" + dir + ", u.id" + dir + " limit ?) top on t." + id + " = top.id";
        values.add(page.limit());
        return new Sql(text, values, true);
    }

    /** {@code " desc"} or {@code " asc"}. */
    static String direction(boolean desc) {
        return desc ? " desc" : " asc";
    }

    /** {@code " order by key dir, x.id dir"}: the order of every range of the ticket table aliased {@code x}. */
    String order(String key, boolean desc) {
        String dir = direction(desc);
        return " order by " + key + dir + ", x." + id + dir;
    }

    /** The filter's statuses as sorted codes, the value of a {@code smallint[]} parameter. */
    static Short[] statusCodes(TicketFilter filter) {
        return filter.statuses().stream().map(s -> (short) s.code()).sorted().toArray(Short[]::new);
    }

    /** {@code " and not (scope or ...)"} for the scopes listed before this one (nothing for the first). */
    void excludePrevious(StringBuilder where, List<TicketScope> previous, List<Object> values) {
        if (previous.isEmpty()) {
            return;
        }
        where.append(" and not (");
        for (int i = 0; i < previous.size(); i++) {
            where.append(i == 0 ? "" : " or ").append(scope(previous.get(i), values));
        }
        where.append(')');
    }

    /** The condition of one scope, as {@code TicketQueries.scope} writes it. */
    String scope(TicketScope scope, List<Object> values) {
        List<String> c = new ArrayList<>();
        if (scope.schools() != null) {
            if (scope.schools().isEmpty()) {
                c.add("false");
            } else {
                c.add("x." + school + " = any (?::varchar[])");
                values.add(new Schools(sorted(scope.schools())));
            }
        }
        if (scope.owner() != null) {
            c.add("x." + owner + " = ?");
            values.add(scope.owner());
        }
        if (scope.excludedOwner() != null) {
            c.add("x." + owner + " <> ?");
            values.add(scope.excludedOwner());
        }
        return c.isEmpty() ? "true" : "(" + String.join(" and ", c) + ")";
    }

    /** The keyset condition: a row comparison, one index range on PostgreSQL. */
    void after(StringBuilder where, String key, @Nullable Keyset after, boolean desc, List<Object> values) {
        if (after == null) {
            return;
        }
        String op = desc ? " < " : " > ";
        if (after.sort() == TicketSort.ID) {
            where.append(" and x.").append(id).append(op).append('?');
            values.add(after.id());
            return;
        }
        where.append(" and (").append(key).append(", x.").append(id).append(')').append(op);
        switch (after.sort()) {
            case MODIFIED, CREATED -> {
                where.append("(?::timestamptz, ?)");
                values.add(JdbcTicketStore.utc((Instant) after.value()));
            }
            case STATUS -> {
                where.append("(?::smallint, ?)");
                values.add((short) ((TicketStatus) after.value()).code());
            }
            default -> {
                where.append("(?::varchar collate \"C\", ?)");
                values.add(after.value());
            }
        }
        values.add(after.id());
    }

    String sortKey(TicketSort sort) {
        return switch (sort) {
            case MODIFIED -> "x." + modified;
            case CREATED -> "x." + created;
            case STATUS -> "x." + status;
            case SUBJECT -> "(x." + subject + " collate \"C\")";
            case ID -> "x." + id;
        };
    }

    static String[] sorted(java.util.Set<String> schools) {
        return new TreeSet<>(schools).toArray(String[]::new);
    }

    /** Prepares {@code text} on {@code connection} and binds {@code values} to its markers, in order. */
    static PreparedStatement prepare(Connection connection, String text, List<Object> values) throws SQLException {
        PreparedStatement st = connection.prepareStatement(text);
        try {
            for (int i = 0; i < values.size(); i++) {
                bind(connection, st, i + 1, values.get(i));
            }
        } catch (SQLException | RuntimeException e) {
            st.close();
            throw e;
        }
        return st;
    }

    /** Runs {@code setting} (a {@code SET LOCAL}) as a prepared statement. */
    static void setLocal(Connection connection, String setting) throws SQLException {
        try (PreparedStatement set = connection.prepareStatement(setting)) {
            set.execute();
        }
    }

    /** The tickets of a statement that selects {@link #columns} (or {@code columnsX}). */
    static List<Ticket> tickets(Connection connection, String text, List<Object> values, int expected)
            throws SQLException {
        List<Ticket> rows = new ArrayList<>(expected);
        try (PreparedStatement st = prepare(connection, text, values);
                ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                rows.add(ticket(rs));
            }
        }
        return rows;
    }

    private static void bind(Connection connection, PreparedStatement st, int index, Object value) throws SQLException {
        if (value instanceof Schools s) {
            st.setArray(index, connection.createArrayOf("varchar", s.names()));
        } else if (value instanceof Statuses s) {
            st.setArray(index, connection.createArrayOf("int2", s.codes()));
        } else if (value instanceof Ids s) {
            st.setArray(index, connection.createArrayOf("int8", s.ids()));
        } else if (value instanceof String s) {
            st.setString(index, s);
        } else if (value instanceof Integer n) {
            st.setInt(index, n);
        } else if (value instanceof Long n) {
            st.setLong(index, n);
        } else if (value instanceof Short n) {
            st.setShort(index, n);
        } else if (value instanceof OffsetDateTime time) {
            st.setObject(index, time);
        } else {
            throw new IllegalArgumentException(
                    "cannot bind a " + value.getClass().getName());
        }
    }

    /** A ticket from a row of {@link #COLUMNS}. */
    static Ticket ticket(ResultSet rs) throws SQLException {
        // 1 id, 2 owner, 3 owner_name, 4 school, 5 category, 6 subject, 7 description, 8 status,
        // 9 escalation_status, 10 created, 11 modified, 12 status_changed, 13 version, 14 locale,
        // 15 comment_count, 16 attachment_count, 17 idempotency_key, 18 escalated_by, 19 escalated_at,
        // 20 desk, 21 desk_issue_id, 22 desk_issue_url, 23 last_sync, 24 escalation_failure, 25 desk_status,
        // 26 description_html (checked against COLUMNS by PostgresListsTest)
        String escalatedBy = rs.getString(18);
        OffsetDateTime escalatedAt = rs.getObject(19, OffsetDateTime.class);
        Escalation escalation = null;
        if (escalatedBy != null && escalatedAt != null) {
            OffsetDateTime lastSync = rs.getObject(23, OffsetDateTime.class);
            escalation = new Escalation(
                    escalatedBy,
                    escalatedAt.toInstant(),
                    rs.getString(20),
                    rs.getString(21),
                    rs.getString(22),
                    lastSync == null ? null : lastSync.toInstant(),
                    rs.getString(24),
                    rs.getString(25));
        }
        return new Ticket(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                TicketStatus.ofCode(rs.getShort(8)),
                EscalationStatus.ofCode(rs.getShort(9)),
                instant(rs, 10),
                instant(rs, 11),
                instant(rs, 12),
                rs.getLong(13),
                rs.getString(14),
                rs.getInt(15),
                rs.getInt(16),
                escalation,
                rs.getString(26));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        if (value == null) {
            throw new SQLException("column " + column + " of a ticket is null");
        }
        return value.toInstant();
    }

    /** The column names in the order {@link #ticket} reads them (for the test that checks it against jOOQ's). */
    static final List<String> READ_ORDER = List.of(
            "id",
            "owner",
            "owner_name",
            "school",
            "category",
            "subject",
            "description",
            "status",
            "escalation_status",
            "created",
            "modified",
            "status_changed",
            "version",
            "locale",
            "comment_count",
            "attachment_count",
            "idempotency_key",
            "escalated_by",
            "escalated_at",
            "desk",
            "desk_issue_id",
            "desk_issue_url",
            "last_sync",
            "escalation_failure",
            "desk_status",
            "description_html");
}

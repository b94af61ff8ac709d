package org.entsupport.jdbc.internal;

import static org.entsupport.jdbc.internal.schema.Tables.SUPPORT_TICKETS;
import static org.entsupport.jdbc.internal.schema.Tables.SUPPORT_TICKET_COUNTS;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.entsupport.core.model.SortDirection;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketSort;
import org.entsupport.core.model.TicketStatus;
import org.entsupport.core.spi.Keyset;
import org.entsupport.core.spi.PageRequest;
import org.entsupport.core.spi.TicketFilter;
import org.entsupport.core.spi.TicketScope;
import org.entsupport.jdbc.Database;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Record;
import org.jooq.Record2;
import org.jooq.ResultQuery;
import org.jooq.Select;
import org.jooq.SelectOrderByStep;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * The list and count queries, shaped so that every one is answered from an index range.
 *
 * <p>A list is the union of <em>branches</em>, each one ordered index range read up to the page
 * size: one per school of a scope (index {@code (school, modified, id)}, or {@code (school, status,
 * modified, id)} per school and status when the list keeps some statuses), or one over the owner
 * index for a scope of one owner. The database merges the branches' heads and keeps the first page;
 * reading a page therefore costs (branches &times; page size) index entries at any depth, where a
 * plain {@code school IN (...)} would sort every matching row. Scopes are made disjoint (each excludes
 * the ones before it), so no ticket is listed or counted twice.
 */
final class TicketQueries {

    /** Above this many (school, status) branches, a status filter becomes a condition on each school's branch. */
    static final int MAX_BRANCHES = 200;
    /** The escape character of LIKE patterns: not a backslash, which MariaDB treats specially in literals. */
    static final char ESCAPE = '!';

    private final Database database;
    /** PostgreSQL lists without words, through plain JDBC ({@code null} on other databases). */
    private final @Nullable PostgresLists postgresLists;
    /** PostgreSQL search, through plain JDBC ({@code null} on other databases). */
    private final @Nullable PostgresSearch postgresSearch;

    TicketQueries(Database database, @Nullable String schema, DSLContext renderer) {
        this.database = database;
        this.postgresLists = database == Database.POSTGRESQL ? new PostgresLists(renderer) : null;
        Name searchKeys =
                schema == null ? DSL.name(V10__SearchKeys.FUNCTION) : DSL.name(schema, V10__SearchKeys.FUNCTION);
        this.postgresSearch = postgresLists == null ? null : new PostgresSearch(renderer, postgresLists, searchKeys);
    }

    // ------------------------------------------------------------------ lists

    /**
     * On PostgreSQL, runs once each statement a search may run, over {@code scopes}: see {@link
     * PostgresSearch#warmUp}. Elsewhere nothing.
     */
    void warmUpSearch(java.sql.Connection connection, List<TicketScope> scopes, PageRequest page) {
        if (postgresSearch != null) {
            postgresSearch.warmUp(connection, scopes, page);
        }
    }

    @SuppressWarnings("unchecked")
    List<Ticket> list(DSLContext db, java.sql.Connection connection, TicketFilter filter, PageRequest page) {
        if (filter.scopes().isEmpty()) {
            return List.of();
        }
        boolean splitStatuses = page.sort() == TicketSort.MODIFIED
                && !filter.statuses().isEmpty()
                && branchCount(filter) * filter.statuses().size() <= MAX_BRANCHES;
        if (postgresLists != null && filter.words().isEmpty()) {
            // One LATERAL range per school of an array parameter (per school and status when split), as
            // plain JDBC on a cached generic plan: see PostgresLists.
            return postgresLists.list(connection, filter, page, splitStatuses);
        }
        if (postgresSearch != null) {
            // windows of each school's newest tickets, else the search indexes: see PostgresSearch
            return postgresSearch.page(connection, filter, page);
        }
        var t = SUPPORT_TICKETS;
        Field<Object> key = (Field<Object>) sortKey(page.sort());
        boolean desc = page.direction() == SortDirection.DESC;
        Condition afterCondition = page.after() == null ? DSL.noCondition() : after(key, page.after(), desc);
        Condition common = words(filter.words()).and(afterCondition);
        List<Condition> branches = branches(filter, splitStatuses, true);
        List<SortField<?>> order = List.of(desc ? key.desc() : key.asc(), desc ? t.ID.desc() : t.ID.asc());
        int limit = page.limit();

        List<Select<Record2<Long, Object>>> parts = new ArrayList<>();
        for (Condition branch : branches) {
            parts.add(db.select(t.ID.as("id"), key.as("k"))
                    .from(t)
                    .where(branch.and(common))
                    .orderBy(order)
                    .limit(limit));
        }
        if (branches.size() == 1) {
            return db.select(JdbcTicketStore.TICKET_COLUMNS)
                    .from(t)
                    .where(branches.get(0).and(common))
                    .orderBy(order)
                    .limit(limit)
                    .fetch(JdbcTicketStore::ticket);
        }
        return top(db, parts, desc, limit, page);
    }

    /** The first {@code limit} rows of the union of {@code parts} (each already ordered and limited). */
    @SuppressWarnings("unchecked")
    private static List<Ticket> top(
            DSLContext db, List<Select<Record2<Long, Object>>> parts, boolean desc, int limit, PageRequest page) {
        var t = SUPPORT_TICKETS;
        SelectOrderByStep<Record> union = null;
        for (int i = 0; i < parts.size(); i++) {
            SelectOrderByStep<Record> wrapped =
                    db.select(DSL.asterisk()).from(parts.get(i).asTable("b" + i));
            union = union == null ? wrapped : union.unionAll(wrapped);
        }
        Table<Record> u = Objects.requireNonNull(union, "no part to unite").asTable("u");
        Field<Long> uid = u.field("id", Long.class);
        Field<Object> uk = (Field<Object>) u.field("k");
        Table<Record2<Long, Object>> top = db.select(uid, uk)
                .from(u)
                .orderBy(desc ? uk.desc() : uk.asc(), desc ? uid.desc() : uid.asc())
                .limit(limit)
                .asTable("top");
        List<Ticket> rows = new ArrayList<>(db.select(JdbcTicketStore.TICKET_COLUMNS)
                .from(t)
                .join(top)
                .on(t.ID.eq(top.field("id", Long.class)))
                .fetch(JdbcTicketStore::ticket));
        rows.sort(page.comparator());
        return rows;
    }

    /**
     * The words a search-keys lookup can use: three characters (code points) or more, and not a ticket
     * number (which also matches a ticket by its id, whatever its text).
     */
    static List<String> keyedWords(List<String> words) {
        List<String> out = new ArrayList<>();
        for (String word : words) {
            if (keyable(word) && ticketNumber(word) == null) {
                out.add(word);
            }
        }
        return out;
    }

    /** Whether the word has three characters (code points) or more, so that each of its windows is a search key. */
    static boolean keyable(String word) {
        return word.codePointCount(0, word.length()) >= 3;
    }

    private static int branchCount(TicketFilter filter) {
        int n = 0;
        for (TicketScope s : filter.scopes()) {
            n += s.owner() == null && s.schools() != null ? s.schools().size() : 1;
        }
        return n;
    }

    /** The sort value as the database orders it: subjects by code point on every database. */
    private Field<?> sortKey(TicketSort sort) {
        var t = SUPPORT_TICKETS;
        return switch (sort) {
            case MODIFIED -> t.MODIFIED;
            case CREATED -> t.CREATED;
            case STATUS -> t.STATUS;
            // MariaDB: the column is utf8mb4_bin; H2 compares strings as Java does
            case SUBJECT ->
                database == Database.POSTGRESQL
                        ? DSL.field("{0} collate \"C\"", t.SUBJECT.getDataType(), t.SUBJECT)
                        : t.SUBJECT;
            case ID -> t.ID;
        };
    }

    /** Strictly after the keyset position: (key, id) beyond (value, id) in the page's direction. */
    private Condition after(Field<Object> key, Keyset after, boolean desc) {
        var t = SUPPORT_TICKETS;
        long id = after.id();
        Object value = switch (after.sort()) {
            case MODIFIED, CREATED -> JdbcTicketStore.utc((java.time.Instant) after.value());
            case STATUS -> (short) ((TicketStatus) after.value()).code();
            case SUBJECT -> after.value();
            case ID -> after.value();
        };
        if (after.sort() == TicketSort.ID) {
            return desc ? t.ID.lt(id) : t.ID.gt(id);
        }
        if (database == Database.POSTGRESQL) {
            // a row comparison is one index range on PostgreSQL
            return desc ? DSL.row(key, t.ID).lt(value, id) : DSL.row(key, t.ID).gt(value, id);
        }
        return desc
                ? key.le(value).and(key.lt(value).or(t.ID.lt(id)))
                : key.ge(value).and(key.gt(value).or(t.ID.gt(id)));
    }

    // ------------------------------------------------------------------ export

    /**
     * The columns of a CSV export, in the order {@link JdbcExport} reads them by index: no search text, no
     * HTML, no escalation details.
     */
    static final List<Field<?>> EXPORT_COLUMNS = List.of(
            SUPPORT_TICKETS.ID,
            SUPPORT_TICKETS.CREATED,
            SUPPORT_TICKETS.MODIFIED,
            SUPPORT_TICKETS.STATUS,
            SUPPORT_TICKETS.SCHOOL,
            SUPPORT_TICKETS.CATEGORY,
            SUPPORT_TICKETS.SUBJECT,
            SUPPORT_TICKETS.OWNER,
            SUPPORT_TICKETS.OWNER_NAME,
            SUPPORT_TICKETS.ESCALATION_STATUS,
            SUPPORT_TICKETS.COMMENT_COUNT,
            SUPPORT_TICKETS.ATTACHMENT_COUNT,
            SUPPORT_TICKETS.DESCRIPTION);

    /**
     * The whole export as one statement: the {@link #EXPORT_COLUMNS} of every ticket of the filter, in the
     * order (sort value, id) of the lists. The scopes are one disjunction (a row is read once even when two
     * scopes hold it); on PostgreSQL their schools and the statuses are array parameters, as in the lists.
     */
    ResultQuery<Record> export(DSLContext db, TicketFilter filter, TicketSort sort, SortDirection direction) {
        var t = SUPPORT_TICKETS;
        List<Condition> scopes = new ArrayList<>();
        for (TicketScope scope : filter.scopes()) {
            boolean everything = scope.schools() == null && scope.owner() == null && scope.excludedOwner() == null;
            scopes.add(everything ? DSL.trueCondition() : scope(scope));
        }
        List<Short> statuses =
                filter.statuses().stream().map(st -> (short) st.code()).sorted().toList();
        Condition where = (scopes.isEmpty() ? DSL.falseCondition() : DSL.or(scopes))
                .and(statuses.isEmpty() ? DSL.noCondition() : statusIn(t.STATUS, statuses))
                .and(words(filter.words()));
        boolean desc = direction == SortDirection.DESC;
        List<SortField<?>> order = new ArrayList<>();
        if (sort != TicketSort.ID) {
            Field<?> key = sortKey(sort);
            order.add(desc ? key.desc() : key.asc());
        }
        order.add(desc ? t.ID.desc() : t.ID.asc());
        return db.select(EXPORT_COLUMNS).from(t).where(where).orderBy(order);
    }

    // ------------------------------------------------------------------ counts

    /**
     * Counts per status. Scopes of whole schools (no owner condition) in a filter without search
     * words are read from {@code support_ticket_counts} (a few rows per school, kept exact in the
     * transaction of every change) instead of the tickets; the other scopes are counted from the
     * tickets' indexes, without the schools already counted.
     */
    Map<TicketStatus, Long> countByStatus(DSLContext db, TicketFilter filter) {
        Map<TicketStatus, Long> counts = new EnumMap<>(TicketStatus.class);
        if (filter.scopes().isEmpty()) {
            return counts;
        }
        var t = SUPPORT_TICKETS;
        var c = SUPPORT_TICKET_COUNTS;
        List<Short> statuses =
                filter.statuses().stream().map(s -> (short) s.code()).sorted().toList();
        List<TicketScope> rest = new ArrayList<>(filter.scopes());
        Condition notCounted = DSL.noCondition();
        if (filter.words().isEmpty()) {
            // the tickets of whole schools: their counters
            boolean everySchool = false;
            TreeSet<String> schools = new TreeSet<>();
            for (TicketScope scope : filter.scopes()) {
                if (scope.owner() == null && scope.excludedOwner() == null) {
                    if (scope.schools() == null) {
                        everySchool = true;
                    } else {
                        schools.addAll(scope.schools());
                    }
                }
            }
            if (everySchool || !schools.isEmpty()) {
                Condition where = everySchool ? DSL.noCondition() : in(c.SCHOOL, schools);
                if (!statuses.isEmpty()) {
                    where = where.and(statusIn(c.STATUS, statuses));
                }
                Field<java.math.BigDecimal> sum = DSL.sum(c.N);
                for (Record2<Short, java.math.BigDecimal> r : db.select(c.STATUS, sum)
                        .from(c)
                        .where(where)
                        .groupBy(c.STATUS)
                        .fetch()) {
                    long n = r.value2() == null ? 0 : r.value2().longValue();
                    if (n != 0) {
                        counts.merge(TicketStatus.ofCode(r.value1()), n, Long::sum);
                    }
                }
                if (everySchool) {
                    return counts;
                }
                // every other scope, without the tickets of these schools
                rest.removeIf(s -> s.owner() == null && s.excludedOwner() == null);
                notCounted = DSL.not(in(t.SCHOOL, schools));
            }
        }
        if (rest.isEmpty()) {
            return counts;
        }
        TicketFilter others = new TicketFilter(rest, filter.statuses(), filter.words());
        Condition common = words(filter.words()).and(notCounted);
        Field<Integer> count = DSL.count();
        SelectOrderByStep<Record2<Short, Integer>> union = null;
        for (Condition branch : branches(others, false, false)) {
            SelectOrderByStep<Record2<Short, Integer>> q =
                    db.select(t.STATUS, count).from(t).where(branch.and(common)).groupBy(t.STATUS);
            union = union == null ? q : union.unionAll(q);
        }
        for (Record2<Short, Integer> r :
                Objects.requireNonNull(union, "no branch").fetch()) {
            counts.merge(TicketStatus.ofCode(r.value1()), r.value2().longValue(), Long::sum);
        }
        return counts;
    }

    // ------------------------------------------------------------------ filters

    /**
     * The branches of a filter: disjoint conditions whose union is the filter without its words.
     *
     * @param splitStatuses one branch per kept status (within each school) instead of a status condition
     * @param perSchool     one branch per school of a school scope, instead of one {@code school IN (...)}
     */
    private List<Condition> branches(TicketFilter filter, boolean splitStatuses, boolean perSchool) {
        var t = SUPPORT_TICKETS;
        List<Short> statuses =
                filter.statuses().stream().map(s -> (short) s.code()).sorted().toList();
        Condition statusIn = statuses.isEmpty() ? DSL.noCondition() : statusIn(t.STATUS, statuses);
        List<Condition> out = new ArrayList<>();
        List<Condition> previous = new ArrayList<>();
        for (TicketScope scope : filter.scopes()) {
            Condition exclude = previous.isEmpty() ? DSL.noCondition() : DSL.not(DSL.or(previous));
            Condition excludedOwner =
                    scope.excludedOwner() == null ? DSL.noCondition() : t.OWNER.ne(scope.excludedOwner());
            if (perSchool && scope.owner() == null && scope.schools() != null) {
                for (String school : new TreeSet<>(scope.schools())) {
                    Condition c = t.SCHOOL.eq(school).and(excludedOwner).and(exclude);
                    if (splitStatuses) {
                        for (Short status : statuses) {
                            out.add(c.and(t.STATUS.eq(status)));
                        }
                    } else {
                        out.add(c.and(statusIn));
                    }
                }
            } else {
                out.add(scope(scope).and(exclude).and(statusIn));
            }
            previous.add(scope(scope));
        }
        return out;
    }

    /**
     * {@code field IN (values)}: on PostgreSQL one array parameter ({@code = ANY(?)}), so that the
     * statement text, hence its cached plan, is the same for 1 or 200 schools; an {@code IN} list
     * elsewhere (H2 and MariaDB plan every statement anyway).
     */
    private Condition in(Field<String> field, java.util.Collection<String> values) {
        String[] sorted = new TreeSet<>(values).toArray(String[]::new);
        return database == Database.POSTGRESQL
                ? field.eq(DSL.any(DSL.val(sorted, org.jooq.impl.SQLDataType.VARCHAR.array())))
                : field.in(sorted);
    }

    /** {@code field IN (statuses)}, as one array parameter on PostgreSQL (see {@link #in}). */
    private Condition statusIn(Field<Short> field, List<Short> statuses) {
        return database == Database.POSTGRESQL
                ? field.eq(DSL.any(DSL.val(statuses.toArray(Short[]::new), org.jooq.impl.SQLDataType.SMALLINT.array())))
                : field.in(statuses);
    }

    /** The condition of one scope. */
    private Condition scope(TicketScope scope) {
        var t = SUPPORT_TICKETS;
        Condition c = DSL.noCondition();
        if (scope.schools() != null) {
            c = c.and(scope.schools().isEmpty() ? DSL.falseCondition() : in(t.SCHOOL, scope.schools()));
        }
        if (scope.owner() != null) {
            c = c.and(t.OWNER.eq(scope.owner()));
        }
        if (scope.excludedOwner() != null) {
            c = c.and(t.OWNER.ne(scope.excludedOwner()));
        }
        return c;
    }

    /** Every word occurs in the search text (a literal substring) or is the ticket's number. */
    private static Condition words(List<String> words) {
        var t = SUPPORT_TICKETS;
        Condition c = DSL.noCondition();
        for (String word : words) {
            Condition match = t.SEARCH_TEXT.like("%" + escapeLike(word) + "%", ESCAPE);
            Long number = ticketNumber(word);
            if (number != null) {
                match = match.or(t.ID.eq(number));
            }
            c = c.and(match);
        }
        return c;
    }

    /** {@code text} as a LIKE pattern that matches it literally ({@code %}, {@code _} and the escape escaped). */
    static String escapeLike(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' || c == '_' || c == ESCAPE) {
                out.append(ESCAPE);
            }
            out.append(c);
        }
        return out.toString();
    }

    /** The ticket number {@code word} spells in decimal (no sign, no leading zero), if any. */
    static @Nullable Long ticketNumber(String word) {
        if (word.isEmpty() || word.length() > 18 || word.charAt(0) == '0') {
            return null;
        }
        for (int i = 0; i < word.length(); i++) {
            if (word.charAt(i) < '0' || word.charAt(i) > '9') {
                return null;
            }
        }
        return Long.parseLong(word);
    }
}

package org.entsupport.jdbc.internal;

import static org.entsupport.jdbc.internal.schema.Tables.SUPPORT_TICKETS;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.entsupport.core.model.SortDirection;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketSort;
import org.entsupport.core.spi.PageRequest;
import org.entsupport.core.spi.TicketFilter;
import org.entsupport.core.spi.TicketScope;
import org.jooq.DSLContext;
import org.jooq.Name;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * PostgreSQL search, written as SQL text with the names {@link PostgresLists} rendered and run through plain JDBC
 * (building, rendering and reading these statements through jOOQ took about a third of a search's time).
 *
 * <p>Newest first, a word found in many tickets is answered by <em>windows</em>: each school's newest tickets are
 * read through {@code (school, modified, id)} (each school and status's through {@code (school, status, modified,
 * id)} when the statuses asked for are split: {@link #splitStatuses}) in a window of {@value #SMALL_WINDOW} rows, then
 * {@value #LARGE_WINDOW}, stopping at a page of matches; the GIN index would instead read every matching ticket of
 * the schools and sort them (45 ms for a word in a quarter of a million tickets, against 3 to 10 ms). The windows'
 * answer is exact or nothing: a school whose window ended before a page of matches may hold older matches, which
 * matter only if they could be on the page, i.e. when the page is not full or its last ticket is not newer than the
 * end of that school's window. The large windows are tried only when four times the small windows' matches make a
 * page ({@link #worthLargeWindows}): a rare word goes to the indexes after reading {@value #SMALL_WINDOW} rows per
 * school.
 *
 * <p>Otherwise one ordered, limited part per scope (each excluding the scopes before it), then the top of their
 * union: a scope of schools through the school-prefixed windows index (V10, {@code support_search_keys}) when a
 * word has three characters or more, else each school's tickets in order, filtered ({@link #schoolsPart}); other
 * scopes through the owner index. A search runs with JIT off, and with generic plans unless a scope is every school
 * or statuses are asked for ({@link #settings}).
 */
final class PostgresSearch {

    /** Rows read per school by the first windows. */
    static final int SMALL_WINDOW = 25;
    /** Rows read per school by the second windows, before giving the schools up to the indexes. */
    static final int LARGE_WINDOW = 100;

    private final PostgresLists lists;
    private final String searchText;
    private final String searchKeys;

    /**
     * Renders the names.
     *
     * @param renderer   a PostgreSQL context with the store's settings
     * @param lists      the names and helpers of the lists
     * @param searchKeys the V10 function, qualified by the store's schema when it has one
     */
    PostgresSearch(DSLContext renderer, PostgresLists lists, Name searchKeys) {
        this.lists = lists;
        this.searchText = renderer.render(DSL.name(SUPPORT_TICKETS.SEARCH_TEXT.getName()));
        this.searchKeys = renderer.render(searchKeys);
    }

    /** A statement being written: its text and its parameters' values, in the order of their markers. */
    private static final class Q {
        final StringBuilder text = new StringBuilder(1024);
        final List<Object> values = new ArrayList<>();

        Q sql(String s) {
            text.append(s);
            return this;
        }

        Q bind(String marker, Object value) {
            text.append(marker);
            values.add(value);
            return this;
        }
    }

    /**
     * A row of the windows' answer: a match, or the last row of a window. {@code range} names the window: its school,
     * or its school and status when the statuses are split.
     */
    private record Row(String range, long id, Comparable<Object> key, boolean end) {}

    /** What windows of one size gave: the exact page, or {@code null}; and the matches they read. */
    private record Outcome(@Nullable List<Ticket> page, int matches) {}

    /**
     * A page of the tickets matching the filter's words. Must run inside a transaction.
     *
     * @throws DataAccessException when the database fails a statement
     */
    List<Ticket> page(Connection connection, TicketFilter filter, PageRequest page) {
        try {
            PostgresLists.setLocal(connection, settings(filter, page));
            if (page.sort() == TicketSort.MODIFIED) {
                Outcome small = windows(connection, filter, page, SMALL_WINDOW);
                if (small.page() != null) {
                    return small.page();
                }
                if (worthLargeWindows(small.matches(), page.limit())) {
                    List<Ticket> large =
                            windows(connection, filter, page, LARGE_WINDOW).page();
                    if (large != null) {
                        return large;
                    }
                }
            }
            return indexed(connection, filter, page);
        } catch (SQLException e) {
            throw new DataAccessException("search tickets: " + e.getMessage(), e);
        }
    }

    /**
     * Runs once each statement a search may run, with a search's {@link #settings}, over the given scopes, for a new
     * connection's server process to plan them and load what they use (catalogue entries, column statistics, the V10
     * function and its regular expression) before a user's search does: the windows, the fetch of a page's rows by
     * id, the keyed lookup of a word of three characters or more, the school ranges of a shorter one and the lookup
     * of a ticket number. Must run inside a transaction, which the caller rolls back; the scopes should read next to
     * nothing (a school and an owner no platform has).
     *
     * @throws DataAccessException when the database fails a statement
     */
    void warmUp(Connection connection, List<TicketScope> scopes, PageRequest page) {
        TicketFilter keyedWord = new TicketFilter(scopes, Set.of(), List.of(WARM_UP_WORD));
        try {
            PostgresLists.setLocal(connection, settings(keyedWord, page));
            windows(connection, keyedWord, page, SMALL_WINDOW);
            fetch(connection, new Long[] {0L});
            indexed(connection, keyedWord, page);
            indexed(connection, new TicketFilter(scopes, Set.of(), List.of(WARM_UP_WORD.substring(0, 2))), page);
            indexed(connection, new TicketFilter(scopes, Set.of(), List.of(WARM_UP_NUMBER)), page);
        } catch (SQLException e) {
            throw new DataAccessException("warm up the search: " + e.getMessage(), e);
        }
    }

    /**
     * The settings of a search's transaction, set by one statement before the first read.
     *
     * <p>JIT off: the school keys lookup's estimate (the default for {@code @>} against a value computed per
     * school) puts its cost above {@code jit_above_cost}, and compiling the plan would take 8 to 15 ms of a 3 ms
     * query. The windows' estimates stay under that threshold, and the ranges of a short word already ran without
     * JIT.
     *
     * <p>Generic plans, when every scope is narrowed to schools or to an owner, and the statuses asked for, if any,
     * are ranges of their own ({@link #splitStatuses}): the plans of these statements then depend on their shape, not
     * on the values (a range or a keys lookup per school of the array, or per school and status, the owner index),
     * and PostgreSQL's {@code auto} mode planned each of them again for the first executions of a connection (about
     * 1 ms of each of the first nine searches) before it settled on the generic plan. Otherwise {@code auto}. A scope
     * of every school: the trigram index answers a word of three characters or more only when the planner sees the
     * word (with a parameter, it may read the newest tickets of the whole table instead). Statuses as a condition of
     * each school's range: only a custom plan sees that they are rare ones and reads them through the {@code (school,
     * status)} index; the generic plan read every ticket of the schools for a short word (0.14 s against 2 ms).
     */
    static String settings(TicketFilter filter, PageRequest page) {
        boolean narrowed = (filter.statuses().isEmpty() || splitStatuses(filter, page))
                && filter.scopes().stream().allMatch(s -> s.owner() != null || s.schools() != null);
        return narrowed
                ? "SELECT set_config('jit', 'off', true), set_config('plan_cache_mode', 'force_generic_plan', true)"
                : "SET LOCAL jit = off";
    }

    /** The most ranges of schools and statuses a search reads as ranges of their own: the lists' limit. */
    static final int MAX_STATUS_RANGES = TicketQueries.MAX_BRANCHES;

    /**
     * Whether the ranges of schools are one per school and status asked for, each read in the page's order through
     * {@code (school, status, modified, id)}: newest first, with statuses, and at most {@value #MAX_STATUS_RANGES}
     * of them. Else the statuses are a condition of each school's range.
     */
    static boolean splitStatuses(TicketFilter filter, PageRequest page) {
        if (page.sort() != TicketSort.MODIFIED || filter.statuses().isEmpty()) {
            return false;
        }
        long ranges = 0;
        for (TicketScope scope : filter.scopes()) {
            Set<String> schools = scope.schools();
            if (scope.owner() == null && schools != null) {
                ranges += (long) schools.size() * filter.statuses().size();
            }
        }
        return ranges <= MAX_STATUS_RANGES;
    }

    /** The word {@link #warmUp} searches for. */
    static final String WARM_UP_WORD = "warm";

    /** The ticket number {@link #warmUp} searches for. */
    static final String WARM_UP_NUMBER = "100";

    /** Whether windows {@code LARGE_WINDOW / SMALL_WINDOW} times larger likely hold a page of {@code limit}. */
    static boolean worthLargeWindows(int smallMatches, int limit) {
        return (long) smallMatches * (LARGE_WINDOW / SMALL_WINDOW) >= limit;
    }

    // ------------------------------------------------------------------ windows

    @SuppressWarnings("unchecked")
    private Outcome windows(Connection connection, TicketFilter filter, PageRequest page, int window)
            throws SQLException {
        String key = lists.sortKey(page.sort());
        boolean desc = page.direction() == SortDirection.DESC;
        String dir = PostgresLists.direction(desc);
        String order = lists.order(key, desc);
        int limit = page.limit();
        boolean split = splitStatuses(filter, page);
        List<TicketScope> previous = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        for (TicketScope scope : filter.scopes()) {
            if (scope.owner() != null) {
                // an owner's own tickets: few, read whole through the owner index
                Q q = new Q().sql("select x." + lists.id + ", " + key + " as k from " + lists.table + " x where ");
                q.sql(lists.scope(scope, q.values));
                others(q, previous, filter, page, key, false);
                where(q, scope, filter.words());
                q.sql(order).bind(" limit ?", limit);
                try (PreparedStatement st = PostgresLists.prepare(connection, q.text.toString(), q.values);
                        ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Row("", rs.getLong(1), (Comparable<Object>) key(rs, 2, page.sort()), false));
                    }
                }
                previous.add(scope);
                continue;
            }
            Set<String> schools = scope.schools();
            if (schools == null || schools.isEmpty()) {
                return new Outcome(null, 0); // every school: left to the indexes
            }
            Q q = new Q()
                    .sql("select s.school, " + (split ? "st.status, " : "") + "w.id, w.k, w.e from ")
                    .bind("unnest(?::varchar[])", new PostgresLists.Schools(PostgresLists.sorted(schools)))
                    .sql(" as s(school) cross join ");
            if (split) {
                q.bind("unnest(?::smallint[])", new PostgresLists.Statuses(PostgresLists.statusCodes(filter)))
                        .sql(" as st(status) cross join ");
            }
            q.sql("lateral ((select x2.id, x2.k, false as e from (select x.")
                    .sql(lists.id + " as id, " + key + " as k, (");
            words(q.sql("true"), filter.words(), true);
            q.sql(") as hit from " + lists.table + " x where ");
            windowRange(q, scope, previous, filter, page, key, split);
            q.sql(order).bind(" limit ?", window);
            q.sql(") as x2 where x2.hit order by x2.k" + dir + ", x2.id" + dir).bind(" limit ?", limit);
            q.sql(") union all (select x." + lists.id + " as id, " + key + " as k, true as e from " + lists.table
                    + " x where ");
            windowRange(q, scope, previous, filter, page, key, split);
            q.sql(order).bind(" offset ?", window - 1).sql(" limit 1)) as w");
            try (PreparedStatement st = PostgresLists.prepare(connection, q.text.toString(), q.values);
                    ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    // a window is a school's range, or a school and status's when split
                    int c = split ? 1 : 0;
                    rows.add(new Row(
                            rs.getString(1) + (split ? "\u0000" + rs.getShort(2) : ""),
                            rs.getLong(2 + c),
                            (Comparable<Object>) key(rs, 3 + c, page.sort()),
                            rs.getBoolean(4 + c)));
                }
            }
            previous.add(scope);
        }
        return decide(connection, rows, page);
    }

    /**
     * The rows of one school's window (or of one school and status when {@code split}): the school, the other scopes
     * excluded, statuses, cursor, owner excluded.
     */
    private void windowRange(
            Q q,
            TicketScope scope,
            List<TicketScope> previous,
            TicketFilter filter,
            PageRequest page,
            String key,
            boolean split) {
        q.sql("x." + lists.school + " = s.school");
        if (split) {
            q.sql(" and x." + lists.status + " = st.status");
        }
        others(q, previous, filter, page, key, split);
        if (scope.excludedOwner() != null) {
            q.bind(" and x." + lists.owner + " <> ?", scope.excludedOwner());
        }
    }

    /** The page the windows prove exact, else {@code null}; and the matches they read. */
    private Outcome decide(Connection connection, List<Row> rows, PageRequest page) throws SQLException {
        int limit = page.limit();
        Comparator<Row> byKey = Comparator.comparing((Row r) -> r.key()).thenComparingLong(Row::id);
        if (page.direction() == SortDirection.DESC) {
            byKey = byKey.reversed();
        }
        Map<String, Integer> matchesPerRange = new HashMap<>();
        Map<String, Row> ends = new HashMap<>();
        List<Row> candidates = new ArrayList<>();
        for (Row r : rows) {
            if (r.end()) {
                ends.put(r.range(), r);
            } else {
                candidates.add(r);
                matchesPerRange.merge(r.range(), 1, Integer::sum);
            }
        }
        candidates.sort(byKey);
        List<Row> top = candidates.subList(0, Math.min(limit, candidates.size()));
        for (Map.Entry<String, Row> e : ends.entrySet()) {
            if (matchesPerRange.getOrDefault(e.getKey(), 0) >= limit) {
                continue; // the window's page of matches is complete
            }
            // older matches of this window's range may exist beyond its end
            if (top.size() < limit || byKey.compare(top.get(top.size() - 1), e.getValue()) >= 0) {
                return new Outcome(null, candidates.size());
            }
        }
        if (top.isEmpty()) {
            return new Outcome(List.of(), 0);
        }
        List<Ticket> tickets = fetch(connection, top.stream().map(Row::id).toArray(Long[]::new));
        tickets.sort(page.comparator());
        return new Outcome(tickets, candidates.size());
    }

    /** The tickets of these ids, in no particular order. */
    private List<Ticket> fetch(Connection connection, Long[] ids) throws SQLException {
        return PostgresLists.tickets(
                connection,
                "select " + lists.columns + " from " + lists.table + " t where t." + lists.id + " = any (?::bigint[])",
                List.of(new PostgresLists.Ids(ids)),
                ids.length);
    }

    // ------------------------------------------------------------------ indexes

    private List<Ticket> indexed(Connection connection, TicketFilter filter, PageRequest page) throws SQLException {
        String key = lists.sortKey(page.sort());
        boolean desc = page.direction() == SortDirection.DESC;
        String dir = PostgresLists.direction(desc);
        String order = lists.order(key, desc);
        List<String> keyed = TicketQueries.keyedWords(filter.words());
        List<Long> ids = new ArrayList<>();
        if (keyed.isEmpty() && filter.words().stream().allMatch(TicketQueries::keyable)) {
            // every word is a ticket number of three digits or more: the tickets whose text holds them all, and
            // the tickets of those numbers
            keyed = filter.words();
            for (String word : keyed) {
                ids.add(Objects.requireNonNull(TicketQueries.ticketNumber(word)));
            }
        }
        List<TicketScope> previous = new ArrayList<>();
        Q q = new Q();
        int parts = 0;
        for (TicketScope scope : filter.scopes()) {
            Set<String> schools = scope.schools();
            q.sql(parts == 0 ? "" : " union all ").sql("select * from (");
            if (scope.owner() == null && schools != null && !schools.isEmpty()) {
                String[] sorted = PostgresLists.sorted(schools);
                schoolsPart(q, sorted, keyed, ids, scope, previous, filter, page, key, order, parts);
            } else {
                q.sql("select x." + lists.id + " as id, " + key + " as k from " + lists.table + " x where ");
                q.sql(lists.scope(scope, q.values));
                others(q, previous, filter, page, key, false);
                where(q, scope, filter.words());
                q.sql(order).bind(" limit ?", page.limit());
            }
            q.sql(") b" + parts);
            parts++;
            previous.add(scope);
        }
        if (parts == 0) {
            return List.of();
        }
        Q top = new Q().sql("select " + lists.columns + " from " + lists.table + " t join (select u.id, u.k from (");
        top.text.append(q.text);
        top.values.addAll(q.values);
        top.sql(") u order by u.k" + dir + ", u.id" + dir).bind(" limit ?", page.limit());
        top.sql(") top on t." + lists.id + " = top.id");
        List<Ticket> rows = PostgresLists.tickets(connection, top.text.toString(), top.values, page.limit());
        rows.sort(page.comparator());
        return rows;
    }

    /**
     * A scope of schools: one {@code LATERAL} range per school of the array, the words checked on its rows with
     * {@code position} ({@link #words}), up to a page.
     *
     * <p>When a word has three characters or more ({@code keyed}), through {@code support_tickets_search_keys_ix}
     * (V10): the school's tickets holding every window of those words are looked up alone, in a sub-select whose row
     * addresses ({@code ctid}) the range then reads, so the plan stays this lookup whatever the planner guesses of it
     * (it cannot estimate {@code @>} against a value computed per school, and guessed a backward scan of every ticket
     * once). When every word is a ticket number ({@code ids}), the tickets of those numbers in the school are added
     * to the ones whose text holds them.
     *
     * <p>Otherwise the school's tickets in the page's order through its sort index, stopping at a page; with
     * statuses split ({@link #splitStatuses}), one such range per school and status, through {@code (school, status,
     * modified, id)}. No index finds a word of one or two characters (a trigram index needs three; asked anyway, the
     * planner read the whole table, 0.2 to 2 s on a million tickets), so the cost is bounded by the schools' own
     * tickets (of those statuses), at worst all of them for a word found nowhere.
     */
    private void schoolsPart(
            Q q,
            String[] schools,
            List<String> keyed,
            List<Long> ids,
            TicketScope scope,
            List<TicketScope> previous,
            TicketFilter filter,
            PageRequest page,
            String key,
            String order,
            int n) {
        String school = "ks" + n + ".school";
        // a short word reads ranges: one per school and status when split, so that any plan reads only those statuses
        boolean split = keyed.isEmpty() && splitStatuses(filter, page);
        q.sql("select kr" + n + ".id, kr" + n + ".k from ")
                .bind("unnest(?::varchar[])", new PostgresLists.Schools(schools))
                .sql(" as ks" + n + "(school) cross join ");
        if (split) {
            q.bind("unnest(?::smallint[])", new PostgresLists.Statuses(PostgresLists.statusCodes(filter)))
                    .sql(" as kst" + n + "(status) cross join ");
        }
        q.sql("lateral (select x." + lists.id + " as id, " + key + " as k from " + lists.table + " x where ");
        if (keyed.isEmpty()) {
            q.sql("x." + lists.school + " = " + school);
            if (split) {
                q.sql(" and x." + lists.status + " = kst" + n + ".status");
            }
        } else {
            q.sql("x.ctid = any(array(select kt.ctid from " + lists.table + " kt where " + searchKeys + "(kt."
                    + lists.school + ", kt." + searchText + ") @> (");
            for (int i = 0; i < keyed.size(); i++) {
                q.sql(i == 0 ? "" : " || ")
                        .sql(searchKeys + "(" + school + ", ")
                        .bind("?::text", keyed.get(i))
                        .sql(")");
            }
            q.sql("))");
            if (!ids.isEmpty()) {
                q.sql(" || array(select kt.ctid from " + lists.table + " kt where kt." + lists.id + " = any(")
                        .bind("?::bigint[]", new PostgresLists.Ids(ids.toArray(Long[]::new)))
                        .sql(") and kt." + lists.school + " = " + school + ")");
            }
            q.sql(")");
        }
        others(q, previous, filter, page, key, split);
        words(q, filter.words(), false);
        if (scope.excludedOwner() != null) {
            q.bind(" and x." + lists.owner + " <> ?", scope.excludedOwner());
        }
        q.sql(order).bind(" limit ?", page.limit()).sql(") kr" + n);
    }

    // ------------------------------------------------------------------ conditions

    /** The scopes before this one excluded, the statuses (unless the range is already one status's), the cursor. */
    private void others(
            Q q, List<TicketScope> previous, TicketFilter filter, PageRequest page, String key, boolean oneStatus) {
        lists.excludePrevious(q.text, previous, q.values);
        if (!filter.statuses().isEmpty() && !oneStatus) {
            q.bind(
                    " and x." + lists.status + " = any (?::smallint[])",
                    new PostgresLists.Statuses(PostgresLists.statusCodes(filter)));
        }
        lists.after(q.text, key, page.after(), page.direction() == SortDirection.DESC, q.values);
    }

    /**
     * Every word occurs in the search text (a literal substring) or is the ticket's number. With {@code like}, as
     * {@code LIKE}, which the trigram index (V4_1) answers for words of three characters or more; else with {@code
     * position}, which no index answers: given {@code LIKE} with a parameter, a generic plan may read the trigram
     * index for it, which for a word under three characters means all of that index (37 s a search on a million
     * tickets).
     */
    private void words(Q q, List<String> words, boolean like) {
        for (String word : words) {
            if (like) {
                q.bind(
                        " and (x." + searchText + " like ? escape '" + TicketQueries.ESCAPE + "'",
                        "%" + TicketQueries.escapeLike(word) + "%");
            } else {
                q.bind(" and (position(?::text in x." + searchText + ") > 0", word);
            }
            Long number = TicketQueries.ticketNumber(word);
            if (number != null) {
                q.bind(" or x." + lists.id + " = ?", number);
            }
            q.sql(")");
        }
    }

    /**
     * The words in the {@code WHERE} clause of a part that is not one of schools: an owner's tickets, which the owner
     * index narrows, checked with {@code position} (with a {@code LIKE} of a parameter, a generic plan may add the
     * trigram index, which a word under three characters makes it read whole, as it did for the schools' part);
     * every school's, as {@code LIKE}, which the trigram index (V4_1) answers for words of three characters or
     * more.
     */
    private void where(Q q, TicketScope scope, List<String> words) {
        words(q, words, scope.owner() == null);
    }

    /** The sort value of a row as the database ordered it. */
    private static Object key(ResultSet rs, int column, TicketSort sort) throws SQLException {
        Object value = switch (sort) {
            case MODIFIED, CREATED -> rs.getObject(column, OffsetDateTime.class);
            case STATUS -> rs.getShort(column);
            case SUBJECT -> rs.getString(column);
            case ID -> rs.getLong(column);
        };
        if (value == null) {
            throw new SQLException("the sort value of a ticket is null");
        }
        return value;
    }
}

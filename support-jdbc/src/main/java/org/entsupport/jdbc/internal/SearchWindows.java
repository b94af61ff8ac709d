package org.entsupport.jdbc.internal;

import static org.entsupport.jdbc.internal.schema.Tables.SUPPORT_TICKETS;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.entsupport.core.model.SortDirection;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.spi.PageRequest;
import org.entsupport.core.spi.TicketFilter;
import org.entsupport.core.spi.TicketScope;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jspecify.annotations.Nullable;

/**
 * PostgreSQL search, newest first, for a word found in many tickets: each school's newest tickets are
 * read through {@code (school, modified, id)} in a window of {@value #WINDOW} rows, stopping at a
 * page of matches; the GIN index would instead read every matching ticket of the schools and sort
 * them (45 ms for a word in a quarter of a million tickets, against 3 to 10 ms).
 *
 * <p>The answer is exact or nothing: a school whose window ended before a page of matches may hold
 * older matches, which matter only if they could be on the page, i.e. when the page is not full or
 * its last ticket is not newer than the end of that school's window. Then the caller uses the GIN index.
 *
 * <p>Two window sizes, the small one first ({@link #page}): it answers a common word (a quarter of the tickets)
 * alone, and its matches measure the word: a page is likely within windows four times larger only when
 * four times the small windows' matches make a page. A rare word goes straight to the GIN index after
 * reading {@value #SMALL_WINDOW} rows per school (about 1 ms) instead of {@value #LARGE_WINDOW} (3 to 4 ms).
 */
final class SearchWindows {

    /** Rows read per school by the first windows. */
    static final int SMALL_WINDOW = 25;
    /** Rows read per school by the second windows, before giving the schools up to the GIN index. */
    static final int LARGE_WINDOW = 100;

    private SearchWindows() {}

    /** A row of the windows' answer: a match, or the last row of a school's window. */
    private record Row(String school, long id, Comparable<Object> key, boolean end) {}

    /**
     * What windows of one size gave: the exact page, or {@code null}; and the matches they read.
     *
     * @param page    the page, or {@code null} when the windows cannot prove it exact or the filter has a scope
     *                they do not cover (every school, or an owner's tickets in some schools)
     * @param matches the matches the windows read (the owner's tickets included)
     */
    private record Outcome(@Nullable List<Ticket> page, int matches) {}

    /**
     * The page from the small windows, then, if the word looks common enough, from the large ones; {@code null}
     * when neither proves it exact.
     */
    static @Nullable List<Ticket> page(
            DSLContext db,
            TicketQueries queries,
            TicketFilter filter,
            Field<Object> key,
            List<SortField<?>> order,
            Condition after,
            PageRequest page,
            int limit) {
        Outcome small = search(db, queries, filter, key, order, after, page, limit, SMALL_WINDOW);
        if (small.page() != null) {
            return small.page();
        }
        if (!worthLargeWindows(small.matches(), limit)) {
            return null;
        }
        return search(db, queries, filter, key, order, after, page, limit, LARGE_WINDOW)
                .page();
    }

    /** Whether windows {@code LARGE_WINDOW / SMALL_WINDOW} times larger likely hold a page of {@code limit}. */
    static boolean worthLargeWindows(int smallMatches, int limit) {
        return (long) smallMatches * (LARGE_WINDOW / SMALL_WINDOW) >= limit;
    }

    /** The windows of {@code window} rows per school. */
    @SuppressWarnings("unchecked")
    private static Outcome search(
            DSLContext db,
            TicketQueries queries,
            TicketFilter filter,
            Field<Object> key,
            List<SortField<?>> order,
            Condition after,
            PageRequest page,
            int limit,
            int window) {
        var t = SUPPORT_TICKETS;
        boolean desc = page.direction() == SortDirection.DESC;
        List<Short> statuses =
                filter.statuses().stream().map(st -> (short) st.code()).sorted().toList();
        Condition statusIn = statuses.isEmpty() ? DSL.noCondition() : queries.statusIn(t.STATUS, statuses);
        Condition words = TicketQueries.words(filter.words());
        List<Condition> previous = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        List<Long> ownerIds = new ArrayList<>();
        List<Object> ownerKeys = new ArrayList<>();
        for (TicketScope scope : filter.scopes()) {
            Condition exclude = previous.isEmpty() ? DSL.noCondition() : DSL.not(DSL.or(previous));
            previous.add(queries.scope(scope));
            if (scope.owner() != null) {
                // an owner's own tickets: few, read whole through the owner index
                for (Record r : db.select(t.ID, key)
                        .from(t)
                        .where(queries.scope(scope)
                                .and(exclude)
                                .and(statusIn)
                                .and(words)
                                .and(after))
                        .orderBy(order)
                        .limit(limit)
                        .fetch()) {
                    ownerIds.add(r.get(t.ID));
                    ownerKeys.add(r.get(1));
                }
                continue;
            }
            if (scope.schools() == null || scope.schools().isEmpty()) {
                return new Outcome(null, 0); // every school: left to the GIN index
            }
            String[] schools = new TreeSet<>(scope.schools()).toArray(String[]::new);
            Table<?> s =
                    DSL.unnest(DSL.val(schools, SQLDataType.VARCHAR.array())).as("s", "school");
            Field<String> school = (Field<String>) s.field(0);
            Condition base = t.SCHOOL.eq(school).and(exclude).and(statusIn).and(after);
            if (scope.excludedOwner() != null) {
                base = base.and(t.OWNER.ne(scope.excludedOwner()));
            }
            Table<?> x = db.select(t.ID.as("id"), key.as("k"), DSL.field(words).as("hit"))
                    .from(t)
                    .where(base)
                    .orderBy(order)
                    .limit(DSL.val(window))
                    .asTable("x");
            Field<Long> xid = x.field("id", Long.class);
            Field<Object> xk = (Field<Object>) x.field("k");
            var matches = db.select(xid.as("id"), xk.as("k"), DSL.inline(false).as("e"))
                    .from(x)
                    .where(x.field("hit", Boolean.class).isTrue())
                    .orderBy(desc ? xk.desc() : xk.asc(), desc ? xid.desc() : xid.asc())
                    .limit(DSL.val(limit));
            var end = db.select(t.ID.as("id"), key.as("k"), DSL.inline(true).as("e"))
                    .from(t)
                    .where(base)
                    .orderBy(order)
                    .offset(DSL.val(window - 1))
                    .limit(DSL.inline(1));
            Table<?> w = DSL.lateral(matches.unionAll(end)).as("w");
            for (Record r : db.select(school, w.field("id"), w.field("k"), w.field("e"))
                    .from(s)
                    .crossJoin(w)
                    .fetch()) {
                rows.add(new Row(
                        r.get(0, String.class),
                        r.get(1, Long.class),
                        (Comparable<Object>) r.get(2),
                        r.get(3, Boolean.class)));
            }
        }
        Comparator<Row> byKey = Comparator.comparing((Row r) -> r.key()).thenComparingLong(Row::id);
        if (desc) {
            byKey = byKey.reversed();
        }
        Map<String, Integer> matchesPerSchool = new HashMap<>();
        Map<String, Row> ends = new HashMap<>();
        List<Row> candidates = new ArrayList<>();
        for (Row r : rows) {
            if (r.end()) {
                ends.put(r.school(), r);
            } else {
                candidates.add(r);
                matchesPerSchool.merge(r.school(), 1, Integer::sum);
            }
        }
        for (int i = 0; i < ownerIds.size(); i++) {
            candidates.add(new Row("", ownerIds.get(i), (Comparable<Object>) ownerKeys.get(i), false));
        }
        candidates.sort(byKey);
        List<Row> top = candidates.subList(0, Math.min(limit, candidates.size()));
        for (Map.Entry<String, Row> e : ends.entrySet()) {
            if (matchesPerSchool.getOrDefault(e.getKey(), 0) >= limit) {
                continue; // the school's page of matches is complete
            }
            // older matches of this school may exist beyond its window's end
            if (top.size() < limit || byKey.compare(top.get(top.size() - 1), e.getValue()) >= 0) {
                return new Outcome(null, candidates.size());
            }
        }
        if (top.isEmpty()) {
            return new Outcome(List.of(), 0);
        }
        Long[] ids = top.stream().map(Row::id).toArray(Long[]::new);
        List<Ticket> tickets = new ArrayList<>(db.select(JdbcTicketStore.TICKET_COLUMNS)
                .from(t)
                .where(t.ID.eq(DSL.any(DSL.val(ids, SQLDataType.BIGINT.array()))))
                .fetch(JdbcTicketStore::ticket));
        tickets.sort(page.comparator());
        return new Outcome(tickets, candidates.size());
    }
}

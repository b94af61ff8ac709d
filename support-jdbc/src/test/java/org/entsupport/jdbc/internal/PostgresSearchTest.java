package org.entsupport.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.entsupport.core.model.SortDirection;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketSort;
import org.entsupport.core.model.TicketStatus;
import org.entsupport.core.spi.PageRequest;
import org.entsupport.core.spi.TicketFilter;
import org.entsupport.core.spi.TicketScope;
import org.entsupport.jdbc.Database;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * {@link PostgresSearch} on a fake connection: which statements a search runs, with which values, and which page
 * the windows prove exact. What the statements return on PostgreSQL is checked by {@code PostgresSearchWindowsIT}
 * and the PostgreSQL contract suites.
 */
class PostgresSearchTest {

    private static final OffsetDateTime T = OffsetDateTime.parse("2026-05-01T08:00:00Z");
    private static final List<Object> SCHOOLS = List.of("s1", "s2");

    /** Made for each test, so that mutants of the constructor's rendering are run. */
    private final PostgresSearch search;

    PostgresSearchTest() {
        var renderer = DSL.using(SQLDialect.POSTGRES, JdbcTicketStore.settings(Database.POSTGRESQL, "tenant_a"));
        search = new PostgresSearch(
                renderer, new PostgresLists(renderer), DSL.name("tenant_a", V10__SearchKeys.FUNCTION));
    }

    private static TicketFilter admin(String... words) {
        return new TicketFilter(
                List.of(new TicketScope(Set.of("s2", "s1"), null, null), new TicketScope(null, "u-admin", null)),
                Set.of(),
                List.of(words));
    }

    /** The settings of a search whose scopes are all narrowed to schools or to an owner. */
    private static final String NARROWED =
            "SELECT set_config('jit', 'off', true), set_config('plan_cache_mode', 'force_generic_plan', true)";

    private static PageRequest newest(int limit) {
        return new PageRequest(TicketSort.MODIFIED, SortDirection.DESC, null, limit);
    }

    private static boolean windows(FakeJdbc.Ran r) {
        return r.sql().contains(" offset ?");
    }

    private static boolean fetch(FakeJdbc.Ran r) {
        return r.sql().contains("= any (?::bigint[])");
    }

    private static Object[] window(String school, long id, int hour, boolean end) {
        return new Object[] {school, id, T.plusHours(hour), end};
    }

    /** The windows' rows: s1 with three matches (10, 9 and 8 h) and its end at 1 h, then {@code others}. */
    private static List<Object[]> s1Then(Object[]... others) {
        List<Object[]> rows = new java.util.ArrayList<>(List.of(
                window("s1", 10, 10, false),
                window("s1", 9, 9, false),
                window("s1", 8, 8, false),
                window("s1", 1, 1, true)));
        rows.addAll(List.of(others));
        return rows;
    }

    /** Answers windows with {@code small} (25 rows) or {@code large} (100), the fetch with the ids bound. */
    private static Function<FakeJdbc.Ran, List<Object[]>> answers(List<Object[]> small, List<Object[]> large) {
        return r -> {
            if (windows(r)) {
                return r.values().contains(PostgresSearch.SMALL_WINDOW) ? small : large;
            }
            if (fetch(r)) {
                @SuppressWarnings("unchecked")
                List<Object> ids = (List<Object>) r.values().get(0);
                // in another order than the page's, as a join may give them
                List<Object[]> rows = new java.util.ArrayList<>();
                for (Object id : ids) {
                    rows.add(0, FakeJdbc.ticket((Long) id, "s1", T.plusHours(((Long) id).intValue())));
                }
                return rows;
            }
            return List.of();
        };
    }

    /** The windows of s1 and s2 ended without a match: the search goes on to the indexes. */
    private static final Function<FakeJdbc.Ran, List<Object[]>> ENDS_ONLY =
            r -> windows(r) ? List.of(window("s1", 1, 1, true), window("s2", 2, 2, true)) : List.of();

    private static TicketFilter filter(List<TicketScope> scopes, Set<TicketStatus> statuses, String... words) {
        return new TicketFilter(scopes, statuses, List.of(words));
    }

    private static final PageRequest BY_SUBJECT = new PageRequest(TicketSort.SUBJECT, SortDirection.ASC, null, 25);

    @Test
    void genericPlansAreForcedOnlyWhenEveryScopeIsNarrowedAndStatusesAreRangesOfTheirOwn() {
        PageRequest newest = newest(25);
        assertThat(PostgresSearch.settings(admin("page"), newest)).isEqualTo(NARROWED);
        assertThat(PostgresSearch.settings(admin("page"), BY_SUBJECT)).isEqualTo(NARROWED);
        TicketScope owner = new TicketScope(null, "u-me", null);
        TicketScope schools = new TicketScope(Set.of("s1"), null, "u-me");
        TicketScope noSchool = new TicketScope(Set.of(), null, null);
        TicketScope allButMine = new TicketScope(null, null, "u-me");
        assertThat(PostgresSearch.settings(filter(List.of(owner), Set.of(), "x"), newest))
                .isEqualTo(NARROWED);
        assertThat(PostgresSearch.settings(filter(List.of(schools, noSchool), Set.of(), "x"), newest))
                .isEqualTo(NARROWED);
        assertThat(PostgresSearch.settings(filter(List.of(owner, allButMine), Set.of(), "x"), newest))
                .isEqualTo("SET LOCAL jit = off");
        assertThat(PostgresSearch.settings(filter(List.of(TicketScope.everything(), schools), Set.of(), "x"), newest))
                .isEqualTo("SET LOCAL jit = off");
        // statuses newest first are ranges of their own, which any plan reads through (school, status, modified)
        Set<TicketStatus> open = Set.of(TicketStatus.NEW, TicketStatus.OPENED);
        assertThat(PostgresSearch.settings(filter(List.of(schools, owner), open, "x"), newest))
                .isEqualTo(NARROWED);
        // else a condition of each school's range: only a custom plan sees that they are rare and takes that index
        assertThat(PostgresSearch.settings(filter(List.of(schools, owner), open, "x"), BY_SUBJECT))
                .isEqualTo("SET LOCAL jit = off");
        assertThat(PostgresSearch.settings(
                        filter(List.of(new TicketScope(schools(101), null, null)), open, "x"), newest))
                .isEqualTo("SET LOCAL jit = off");
    }

    private static Set<String> schools(int n) {
        Set<String> names = new java.util.HashSet<>();
        for (int i = 0; i < n; i++) {
            names.add("s" + i);
        }
        return names;
    }

    @Test
    void statusesAreSplitNewestFirstUpToTwoHundredRangesOfSchoolsAndStatuses() {
        Set<TicketStatus> one = Set.of(TicketStatus.NEW);
        Set<TicketStatus> two = Set.of(TicketStatus.NEW, TicketStatus.OPENED);
        TicketScope mine = new TicketScope(schools(500), "u-me", null); // an owner's: no range of schools
        assertThat(PostgresSearch.MAX_STATUS_RANGES).isEqualTo(200);
        assertThat(PostgresSearch.splitStatuses(
                        filter(List.of(new TicketScope(schools(100), null, null), mine), two, "x"), newest(5)))
                .isTrue();
        assertThat(PostgresSearch.splitStatuses(
                        filter(List.of(new TicketScope(schools(200), null, null)), one, "x"), newest(5)))
                .isTrue();
        assertThat(PostgresSearch.splitStatuses(
                        filter(List.of(new TicketScope(schools(201), null, null)), one, "x"), newest(5)))
                .isFalse();
        assertThat(PostgresSearch.splitStatuses(
                        filter(
                                List.of(
                                        new TicketScope(schools(100), null, null),
                                        new TicketScope(schools(1), null, "u")),
                                two,
                                "x"),
                        newest(5)))
                .isFalse();
        assertThat(PostgresSearch.splitStatuses(
                        filter(List.of(new TicketScope(schools(2), null, null)), Set.of(), "x"), newest(5)))
                .isFalse();
        assertThat(PostgresSearch.splitStatuses(
                        filter(List.of(new TicketScope(schools(2), null, null)), two, "x"), BY_SUBJECT))
                .isFalse();
    }

    private static Object[] window(String school, int status, long id, int hour, boolean end) {
        return new Object[] {school, (short) status, id, T.plusHours(hour), end};
    }

    /** The window of s1 and NEW ended without a match: the search goes on to the indexes. */
    private static final Function<FakeJdbc.Ran, List<Object[]>> SPLIT_ENDS =
            r -> windows(r) ? List.<Object[]>of(window("s1", 1, 1, 1, true)) : List.of();

    @Test
    void splitStatusesAreOneWindowPerSchoolAndStatusAndEachWindowsEndCounts() {
        // s1/NEW holds a full page (10, 9 and 8 h); s1/OPENED matched nothing in a window that ends at 9 h, newer
        // than the page's last: older OPENED matches may belong on the page, so the small windows do not decide
        List<Object[]> small = List.of(
                window("s1", 1, 10, 10, false),
                window("s1", 1, 9, 9, false),
                window("s1", 1, 8, 8, false),
                window("s1", 1, 1, 1, true),
                window("s1", 2, 5, 9, true));
        FakeJdbc jdbc = new FakeJdbc(r -> windows(r) ? small : List.of());
        TicketFilter open = filter(
                List.of(new TicketScope(Set.of("s2", "s1"), null, null)),
                Set.of(TicketStatus.OPENED, TicketStatus.NEW),
                "page");

        search.page(jdbc.connection, open, newest(3));

        assertThat(jdbc.ran.get(0).sql()).isEqualTo(NARROWED);
        List<FakeJdbc.Ran> windows =
                jdbc.ran.stream().filter(PostgresSearchTest::windows).toList();
        assertThat(windows).hasSize(2); // the small windows did not decide: the large ones ran
        FakeJdbc.Ran w = windows.get(0);
        assertThat(w.sql())
                .startsWith("select s.school, st.status, w.id, w.k, w.e from unnest(?::varchar[]) as s(school)"
                        + " cross join unnest(?::smallint[]) as st(status) cross join lateral")
                .doesNotContain("any (?::smallint[])");
        // the matches and the window's end read the same range of each school and status
        assertThat(w.sql().split("x\\.\"school\" = s\\.school and x\\.\"status\" = st\\.status", -1))
                .hasSize(3);
        assertThat(w.values()).containsExactly(SCHOOLS, List.of((short) 1, (short) 2), "%page%", 25, 3, 24);

        // a short word: its ranges too
        FakeJdbc two = new FakeJdbc(SPLIT_ENDS);
        search.page(two.connection, filter(open.scopes(), open.statuses(), "ab"), newest(3));
        FakeJdbc.Ran ranges = two.ran.get(two.ran.size() - 1);
        assertThat(ranges.sql())
                .contains("unnest(?::varchar[]) as ks0(school) cross join unnest(?::smallint[]) as kst0(status) cross"
                        + " join lateral (select x.\"id\" as id, x.\"modified\" as k from \"tenant_a\".\"support_tickets\""
                        + " x where x.\"school\" = ks0.school and x.\"status\" = kst0.status and (position(")
                .doesNotContain("any (?::smallint[])");
        assertThat(ranges.values().subList(0, 4)).containsExactly(SCHOOLS, List.of((short) 1, (short) 2), "ab", 3);

        // sorted otherwise: the statuses stay a condition of each school's range
        FakeJdbc subject = new FakeJdbc(r -> List.of());
        search.page(subject.connection, filter(open.scopes(), open.statuses(), "ab"), BY_SUBJECT);
        assertThat(subject.ran.get(0).sql()).isEqualTo("SET LOCAL jit = off");
        assertThat(subject.ran.get(subject.ran.size() - 1).sql())
                .contains("as ks0(school) cross join lateral")
                .contains("and x.\"status\" = any (?::smallint[])");
    }

    @Test
    void theLargeWindowsAreTriedWhenFourTimesTheSmallWindowsMatchesMakeAPage() {
        assertThat(PostgresSearch.LARGE_WINDOW / PostgresSearch.SMALL_WINDOW).isEqualTo(4);
        assertThat(PostgresSearch.worthLargeWindows(7, 26)).isTrue();
        assertThat(PostgresSearch.worthLargeWindows(6, 24)).isTrue();
        assertThat(PostgresSearch.worthLargeWindows(6, 26)).isFalse();
        assertThat(PostgresSearch.worthLargeWindows(0, 1)).isFalse();
        assertThat(PostgresSearch.worthLargeWindows(1, 4)).isTrue();
    }

    @Test
    void aCommonWordIsAnsweredFromTheSmallWindowsWhenEverySchoolsEndIsOlderThanThePage() {
        // s2 ended its window at (8 h, id 7): the same time as the page's last ticket (id 8) but after it
        FakeJdbc jdbc = new FakeJdbc(answers(s1Then(window("s2", 6, 7, false), window("s2", 7, 8, true)), List.of()));

        List<Ticket> page = search.page(jdbc.connection, admin("page"), newest(3));

        assertThat(page).extracting(Ticket::id).containsExactly(10L, 9L, 8L);
        assertThat(jdbc.ran).hasSize(4);
        assertThat(jdbc.ran.get(0).sql()).isEqualTo(NARROWED);
        assertThat(jdbc.ran.get(0).values()).isEmpty();
        FakeJdbc.Ran w = jdbc.ran.get(1);
        assertThat(w.sql())
                .startsWith("select s.school, w.id, w.k, w.e from unnest(?::varchar[]) as s(school) cross join lateral")
                .contains("x.\"search_text\" like ? escape '!'")
                .contains("order by x.\"modified\" desc, x.\"id\" desc limit ?")
                .contains("union all")
                .endsWith(" offset ? limit 1)) as w");
        assertThat(w.values()).containsExactly(SCHOOLS, "%page%", 25, 3, 24);
        // the matches and the window's end read the same range of each school
        assertThat(w.sql().split("x\\.\"school\" = s\\.school", -1)).hasSize(3);
        FakeJdbc.Ran owner = jdbc.ran.get(2);
        assertThat(owner.sql())
                .contains("(x.\"owner\" = ?)")
                .contains("and not ((x.\"school\" = any (?::varchar[])))")
                .contains("and (position(?::text in x.\"search_text\") > 0)")
                .doesNotContain("unnest");
        assertThat(owner.values()).containsExactly("u-admin", SCHOOLS, "page", 3);
        assertThat(jdbc.ran.get(3).values()).containsExactly(List.of(10L, 9L, 8L));
    }

    @Test
    void thePageIsTheNewestMatchesAcrossSchools() {
        FakeJdbc jdbc = new FakeJdbc(answers(s1Then(window("s2", 6, 11, false), window("s2", 5, 0, true)), List.of()));

        search.page(jdbc.connection, admin("page"), newest(3));

        assertThat(jdbc.ran.get(jdbc.ran.size() - 1).values()).containsExactly(List.of(6L, 10L, 9L));
    }

    @Test
    void aSchoolWhoseWindowEndsNewerThanThePagesLastSendsTheSearchToTheLargeWindows() {
        FakeJdbc jdbc = new FakeJdbc(answers(
                s1Then(window("s2", 6, 7, false), window("s2", 9, 8, true)),
                s1Then(window("s2", 6, 7, false), window("s2", 5, 2, true))));

        List<Ticket> page = search.page(jdbc.connection, admin("page"), newest(3));

        assertThat(page).extracting(Ticket::id).containsExactly(10L, 9L, 8L);
        List<FakeJdbc.Ran> windows =
                jdbc.ran.stream().filter(PostgresSearchTest::windows).toList();
        assertThat(windows).hasSize(2);
        assertThat(windows.get(1).values()).containsExactly(SCHOOLS, "%page%", 100, 3, 99);
        // the settings once, before the first read
        assertThat(jdbc.ran.get(0).sql()).isEqualTo(NARROWED);
        assertThat(jdbc.ran).filteredOn(r -> r.sql().contains("jit")).hasSize(1);
    }

    @Test
    void aRareWordGoesFromTheSmallWindowsToTheSchoolKeys() {
        List<Object[]> ends = List.of(window("s1", 1, 1, true), window("s2", 2, 2, true));
        FakeJdbc jdbc = new FakeJdbc(r -> {
            if (windows(r)) {
                return ends;
            }
            if (r.sql().contains("support_search_keys")) {
                return List.of(FakeJdbc.ticket(3, "s1", T.plusHours(3)), FakeJdbc.ticket(4, "s2", T.plusHours(4)));
            }
            return List.of();
        });

        List<Ticket> page = search.page(jdbc.connection, admin("imprimante"), newest(3));

        assertThat(page).extracting(Ticket::id).containsExactly(4L, 3L);
        assertThat(jdbc.ran).filteredOn(PostgresSearchTest::windows).hasSize(1);
        assertThat(jdbc.ran).noneMatch(PostgresSearchTest::fetch);
        assertThat(jdbc.ran.get(0).sql()).isEqualTo(NARROWED);
        assertThat(jdbc.ran).hasSize(4);
        FakeJdbc.Ran keyed = jdbc.ran.get(jdbc.ran.size() - 1);
        assertThat(keyed.sql())
                .contains("unnest(?::varchar[]) as ks0(school) cross join lateral")
                .contains("x.ctid = any(array(select kt.ctid from \"tenant_a\".\"support_tickets\" kt where"
                        + " \"tenant_a\".\"support_search_keys\"(kt.\"school\", kt.\"search_text\") @>"
                        + " (\"tenant_a\".\"support_search_keys\"(ks0.school, ?::text))))")
                .contains("and (position(?::text in x.\"search_text\") > 0)")
                .contains(") kr0) b0 union all select * from (select x.\"id\" as id")
                .endsWith(") b1) u order by u.k desc, u.id desc limit ?) top on t.\"id\" = top.id")
                .doesNotContain("&&");
        assertThat(keyed.values())
                .containsExactly(SCHOOLS, "imprimante", "imprimante", 3, "u-admin", SCHOOLS, "imprimante", 3, 3);
    }

    @Test
    void wordsOfTwoCharactersReadEachSchoolsRangeAndOtherSortsSkipTheWindows() {
        FakeJdbc jdbc = new FakeJdbc(ENDS_ONLY);

        search.page(
                jdbc.connection,
                admin("ab", "imprimante"),
                new PageRequest(TicketSort.SUBJECT, SortDirection.ASC, null, 5));

        assertThat(jdbc.ran).noneMatch(PostgresSearchTest::windows);
        FakeJdbc.Ran keyed = jdbc.ran.get(jdbc.ran.size() - 1);
        // only "imprimante" has three characters: "ab" is checked on the rows
        assertThat(keyed.sql())
                .contains("@> (\"tenant_a\".\"support_search_keys\"(ks0.school, ?::text)))")
                .contains("order by (x.\"subject\" collate \"C\") asc, x.\"id\" asc limit ?");
        assertThat(keyed.values().subList(0, 4)).containsExactly(SCHOOLS, "imprimante", "ab", "imprimante");

        FakeJdbc two = new FakeJdbc(ENDS_ONLY);
        search.page(two.connection, admin("ab"), newest(5));
        FakeJdbc.Ran ranges = two.ran.get(two.ran.size() - 1);
        // no index finds two characters: each school's tickets newest first, filtered, up to a page
        assertThat(ranges.sql())
                .contains(
                        "select * from (select kr0.id, kr0.k from unnest(?::varchar[]) as ks0(school) cross join lateral"
                                + " (select x.\"id\" as id, x.\"modified\" as k from \"tenant_a\".\"support_tickets\" x"
                                + " where x.\"school\" = ks0.school and (position(?::text in x.\"search_text\") > 0)"
                                + " order by x.\"modified\" desc, x.\"id\" desc limit ?) kr0) b0 union all")
                .doesNotContain("support_search_keys")
                .doesNotContain("&&");
        assertThat(ranges.values().subList(0, 3)).containsExactly(SCHOOLS, "ab", 5);
        // nor narrows the owner's part: a LIKE of two letters there could lead a generic plan to the trigram index
        assertThat(ranges.sql())
                .contains("(x.\"owner\" = ?) and not ((x.\"school\" = any (?::varchar[])))"
                        + " and (position(?::text in x.\"search_text\") > 0) order by")
                .doesNotContain(" like ");
        assertThat(two.ran.get(2).sql()).contains("(position(?::text in x.\"search_text\") > 0)");

        FakeJdbc number = new FakeJdbc(ENDS_ONLY);
        search.page(number.connection, admin("42"), newest(5));
        FakeJdbc.Ran byNumber = number.ran.get(number.ran.size() - 1);
        assertThat(byNumber.sql())
                .contains("= ks0.school and (position(?::text in x.\"search_text\") > 0 or x.\"id\" = ?)");
        assertThat(byNumber.values().subList(0, 4)).containsExactly(SCHOOLS, "42", 42L, 5);
    }

    @Test
    void aTicketNumberAlsoMatchesItsTicketAndKeysOnlyTheWordsOfText() {
        FakeJdbc jdbc = new FakeJdbc(ENDS_ONLY);

        search.page(jdbc.connection, admin("4711", "imprimante"), newest(5));

        FakeJdbc.Ran w = jdbc.ran.get(1);
        assertThat(w.sql()).contains("(x.\"search_text\" like ? escape '!' or x.\"id\" = ?)");
        assertThat(w.values().subList(0, 4)).containsExactly(SCHOOLS, "%4711%", 4711L, "%imprimante%");
        FakeJdbc.Ran keyed = jdbc.ran.get(jdbc.ran.size() - 1);
        assertThat(keyed.sql()).contains("(position(?::text in x.\"search_text\") > 0 or x.\"id\" = ?)");
        assertThat(keyed.values().subList(0, 5)).containsExactly(SCHOOLS, "imprimante", "4711", 4711L, "imprimante");
    }

    @Test
    void everySchoolIsLeftToTheIndexesAndSchoolsWithoutTicketsGiveAnEmptyPage() {
        FakeJdbc all = new FakeJdbc(r -> List.of());
        search.page(
                all.connection,
                new TicketFilter(List.of(TicketScope.everything()), Set.of(), List.of("page")),
                newest(5));
        assertThat(all.ran).noneMatch(PostgresSearchTest::windows);
        // every school: the planner must see the word to choose the trigram index, so no generic plan
        assertThat(all.ran.get(0).sql()).isEqualTo("SET LOCAL jit = off");
        assertThat(all.ran).hasSize(2);
        assertThat(all.ran.get(1).sql()).contains("x.\"search_text\" like ? escape '!'");

        FakeJdbc none = new FakeJdbc(r -> List.of());
        assertThat(search.page(none.connection, admin("page"), newest(5))).isEmpty();
        assertThat(none.ran).hasSize(3);
        assertThat(none.ran.get(0).sql()).isEqualTo(NARROWED);
    }

    @Test
    void ticketNumbersAloneAreLookedUpInTheSchoolKeysAndByIdWhenTheyHaveThreeDigits() {
        FakeJdbc jdbc = new FakeJdbc(ENDS_ONLY);

        search.page(jdbc.connection, admin("4711", "123"), newest(5));

        FakeJdbc.Ran keyed = jdbc.ran.get(jdbc.ran.size() - 1);
        // the tickets whose text holds both numbers, and the tickets numbered 4711 and 123 in the school; then each
        // word is in the text or is the ticket's number
        assertThat(keyed.sql())
                .contains("x.ctid = any(array(select kt.ctid from \"tenant_a\".\"support_tickets\" kt where"
                        + " \"tenant_a\".\"support_search_keys\"(kt.\"school\", kt.\"search_text\") @>"
                        + " (\"tenant_a\".\"support_search_keys\"(ks0.school, ?::text) ||"
                        + " \"tenant_a\".\"support_search_keys\"(ks0.school, ?::text)))"
                        + " || array(select kt.ctid from \"tenant_a\".\"support_tickets\" kt where kt.\"id\" ="
                        + " any(?::bigint[]) and kt.\"school\" = ks0.school))"
                        + " and (position(?::text in x.\"search_text\") > 0 or x.\"id\" = ?)"
                        + " and (position(?::text in x.\"search_text\") > 0 or x.\"id\" = ?)");
        assertThat(keyed.values().subList(0, 8))
                .containsExactly(SCHOOLS, "4711", "123", List.of(4711L, 123L), "4711", 4711L, "123", 123L);

        // a number of two digits cannot be keyed: the school's range
        FakeJdbc two = new FakeJdbc(ENDS_ONLY);
        search.page(two.connection, admin("4711", "42"), newest(5));
        assertThat(two.ran.get(two.ran.size() - 1).sql())
                .contains("= ks0.school and (position")
                .doesNotContain("support_search_keys")
                .doesNotContain("bigint");
    }

    @Test
    void anExcludedOwnerAndAnEarlierScopeAreLeftOutOfEveryPart() {
        FakeJdbc jdbc = new FakeJdbc(SPLIT_ENDS);
        TicketFilter filter = new TicketFilter(
                List.of(new TicketScope(null, "u-me", null), new TicketScope(Set.of("s1"), null, "u-me")),
                Set.of(org.entsupport.core.model.TicketStatus.NEW),
                List.of("imprimante"));

        search.page(jdbc.connection, filter, newest(5));

        FakeJdbc.Ran w = jdbc.ran.stream()
                .filter(PostgresSearchTest::windows)
                .findFirst()
                .orElseThrow();
        assertThat(w.sql())
                .contains("and x.\"status\" = st.status and not ((x.\"owner\" = ?))")
                .doesNotContain("any (?::smallint[])");
        assertThat(w.sql().split("and x\\.\"owner\" <> \\?", -1)).hasSize(3);
        FakeJdbc.Ran keyed = jdbc.ran.get(jdbc.ran.size() - 1);
        assertThat(keyed.values())
                .containsExactly(
                        "u-me",
                        List.of((short) 1),
                        "imprimante",
                        5,
                        List.of("s1"),
                        "imprimante",
                        "u-me",
                        List.of((short) 1),
                        "imprimante",
                        "u-me",
                        5,
                        5);

        FakeJdbc shortWord = new FakeJdbc(SPLIT_ENDS);
        search.page(
                shortWord.connection, new TicketFilter(filter.scopes(), filter.statuses(), List.of("ab")), newest(5));
        FakeJdbc.Ran ranges = shortWord.ran.get(shortWord.ran.size() - 1);
        assertThat(ranges.sql())
                .contains("= ks1.school and x.\"status\" = kst1.status and not ((x.\"owner\" = ?))"
                        + " and (position(?::text in x.\"search_text\") > 0) and x.\"owner\" <> ? order by");
        assertThat(ranges.values().subList(0, 10))
                .containsExactly(
                        "u-me",
                        List.of((short) 1),
                        "ab",
                        5,
                        List.of("s1"),
                        List.of((short) 1),
                        "u-me",
                        "ab",
                        "u-me",
                        5);
    }

    @Test
    void aCursorIsARowComparisonInEveryPartInTheDirectionOfThePage() {
        java.time.Instant at = java.time.Instant.parse("2026-05-01T10:00:00Z");
        for (SortDirection direction : SortDirection.values()) {
            FakeJdbc jdbc = new FakeJdbc(ENDS_ONLY);
            search.page(
                    jdbc.connection,
                    admin("imprimante"),
                    new PageRequest(
                            TicketSort.MODIFIED,
                            direction,
                            new org.entsupport.core.spi.Keyset(TicketSort.MODIFIED, at, 42),
                            3));
            String op = direction == SortDirection.DESC ? " < " : " > ";
            for (FakeJdbc.Ran r : jdbc.ran) {
                if (r.sql().equals(NARROWED)) {
                    continue;
                }
                assertThat(r.sql()).as(direction + " " + r.sql()).contains("(x.\"modified\", x.\"id\")" + op);
                assertThat(r.values()).contains(at.atOffset(java.time.ZoneOffset.UTC), 42L);
            }
            assertThat(jdbc.ran).hasSize(4);
        }
    }

    @Test
    void theWarmUpRunsEveryStatementASearchMayRunOnceOverTheScopesItIsGiven() throws SQLException {
        FakeJdbc jdbc = new FakeJdbc(ENDS_ONLY);

        search.warmUp(jdbc.connection, admin().scopes(), newest(26));

        assertThat(jdbc.ran).hasSize(7);
        // a search's settings, so that the server caches the plans a user's search will use
        assertThat(jdbc.ran.get(0).sql()).isEqualTo(NARROWED);
        assertThat(windows(jdbc.ran.get(1))).isTrue();
        assertThat(jdbc.ran.get(1).values()).containsExactly(SCHOOLS, "%warm%", 25, 26, 24);
        assertThat(jdbc.ran.get(2).sql()).contains("(x.\"owner\" = ?)").doesNotContain("unnest");
        // the windows' ends would send a user's search on: the warm-up runs the rest whatever they gave
        assertThat(fetch(jdbc.ran.get(3))).isTrue();
        assertThat(jdbc.ran.get(3).values()).containsExactly(List.of(0L));
        assertThat(jdbc.ran.get(4).sql()).contains("support_search_keys").contains("cross join lateral");
        assertThat(jdbc.ran.get(4).values().subList(0, 3)).containsExactly(SCHOOLS, "warm", "warm");
        assertThat(jdbc.ran.get(5).sql()).contains("= ks0.school").doesNotContain("support_search_keys");
        assertThat(jdbc.ran.get(5).values().subList(0, 2)).containsExactly(SCHOOLS, "wa");
        assertThat(jdbc.ran.get(6).sql()).contains("kt.\"id\" = any(?::bigint[])");
        assertThat(jdbc.ran.get(6).values().subList(0, 3)).containsExactly(SCHOOLS, "100", List.of(100L));

        FakeJdbc failing = new FakeJdbc(r -> List.of());
        org.mockito.Mockito.doAnswer(inv -> {
                    throw new SQLException("canceling statement due to statement timeout", "57014");
                })
                .when(failing.connection)
                .prepareStatement(org.mockito.ArgumentMatchers.anyString());
        assertThatThrownBy(() -> search.warmUp(failing.connection, admin().scopes(), newest(26)))
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("warm up the search: canceling statement")
                .hasCauseInstanceOf(SQLException.class);
    }

    @Test
    void aFailingStatementIsADataAccessExceptionNamingTheSearch() throws SQLException {
        FakeJdbc failing = new FakeJdbc(r -> List.of());
        org.mockito.Mockito.doAnswer(inv -> {
                    throw new SQLException("terminating connection", "57P01");
                })
                .when(failing.connection)
                .prepareStatement(org.mockito.ArgumentMatchers.anyString());
        assertThatThrownBy(() -> search.page(failing.connection, admin("page"), newest(3)))
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("search tickets: terminating connection")
                .hasCauseInstanceOf(SQLException.class);
    }
}

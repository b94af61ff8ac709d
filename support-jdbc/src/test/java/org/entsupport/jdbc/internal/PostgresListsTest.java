package org.entsupport.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.entsupport.core.model.SortDirection;
import org.entsupport.core.model.TicketSort;
import org.entsupport.core.model.TicketStatus;
import org.entsupport.core.spi.Keyset;
import org.entsupport.core.spi.PageRequest;
import org.entsupport.core.spi.TicketFilter;
import org.entsupport.core.spi.TicketScope;
import org.entsupport.jdbc.Database;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * The statements of {@link PostgresLists}: their text depends on the filter's shape only, their parameters come in
 * the order of their markers, and rows are read in the order of {@link JdbcTicketStore#TICKET_COLUMNS}. What they
 * return is checked on PostgreSQL by the contract suites ({@code PostgresContractIT}, {@code
 * PostgresHostilePagingIT}).
 */
class PostgresListsTest {

    private static final PostgresLists LISTS = new PostgresLists(
            DSL.using(SQLDialect.POSTGRES, JdbcTicketStore.settings(Database.POSTGRESQL, "tenant_a")));

    private static final PageRequest FIRST = new PageRequest(TicketSort.MODIFIED, SortDirection.DESC, null, 26);

    private static TicketFilter admin(Set<String> schools, Set<TicketStatus> statuses) {
        return new TicketFilter(
                List.of(new TicketScope(schools, null, null), new TicketScope(null, "u-admin", null)),
                statuses,
                List.of());
    }

    private static int markers(String sql) {
        return (int) sql.chars().filter(c -> c == '?').count();
    }

    @Test
    void rowsAreReadInTheOrderOfTheStoresTicketColumns() {
        assertThat(JdbcTicketStore.TICKET_COLUMNS.stream().map(Field::getName).toList())
                .isEqualTo(PostgresLists.READ_ORDER);
    }

    @Test
    void theTextDependsOnTheShapeOnlyAndEveryMarkerHasItsValue() {
        var two = LISTS.statement(admin(Set.of("s2", "s1"), Set.of()), FIRST, false);
        var five = LISTS.statement(admin(Set.of("s1", "s2", "s3", "s4", "s5"), Set.of()), FIRST, false);

        assertThat(five.text()).isEqualTo(two.text());
        assertThat(two.joined()).isTrue();
        assertThat(two.text())
                .startsWith("select t.\"id\", t.\"owner\"")
                .contains("from \"tenant_a\".\"support_tickets\" t join (")
                .contains("from unnest(?::varchar[]) s0(school) cross join lateral (")
                .contains("union all")
                .contains("not ((x.\"school\" = any (?::varchar[])))")
                .doesNotContain("search_text");
        assertThat(markers(two.text())).isEqualTo(two.values().size());
        // schools (sorted), first range's limit, owner, excluded schools, second range's limit, page limit
        assertThat(two.values()).hasSize(6);
        assertThat(two.values().get(1)).isEqualTo(26);
        assertThat(two.values().get(2)).isEqualTo("u-admin");
        assertThat(two.values().get(5)).isEqualTo(26);
    }

    @Test
    void statusesAreOneRangePerSchoolAndStatusWhenSplitElseACondition() {
        Set<TicketStatus> open = EnumSet.of(TicketStatus.NEW, TicketStatus.OPENED);
        var split = LISTS.statement(admin(Set.of("s1"), open), FIRST, true);
        var condition = LISTS.statement(admin(Set.of("s1"), open), FIRST, false);

        assertThat(split.text())
                .contains("cross join unnest(?::smallint[]) st0(status)")
                .contains("x.\"status\" = st0.status");
        // the owner's range keeps the statuses as a condition
        assertThat(split.text().split("= any \\(\\?::smallint\\[]\\)", -1)).hasSize(2);
        assertThat(condition.text()).doesNotContain("st0").contains("x.\"status\" = any (?::smallint[])");
        assertThat(markers(split.text())).isEqualTo(split.values().size());
        assertThat(markers(condition.text())).isEqualTo(condition.values().size());
    }

    @Test
    void aScopeOfOneOwnerIsOneRangeReadWhole() {
        var own = LISTS.statement(
                new TicketFilter(List.of(new TicketScope(null, "u-1", null)), Set.of(), List.of()), FIRST, false);

        assertThat(own.joined()).isFalse();
        assertThat(own.text())
                .startsWith("select x.\"id\", x.\"owner\"")
                .contains("where (x.\"owner\" = ?) order by x.\"modified\" desc, x.\"id\" desc limit ?")
                .doesNotContain("union")
                .doesNotContain("lateral");
        assertThat(own.values()).containsExactly("u-1", 26);
    }

    @Test
    void aCursorIsARowComparisonInTheDirectionOfTheSort() {
        Instant at = Instant.parse("2026-01-02T03:04:05Z");
        var desc = LISTS.statement(
                admin(Set.of("s1"), Set.of()),
                new PageRequest(TicketSort.MODIFIED, SortDirection.DESC, new Keyset(TicketSort.MODIFIED, at, 42), 26),
                false);
        var asc = LISTS.statement(
                admin(Set.of("s1"), Set.of()),
                new PageRequest(TicketSort.SUBJECT, SortDirection.ASC, new Keyset(TicketSort.SUBJECT, "b", 7), 26),
                false);
        var byId = LISTS.statement(
                admin(Set.of("s1"), Set.of()),
                new PageRequest(TicketSort.ID, SortDirection.DESC, new Keyset(TicketSort.ID, 9L, 9), 26),
                false);

        assertThat(desc.text())
                .contains("and (x.\"modified\", x.\"id\") < (?::timestamptz, ?)")
                .contains("order by u.k desc, u.id desc");
        assertThat(desc.values()).contains(at.atOffset(ZoneOffset.UTC), 42L);
        assertThat(asc.text())
                .contains("and ((x.\"subject\" collate \"C\"), x.\"id\") > (?::varchar collate \"C\", ?)")
                .contains("order by (x.\"subject\" collate \"C\") asc, x.\"id\" asc");
        assertThat(byId.text()).contains("and x.\"id\" < ?").doesNotContain("timestamptz");
        for (var s : List.of(desc, asc, byId)) {
            assertThat(markers(s.text())).isEqualTo(s.values().size());
        }
    }
}

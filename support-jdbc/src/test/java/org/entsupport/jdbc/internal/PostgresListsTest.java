package org.entsupport.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
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
import org.entsupport.jdbc.Database;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/**
 * The statements of {@link PostgresLists}: their text depends on the filter's shape only, their parameters come in
 * the order of their markers, and rows are read in the order of {@link JdbcTicketStore#TICKET_COLUMNS}. What they
 * return is checked on PostgreSQL by the contract suites ({@code PostgresContractIT}, {@code
 * PostgresHostilePagingIT}).
 */
class PostgresListsTest {

    /** Made for each test (not in a static initializer), so that mutants of the constructor's rendering are run. */
    private final PostgresLists lists = new PostgresLists(
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
        var two = lists.statement(admin(Set.of("s2", "s1"), Set.of()), FIRST, false);
        var five = lists.statement(admin(Set.of("s1", "s2", "s3", "s4", "s5"), Set.of()), FIRST, false);

        assertThat(five.text()).isEqualTo(two.text());
        assertThat(two.joined()).isTrue();
        assertThat(two.text())
                .startsWith("select t.\"id\", t.\"owner\"")
                .contains("from \"tenant_a\".\"support_tickets\" t join (")
                .contains("from unnest(?::varchar[]) s0(school) cross join lateral (")
                .contains(") b0 union all select * from (select x.\"id\" as id, x.\"modified\" as k from")
                .contains("join (select u.id from (select * from (select r0.id, r0.k from unnest(")
                .endsWith(") top on t.\"id\" = top.id")
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
        var split = lists.statement(admin(Set.of("s1"), open), FIRST, true);
        var condition = lists.statement(admin(Set.of("s1"), open), FIRST, false);

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
        var own = lists.statement(
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
        var desc = lists.statement(
                admin(Set.of("s1"), Set.of()),
                new PageRequest(TicketSort.MODIFIED, SortDirection.DESC, new Keyset(TicketSort.MODIFIED, at, 42), 26),
                false);
        var asc = lists.statement(
                admin(Set.of("s1"), Set.of()),
                new PageRequest(TicketSort.SUBJECT, SortDirection.ASC, new Keyset(TicketSort.SUBJECT, "b", 7), 26),
                false);
        var byId = lists.statement(
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

    private static final OffsetDateTime T0 = OffsetDateTime.parse("2026-03-01T08:00:00Z");

    /** One owner's tickets: one range, read whole. */
    private static final TicketFilter OWN =
            new TicketFilter(List.of(new TicketScope(null, "u-1", null)), Set.of(), List.of());

    /** A connection whose every statement is {@code st}, whose query answers {@code rows}. */
    private static Connection answering(PreparedStatement st, ResultSet rows) throws SQLException {
        Connection connection = mock(Connection.class);
        when(connection.prepareStatement(anyString())).thenReturn(st);
        when(st.executeQuery()).thenReturn(rows);
        return connection;
    }

    /** Stubs two rows: ticket 1 (modified at T0 + 1 h, escalated) then ticket 2 (T0 + 2 h, not escalated). */
    private static ResultSet twoRows() throws SQLException {
        ResultSet rs = mock(ResultSet.class);
        when(rs.next()).thenReturn(true, true, false);
        when(rs.getLong(1)).thenReturn(1L, 2L);
        when(rs.getString(2)).thenReturn("u-1", "u-2");
        when(rs.getString(3)).thenReturn("Ann", "Bob");
        when(rs.getString(4)).thenReturn("s1", "s2");
        when(rs.getString(5)).thenReturn("/blog", "/mail");
        when(rs.getString(6)).thenReturn("Sujet 1", "Sujet 2");
        when(rs.getString(7)).thenReturn("Texte 1", "Texte 2");
        when(rs.getShort(8)).thenReturn((short) 2, (short) 5);
        when(rs.getShort(9)).thenReturn((short) 3, (short) 1);
        when(rs.getObject(10, OffsetDateTime.class)).thenReturn(T0, T0.plusMinutes(1));
        when(rs.getObject(11, OffsetDateTime.class)).thenReturn(T0.plusHours(1), T0.plusHours(2));
        when(rs.getObject(12, OffsetDateTime.class)).thenReturn(T0.plusMinutes(30), T0.plusMinutes(31));
        when(rs.getLong(13)).thenReturn(4L, 1L);
        when(rs.getString(14)).thenReturn("fr", "en");
        when(rs.getInt(15)).thenReturn(3, 0);
        when(rs.getInt(16)).thenReturn(1, 0);
        when(rs.getString(18)).thenReturn("u-ref", null);
        when(rs.getObject(19, OffsetDateTime.class)).thenReturn(T0.plusMinutes(50), null);
        when(rs.getString(20)).thenReturn("redmine", null);
        when(rs.getString(21)).thenReturn("42", null);
        when(rs.getString(22)).thenReturn("https://desk/42", null);
        when(rs.getObject(23, OffsetDateTime.class)).thenReturn(T0.plusMinutes(55), null);
        when(rs.getString(24)).thenReturn("timeout", null);
        when(rs.getString(25)).thenReturn("Nouveau", null);
        when(rs.getString(26)).thenReturn("<p>Texte 1</p>", null);
        return rs;
    }

    @Test
    void aPageBindsEachValueByTypeAndReadsEveryColumnIntoTickets() throws SQLException {
        Connection connection = mock(Connection.class);
        PreparedStatement set = mock(PreparedStatement.class);
        PreparedStatement select = mock(PreparedStatement.class);
        Array schools = mock(Array.class);
        Array statuses = mock(Array.class);
        ResultSet rows = twoRows();
        when(connection.prepareStatement(anyString()))
                .thenAnswer(inv -> ((String) inv.getArgument(0)).startsWith("SET LOCAL") ? set : select);
        when(connection.createArrayOf(eq("varchar"), any())).thenReturn(schools);
        when(connection.createArrayOf(eq("int2"), any())).thenReturn(statuses);
        when(select.executeQuery()).thenReturn(rows);
        Instant at = Instant.parse("2026-01-02T03:04:05Z");
        PageRequest page =
                new PageRequest(TicketSort.MODIFIED, SortDirection.DESC, new Keyset(TicketSort.MODIFIED, at, 42), 26);

        List<Ticket> tickets = lists.list(
                connection, admin(Set.of("s2", "s1"), EnumSet.of(TicketStatus.NEW, TicketStatus.OPENED)), page, true);

        InOrder order = inOrder(set, select);
        order.verify(set).execute();
        order.verify(select).executeQuery();
        verify(connection).prepareStatement("SET LOCAL plan_cache_mode = force_generic_plan");
        verify(connection, org.mockito.Mockito.times(2)).createArrayOf("varchar", new Object[] {"s1", "s2"});
        verify(connection, org.mockito.Mockito.times(2)).createArrayOf("int2", new Object[] {(short) 1, (short) 2});
        // schools, statuses, cursor (time, id), first limit; owner, excluded schools, statuses, cursor, limit; limit
        verify(select).setArray(1, schools);
        verify(select).setArray(2, statuses);
        verify(select).setObject(3, at.atOffset(ZoneOffset.UTC));
        verify(select).setLong(4, 42L);
        verify(select).setInt(5, 26);
        verify(select).setString(6, "u-admin");
        verify(select).setArray(7, schools);
        verify(select).setArray(8, statuses);
        verify(select).setObject(9, at.atOffset(ZoneOffset.UTC));
        verify(select).setLong(10, 42L);
        verify(select).setInt(11, 26);
        verify(select).setInt(12, 26);

        // joined on the ids, so sorted here: newest first
        assertThat(tickets).extracting(Ticket::id).containsExactly(2L, 1L);
        Ticket second = tickets.get(1);
        assertThat(second)
                .isEqualTo(new Ticket(
                        1L,
                        "u-1",
                        "Ann",
                        "s1",
                        "/blog",
                        "Sujet 1",
                        "Texte 1",
                        TicketStatus.OPENED,
                        EscalationStatus.SUCCESSFUL,
                        T0.toInstant(),
                        T0.plusHours(1).toInstant(),
                        T0.plusMinutes(30).toInstant(),
                        4L,
                        "fr",
                        3,
                        1,
                        new Escalation(
                                "u-ref",
                                T0.plusMinutes(50).toInstant(),
                                "redmine",
                                "42",
                                "https://desk/42",
                                T0.plusMinutes(55).toInstant(),
                                "timeout",
                                "Nouveau"),
                        "<p>Texte 1</p>"));
        Ticket first = tickets.get(0);
        assertThat(first.status()).isEqualTo(TicketStatus.WAITING);
        assertThat(first.escalationStatus()).isEqualTo(EscalationStatus.NOT_DONE);
        assertThat(first.escalation()).isNull();
        assertThat(first.descriptionHtml()).isNull();
        assertThat(first.created()).isEqualTo(T0.plusMinutes(1).toInstant());
    }

    @Test
    void aSingleRangeKeepsTheDatabasesOrder() throws SQLException {
        PreparedStatement st = mock(PreparedStatement.class);
        Connection connection = answering(st, twoRows());

        List<Ticket> tickets = lists.list(
                connection,
                OWN,
                new PageRequest(TicketSort.ID, SortDirection.DESC, new Keyset(TicketSort.ID, 9L, 9), 26),
                false);

        assertThat(tickets).extracting(Ticket::id).containsExactly(1L, 2L);
        verify(st).setString(1, "u-1");
        verify(st).setLong(2, 9L);
        verify(st).setInt(3, 26);
    }

    @Test
    void aStatusAndASubjectCursorAreBoundAsTheirTypes() throws SQLException {
        PreparedStatement st = mock(PreparedStatement.class);
        Connection connection = answering(st, mock(ResultSet.class));
        TicketFilter own = OWN;

        assertThat(lists.list(
                        connection,
                        own,
                        new PageRequest(
                                TicketSort.STATUS,
                                SortDirection.ASC,
                                new Keyset(TicketSort.STATUS, TicketStatus.RESOLVED, 5),
                                10),
                        false))
                .isEmpty();
        verify(st).setShort(2, (short) 3);
        verify(st).setLong(3, 5L);

        lists.list(
                connection,
                own,
                new PageRequest(TicketSort.SUBJECT, SortDirection.ASC, new Keyset(TicketSort.SUBJECT, "b", 7), 10),
                false);
        verify(st).setString(2, "b");
        verify(st).setLong(3, 7L);
    }

    @Test
    void aFailingStatementIsADataAccessExceptionWithTheDatabasesMessage() throws SQLException {
        Connection connection = mock(Connection.class);
        PreparedStatement set = mock(PreparedStatement.class);
        when(connection.prepareStatement(anyString())).thenReturn(set);
        when(set.execute()).thenThrow(new SQLException("terminating connection", "57P01"));

        assertThatThrownBy(() -> lists.list(connection, OWN, FIRST, false))
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("list tickets: terminating connection")
                .hasCauseInstanceOf(SQLException.class);
    }

    @Test
    void aNullTimeInARequiredColumnIsAnError() throws SQLException {
        ResultSet rs = mock(ResultSet.class);
        Connection connection = answering(mock(PreparedStatement.class), rs);
        when(rs.next()).thenReturn(true, false);
        when(rs.getShort(8)).thenReturn((short) 1);
        when(rs.getShort(9)).thenReturn((short) 1);

        assertThatThrownBy(() -> lists.list(connection, OWN, FIRST, false))
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("column 10 of a ticket is null");
    }
}

package org.entsupport.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.entsupport.jdbc.Database;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/**
 * The count upsert of {@link CreateStatements} as each database receives it (the contract suites run it on
 * PostgreSQL and MariaDB; the build's unit tests and mutation runs use H2, which has none).
 */
class CreateStatementsTest {

    private static CreateStatements statements(SQLDialect dialect, Database database) {
        return new CreateStatements(DSL.using(dialect, JdbcTicketStore.settings(database, "tenant_a")), database);
    }

    /** The SQL the upsert prepared on a mock connection, after checking what it bound and ran. */
    private static String upsert(CreateStatements statements) throws SQLException {
        Connection connection = mock(Connection.class);
        PreparedStatement st = mock(PreparedStatement.class);
        StringBuilder sql = new StringBuilder();
        when(connection.prepareStatement(anyString())).thenAnswer(inv -> {
            sql.append((String) inv.getArgument(0));
            return st;
        });

        statements.addToCount(connection, "school-1", (short) 3);

        InOrder order = inOrder(st);
        order.verify(st).setString(1, "school-1");
        order.verify(st).setShort(2, (short) 3);
        order.verify(st).executeUpdate();
        order.verify(st).close();
        return sql.toString();
    }

    @Test
    void postgresqlCountsWithOneInsertOnConflictInTheStoresSchema() throws SQLException {
        CreateStatements pg = statements(SQLDialect.POSTGRES, Database.POSTGRESQL);

        assertThat(pg.upserts()).isTrue();
        assertThat(upsert(pg))
                .isEqualTo("insert into \"tenant_a\".\"support_ticket_counts\" (\"school\", \"status\", \"n\")"
                        + " values (?, ?, 1) on conflict (\"school\", \"status\") do update set \"n\" ="
                        + " \"tenant_a\".\"support_ticket_counts\".\"n\" + 1");
    }

    @Test
    void mariadbCountsWithOneInsertOnDuplicateKey() throws SQLException {
        CreateStatements maria = statements(SQLDialect.MARIADB, Database.MARIADB);

        assertThat(maria.upserts()).isTrue();
        assertThat(upsert(maria))
                .isEqualTo("insert into `tenant_a`.`support_ticket_counts` (`school`, `status`, `n`)"
                        + " values (?, ?, 1) on duplicate key update `n` = `n` + 1");
    }

    @Test
    void h2HasNoUpsertAndSaysSo() {
        CreateStatements h2 = statements(SQLDialect.H2, Database.H2);

        assertThat(h2.upserts()).isFalse();
        assertThatThrownBy(() -> h2.addToCount(mock(Connection.class), "school-1", (short) 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no atomic upsert");
    }

    @Test
    void aRefusedUpsertIsThrownAsJooqsExceptionWithTheDriversCause() throws SQLException {
        Connection connection = mock(Connection.class);
        SQLException refused = new SQLException("check constraint", "23514");
        when(connection.prepareStatement(anyString())).thenThrow(refused);

        assertThatThrownBy(() -> statements(SQLDialect.POSTGRES, Database.POSTGRESQL)
                        .addToCount(connection, "school-1", (short) 9))
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("count a ticket")
                .hasCause(refused);
    }
}

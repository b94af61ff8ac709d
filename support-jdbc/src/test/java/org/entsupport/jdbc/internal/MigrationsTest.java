package org.entsupport.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.entsupport.jdbc.Database;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class MigrationsTest {

    @Test
    void migratesAFreshSchemaWithItsJavaMigrationsThenFindsItUpToDate() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:migrations-" + System.nanoTime()
                + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");

        assertThat(Migrations.migrate(ds, Database.H2, "lib")).isEqualTo("10");
        assertThat(Migrations.migrate(ds, Database.H2, "lib")).as("up to date").isEqualTo("10");

        try (Connection c = ds.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT version FROM lib." + Migrations.HISTORY_TABLE
                        + " WHERE type = 'JDBC' ORDER BY installed_rank")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("1.1");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("4.1");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("10");
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void quotesAnIdentifierDoublingItsQuotes() {
        assertThat(V1_1__SortAndSearchIndexes.quote("public")).isEqualTo("\"public\"");
        assertThat(V1_1__SortAndSearchIndexes.quote("a\"b")).isEqualTo("\"a\"\"b\"");
    }
}

package org.entsupport.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** {@link DatabaseLargeFileStreaming} on PostgreSQL, in a schema of its own dropped afterwards. */
class PostgresLargeFileStreamingIT extends DatabaseLargeFileStreaming {

    @Override
    protected String url() {
        return TestDatabase.postgresUrl();
    }

    @Override
    protected void drop(String schema) throws SQLException {
        try (Connection c = connect();
                Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
        }
    }
}

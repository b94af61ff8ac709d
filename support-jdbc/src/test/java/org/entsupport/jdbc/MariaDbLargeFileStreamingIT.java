package org.entsupport.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** {@link DatabaseLargeFileStreaming} on MariaDB, in a database of its own dropped afterwards. */
class MariaDbLargeFileStreamingIT extends DatabaseLargeFileStreaming {

    @Override
    protected String url() {
        return TestDatabase.mariadbUrl();
    }

    @Override
    protected String qualified(String schema, String table) {
        return "`" + schema + "`." + table;
    }

    @Override
    protected void drop(String schema) throws SQLException {
        try (Connection c = connect();
                Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS `" + schema + "`");
        }
    }
}

package org.entsupport.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link JdbcStoreBehaviour} on PostgreSQL: the victim's backend is terminated from another session. */
class PostgresBehaviourIT extends JdbcStoreBehaviour {

    private static TestDatabase db;

    @BeforeAll
    static void start() {
        db = TestDatabase.postgres();
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @Override
    protected TestDatabase db() {
        return db;
    }

    @Override
    protected void kill(Connection victim) throws SQLException {
        long pid;
        try (Statement st = victim.createStatement();
                ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            pid = rs.getLong(1);
        }
        db.execute("SELECT pg_terminate_backend(" + pid + ")");
    }

    @Override
    protected String createdAsUtcText(String table) {
        return "SELECT to_char(created AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') FROM " + table + " WHERE id = ?";
    }
}

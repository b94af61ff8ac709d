package org.entsupport.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link JdbcStoreBehaviour} on MariaDB: the victim's connection is killed from another session. */
class MariaDbBehaviourIT extends JdbcStoreBehaviour {

    private static TestDatabase db;

    @BeforeAll
    static void start() {
        db = TestDatabase.mariadb();
    }

    @AfterAll
    static void stop() {
        if (db != null) {
            db.close();
        }
    }

    @Override
    protected TestDatabase db() {
        return db;
    }

    @Override
    protected void kill(Connection victim) throws SQLException {
        long id;
        try (Statement st = victim.createStatement();
                ResultSet rs = st.executeQuery("SELECT CONNECTION_ID()")) {
            rs.next();
            id = rs.getLong(1);
        }
        db.execute("KILL " + id);
    }

    @Override
    protected String createdAsUtcText(String table) {
        // DATETIME(6) holds the UTC wall-clock time, with no zone
        return "SELECT DATE_FORMAT(created, '%Y-%m-%d %H:%i:%s.%f') FROM " + table + " WHERE id = ?";
    }
}

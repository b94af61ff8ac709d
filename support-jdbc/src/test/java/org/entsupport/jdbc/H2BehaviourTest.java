package org.entsupport.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link JdbcStoreBehaviour} on embedded H2. */
class H2BehaviourTest extends JdbcStoreBehaviour {

    private static TestDatabase db;

    @BeforeAll
    static void start() {
        db = TestDatabase.h2();
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
        victim.close();
    }

    @Override
    protected String createdAsUtcText(String table) {
        return "SELECT FORMATDATETIME(created, 'yyyy-MM-dd HH:mm:ss.SSSSSS', 'en', 'UTC') FROM " + table
                + " WHERE id = ?";
    }
}

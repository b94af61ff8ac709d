package org.entsupport.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * {@link ConnectionCutBehaviour} on PostgreSQL: the pool's connections carry an application name of their own,
 * and {@code pg_terminate_backend} ends them (SQL state 57P01 on the client).
 */
class PostgresConnectionCutIT extends ConnectionCutBehaviour {

    private final String url = TestDatabase.postgresUrl();
    private final String schema = TestDatabase.uniqueName();
    private final String application = "support_cut_" + schema.substring("support_it_".length());

    @Override
    protected SupportJdbc openPool() {
        String pooled = url + (url.contains("?") ? "&" : "?") + "ApplicationName=" + application;
        return SupportJdbc.builder().jdbcUrl(pooled).poolSize(6).schema(schema).build();
    }

    @Override
    protected Connection admin() throws SQLException {
        return connect(url);
    }

    @Override
    protected int cut(Connection admin) throws SQLException {
        int n = 0;
        try (PreparedStatement st = admin.prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                + " WHERE application_name = ? AND pid <> pg_backend_pid()")) {
            st.setString(1, application);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    if (rs.getBoolean(1)) {
                        n++;
                    }
                }
            }
        }
        return n;
    }

    @Override
    protected String table(String name) {
        return "\"" + schema + "\"." + name;
    }

    @Override
    protected void drop(Connection admin) throws SQLException {
        try (Statement st = admin.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
        }
    }
}

package org.entsupport.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link ConnectionCutBehaviour} on MariaDB: the pool connects to a database of its own (created first), so its
 * connections are those of the process list in that database, and {@code KILL CONNECTION} ends them.
 */
class MariaDbConnectionCutIT extends ConnectionCutBehaviour {

    private static final Pattern URL = Pattern.compile("(jdbc:mariadb://[^/?]+)/?([^?]*)(\\?.*)?");

    private final String url = TestDatabase.mariadbUrl();
    private final String schema = TestDatabase.uniqueName();

    @Override
    protected SupportJdbc openPool() {
        try (Connection admin = admin();
                Statement st = admin.createStatement()) {
            st.execute("CREATE DATABASE `" + schema + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        Matcher m = URL.matcher(url);
        if (!m.matches()) {
            throw new IllegalStateException("not a MariaDB URL: " + url);
        }
        String pooled = m.group(1) + "/" + schema + (m.group(3) == null ? "" : m.group(3));
        return SupportJdbc.builder().jdbcUrl(pooled).poolSize(6).schema(schema).build();
    }

    @Override
    protected Connection admin() throws SQLException {
        return connect(url);
    }

    @Override
    protected int cut(Connection admin) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement st = admin.prepareStatement(
                "SELECT ID FROM information_schema.processlist WHERE DB = ? AND ID <> CONNECTION_ID()")) {
            st.setString(1, schema);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        int n = 0;
        for (long id : ids) {
            try (Statement st = admin.createStatement()) {
                st.execute("KILL CONNECTION " + id);
                n++;
            } catch (SQLException e) {
                // 1094: the connection ended meanwhile
                if (e.getErrorCode() != 1094) {
                    throw e;
                }
            }
        }
        return n;
    }

    @Override
    protected String table(String name) {
        return "`" + schema + "`." + name;
    }

    @Override
    protected void drop(Connection admin) throws SQLException {
        try (Statement st = admin.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS `" + schema + "`");
        }
    }
}

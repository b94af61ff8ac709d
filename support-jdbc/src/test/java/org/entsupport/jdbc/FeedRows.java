package org.entsupport.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Reads {@code support_feed} with plain JDBC, apart from the code under test. */
final class FeedRows {

    private FeedRows() {}

    /** The notification id of every row of the feed table, one per (recipient, notification). */
    static List<UUID> notificationIds(TestDatabase db) {
        List<UUID> ids = new ArrayList<>();
        try (Connection c = db.jdbc.dataSource().getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT notification_id FROM " + db.table("support_feed"))) {
            while (rs.next()) {
                ids.add(UUID.fromString(rs.getString(1)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read " + db.table("support_feed") + ": " + e.getMessage(), e);
        }
        return ids;
    }
}

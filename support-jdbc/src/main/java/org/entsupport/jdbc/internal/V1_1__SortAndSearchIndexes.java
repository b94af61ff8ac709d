package org.entsupport.jdbc.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import org.entsupport.jdbc.Database;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schema version 1.1 on PostgreSQL and H2 (MariaDB has {@code db/migration/mariadb/V1_1__*.sql}):
 * the indexes whose spelling differs between the two.
 *
 * <ul>
 * <li>Sort by subject: PostgreSQL orders by code point only under {@code COLLATE "C"}, which H2
 *     cannot parse; H2 compares strings as Java does.</li>
 * <li>Text search on PostgreSQL: a trigram GIN index on {@code search_text}, which answers
 *     {@code LIKE '%word%'}. It needs the {@code pg_trgm} extension: used where it is installed,
 *     created (in schema {@code public}) where it is available and the user may, otherwise left out
 *     with a warning (search then reads the rows of the listed schools).</li>
 * </ul>
 */
public final class V1_1__SortAndSearchIndexes extends BaseJavaMigration {

    private static final Logger LOG = LoggerFactory.getLogger(V1_1__SortAndSearchIndexes.class);

    /** Created by {@link org.entsupport.jdbc.SupportJdbc} for PostgreSQL and H2. */
    public V1_1__SortAndSearchIndexes() {}

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        Database database = Database.ofProductName(c.getMetaData().getDatabaseProductName());
        try (Statement st = c.createStatement()) {
            if (database == Database.H2) {
                st.execute("CREATE INDEX support_tickets_school_subject_ix ON support_tickets (school, subject, id)");
                return;
            }
            st.execute("CREATE INDEX support_tickets_school_subject_ix"
                    + " ON support_tickets (school, subject COLLATE \"C\", id)");
            String trgm = trigramSchema(c);
            if (trgm == null) {
                LOG.warn("pg_trgm is not installed and could not be created: text search on support_tickets"
                        + " has no index and reads the rows of the listed schools. Ask the DBA for"
                        + " CREATE EXTENSION pg_trgm, then create the index support_tickets_school_search_ix"
                        + " (see V4_1__SchoolSearchIndex, which replaced support_tickets_search_ix).");
                return;
            }
            st.execute("CREATE INDEX support_tickets_search_ix ON support_tickets USING gin (search_text " + quote(trgm)
                    + ".gin_trgm_ops)");
        }
    }

    /** The schema of pg_trgm, installing it if need be; {@code null} when it cannot be had. */
    static @Nullable String trigramSchema(Connection c) throws SQLException {
        String schema = installedIn(c);
        if (schema != null) {
            return schema;
        }
        Savepoint savepoint = c.setSavepoint();
        try (Statement st = c.createStatement()) {
            st.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public");
            c.releaseSavepoint(savepoint);
            LOG.info("created the PostgreSQL extension pg_trgm in schema public (for text search)");
        } catch (SQLException e) {
            c.rollback(savepoint);
            LOG.debug("CREATE EXTENSION pg_trgm failed: {}", e.getMessage());
        }
        // also covers another node having created it at the same moment
        return installedIn(c);
    }

    private static @Nullable String installedIn(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT n.nspname FROM pg_extension e"
                        + " JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}

package org.entsupport.jdbc.internal;

import java.sql.Connection;
import java.sql.Statement;
import org.entsupport.jdbc.Database;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schema version 4.1 on PostgreSQL and H2 (MariaDB has {@code db/migration/mariadb/V4_1__*.sql}, which
 * changes nothing): text search restricted to schools in one index scan.
 *
 * <p>The trigram index of version 1.1 finds every ticket that contains a word, in any school; a local
 * admin's search then read (and threw away) the rows of the other 480 schools. This migration
 * replaces it with a two-column GIN index: {@code ARRAY[school::text]} (the built-in array operator
 * class, so {@code ARRAY[school::text] && :schools} is one scan over the listed schools' posting
 * lists) and {@code search_text gin_trgm_ops}. GIN intersects the two columns' posting lists before
 * reading any row. Searches that name no school (platform admins) use its second column alone, as
 * they used the old index. Nothing on H2; on PostgreSQL without {@code pg_trgm} nothing either (the
 * warning of version 1.1 still applies).
 */
public final class V4_1__SchoolSearchIndex extends BaseJavaMigration {

    private static final Logger LOG = LoggerFactory.getLogger(V4_1__SchoolSearchIndex.class);

    /** Created by {@link Migrations} for PostgreSQL and H2. */
    public V4_1__SchoolSearchIndex() {}

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        Database database = Database.ofProductName(c.getMetaData().getDatabaseProductName());
        if (database == Database.H2) {
            return;
        }
        String trgm = V1_1__SortAndSearchIndexes.trigramSchema(c);
        if (trgm == null) {
            LOG.warn("pg_trgm is not installed and could not be created: text search on support_tickets"
                    + " has no index. Ask the DBA for CREATE EXTENSION pg_trgm, then create the index"
                    + " support_tickets_school_search_ix (see V4_1__SchoolSearchIndex).");
            return;
        }
        try (Statement st = c.createStatement()) {
            st.execute("DROP INDEX IF EXISTS support_tickets_search_ix");
            st.execute("CREATE INDEX support_tickets_school_search_ix ON support_tickets USING gin"
                    + " ((ARRAY[school::text]), search_text " + V1_1__SortAndSearchIndexes.quote(trgm)
                    + ".gin_trgm_ops)");
        }
    }
}

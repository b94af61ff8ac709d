package org.entsupport.jdbc.internal;

import java.sql.Connection;
import java.sql.Statement;
import org.entsupport.jdbc.Database;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Schema version 10 on PostgreSQL and H2 (MariaDB has {@code db/migration/mariadb/V10__*.sql}, which
 * changes nothing): an index that finds a school's tickets containing a word without reading the
 * word's tickets in other schools.
 *
 * <p>The GIN index of version 4.1 keeps one posting list per school and one per trigram; a search in
 * 20 schools intersects the 20 schools' lists (40,000 tickets on a million) with the trigrams' lists
 * (each trigram of an everyday word is in a good part of all tickets), about 6 ms whatever the word.
 * This version adds {@code support_search_keys(school, search_text)}: the three-character windows of
 * the searchable text, each prefixed by the school ({@code school-0042/pri}), so a posting list holds
 * one school's tickets with one window, and a rare word's lists in a school are a few entries long.
 * Windows holding a space or a line break are left out: search words never contain one.
 *
 * <p>A word of three characters or more is in a ticket's text only if every window of the word is
 * among the text's windows, so {@code keys @> support_search_keys(school, word)} never misses a match;
 * the store keeps the exact {@code LIKE} as a filter. The function is plain SQL (no extension needed)
 * and {@code IMMUTABLE}: the index and the queries call the same one.
 */
public final class V10__SearchKeys extends BaseJavaMigration {

    /** The function's name, as {@link TicketQueries} calls it. */
    static final String FUNCTION = "support_search_keys";

    /** Created by {@link Migrations} for PostgreSQL and H2. */
    public V10__SearchKeys() {}

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        Database database = Database.ofProductName(c.getMetaData().getDatabaseProductName());
        if (database == Database.H2) {
            return;
        }
        try (Statement st = c.createStatement()) {
            // The windows as three runs of consecutive three-character chunks, from the first, second and
            // third character: time in the text's length (substr(doc, i, 3) for each i would walk the
            // text from its start each time: 0.65 s for 10,000 characters instead of 10 ms).
            st.execute("CREATE FUNCTION " + FUNCTION + "(school text, doc text) RETURNS text[]"
                    + " LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$"
                    + " SELECT array_agg(school || '/' || m[1])"
                    + " FROM generate_series(0, 2) AS k, regexp_matches(substr(doc, k + 1), '(...)', 'g') AS m"
                    + " WHERE strpos(m[1], ' ') = 0 AND strpos(m[1], chr(10)) = 0 $$");
            st.execute("CREATE INDEX support_tickets_search_keys_ix ON support_tickets USING gin (" + FUNCTION
                    + "(school, search_text))");
        }
    }
}

package org.entsupport.jdbc.internal;

import javax.sql.DataSource;
import org.entsupport.core.StoreException;
import org.entsupport.jdbc.Database;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the library's Flyway migrations, with their own history table, in the chosen schema. */
public final class Migrations {

    /** Flyway's history table for the library, apart from the host's own. */
    public static final String HISTORY_TABLE = "support_schema_history";

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    private Migrations() {}

    /**
     * Brings the schema to the latest version.
     *
     * @param dataSource where to migrate
     * @param database   which migrations to run
     * @param schema     the schema (created if missing), or {@code null} for the connection's current one
     * @return the schema version after the migration
     * @throws StoreException when a migration fails
     */
    public static String migrate(DataSource dataSource, Database database, @Nullable String schema) {
        FluentConfiguration config = Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations(database.migrationLocation())
                .table(HISTORY_TABLE)
                .validateMigrationNaming(true);
        if (database != Database.MARIADB) {
            config = config.javaMigrations(
                    new V1_1__SortAndSearchIndexes(), new V4_1__SchoolSearchIndex(), new V10__SearchKeys());
        }
        if (schema != null) {
            config = config.schemas(schema).defaultSchema(schema).createSchemas(true);
        }
        String where = schema == null ? "the current schema" : "schema " + schema;
        try {
            MigrateResult result = config.load().migrate();
            String version = result.targetSchemaVersion != null
                    ? result.targetSchemaVersion
                    : String.valueOf(result.initialSchemaVersion);
            if (result.migrationsExecuted > 0) {
                LOG.info(
                        "migrated {} on {} to version {} ({} migrations applied)",
                        where,
                        database,
                        version,
                        result.migrationsExecuted);
            } else {
                LOG.info("{} on {} is up to date at version {}", where, database, version);
            }
            return version;
        } catch (FlywayException e) {
            throw new StoreException("Could not migrate " + where + " on " + database + ": " + e.getMessage(), e);
        }
    }
}

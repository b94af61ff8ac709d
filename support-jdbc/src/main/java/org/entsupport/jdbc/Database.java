package org.entsupport.jdbc;

/** The databases the JDBC store supports, detected from the connection. */
public enum Database {
    /** H2 2.x in PostgreSQL mode (embedded; examples and tests). */
    H2("postgresql"),
    /** PostgreSQL 12 or later. */
    POSTGRESQL("postgresql"),
    /** MariaDB 10.6 or later, or MySQL 8. */
    MARIADB("mariadb");

    private final String migrationFolder;

    Database(String migrationFolder) {
        this.migrationFolder = migrationFolder;
    }

    /**
     * The Flyway location of this database's migrations, such as {@code classpath:db/migration/mariadb}.
     *
     * @return the Flyway location of this database's migrations, such as {@code classpath:db/migration/mariadb}
     */
    public String migrationLocation() {
        return "classpath:db/migration/" + migrationFolder;
    }

    /**
     * The database behind a JDBC product name, as {@link java.sql.DatabaseMetaData#getDatabaseProductName()}
     * reports it.
     *
     * @param productName the product name
     * @return the database
     * @throws IllegalArgumentException when the product is not supported
     */
    public static Database ofProductName(String productName) {
        String p = productName.toLowerCase(java.util.Locale.ROOT);
        if (p.contains("postgresql")) {
            return POSTGRESQL;
        }
        if (p.equals("h2")) {
            return H2;
        }
        if (p.contains("mariadb") || p.contains("mysql")) {
            return MARIADB;
        }
        throw new IllegalArgumentException("Unsupported database \"" + productName
                + "\": the JDBC store runs on PostgreSQL, MariaDB/MySQL and H2");
    }
}

package org.entsupport.jdbc;

/** The relay's batches on PostgreSQL. */
class PostgresRelayBatchIT extends RelayBatchBehaviour {

    @Override
    TestDatabase open() {
        return TestDatabase.postgres();
    }
}

package org.entsupport.jdbc;

/** The relay's batches on H2. */
class H2RelayBatchTest extends RelayBatchBehaviour {

    @Override
    TestDatabase open() {
        return TestDatabase.h2();
    }
}

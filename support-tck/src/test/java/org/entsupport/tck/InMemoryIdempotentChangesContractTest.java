package org.entsupport.tck;

import org.entsupport.core.memory.InMemoryTicketStore;
import org.entsupport.core.spi.TicketStore;

/** The in-memory store meets the contract of idempotency keys on changes. */
class InMemoryIdempotentChangesContractTest extends IdempotentChangesContract {

    @Override
    protected TicketStore createStore() {
        return new InMemoryTicketStore();
    }
}

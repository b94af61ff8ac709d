package org.entsupport.tck;

import org.entsupport.core.memory.InMemoryTicketStore;
import org.entsupport.core.spi.TicketStore;

/** The in-memory store's outbox meets the outbox contract. */
class InMemoryOutboxStoreContractTest extends OutboxStoreContract {

    @Override
    protected TicketStore createStore() {
        return new InMemoryTicketStore();
    }
}

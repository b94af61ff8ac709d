package org.entsupport.tck;

import org.entsupport.core.memory.InMemoryTicketStore;
import org.entsupport.core.spi.TicketStore;

/** The in-memory store meets the store contract. */
class InMemoryTicketStoreContractTest extends TicketStoreContract {

    @Override
    protected TicketStore createStore() {
        return new InMemoryTicketStore();
    }
}

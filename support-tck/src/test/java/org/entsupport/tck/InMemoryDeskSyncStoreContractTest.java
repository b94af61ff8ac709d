package org.entsupport.tck;

import org.entsupport.core.memory.InMemoryTicketStore;
import org.entsupport.core.spi.TicketStore;

/** The in-memory store's desk-synchroniser state meets its contract. */
class InMemoryDeskSyncStoreContractTest extends DeskSyncStoreContract {

    @Override
    protected TicketStore createStore() {
        return new InMemoryTicketStore();
    }
}

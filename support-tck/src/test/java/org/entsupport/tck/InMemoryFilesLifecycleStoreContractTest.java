package org.entsupport.tck;

import java.time.Clock;
import org.entsupport.core.attachment.AttachmentStore;
import org.entsupport.core.attachment.InMemoryAttachmentStore;
import org.entsupport.core.memory.InMemoryTicketStore;
import org.entsupport.core.spi.TicketStore;

/** The in-memory store's lifecycle meets the lifecycle contract, with files in memory. */
class InMemoryFilesLifecycleStoreContractTest extends LifecycleStoreContract {

    @Override
    protected TicketStore createStore() {
        return new InMemoryTicketStore();
    }

    @Override
    protected AttachmentStore createAttachmentStore(Clock clock) {
        return new InMemoryAttachmentStore(clock);
    }
}

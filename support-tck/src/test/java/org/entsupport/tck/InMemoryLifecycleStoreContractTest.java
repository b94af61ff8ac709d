package org.entsupport.tck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import org.entsupport.core.attachment.AttachmentStore;
import org.entsupport.core.attachment.FileSystemAttachmentStore;
import org.entsupport.core.memory.InMemoryTicketStore;
import org.entsupport.core.spi.TicketStore;

/** The in-memory store's lifecycle meets the lifecycle contract, with files in a directory. */
class InMemoryLifecycleStoreContractTest extends LifecycleStoreContract {

    @Override
    protected TicketStore createStore() {
        return new InMemoryTicketStore();
    }

    @Override
    protected AttachmentStore createAttachmentStore(Clock clock) {
        try {
            return new FileSystemAttachmentStore(Files.createTempDirectory("lifecycle-contract"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

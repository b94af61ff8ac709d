package org.entsupport.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.entsupport.core.NewTicket;
import org.entsupport.core.SupportSettings;
import org.entsupport.core.attachment.AttachmentContent;
import org.entsupport.core.attachment.NewFile;
import org.entsupport.core.memory.InMemoryTicketStore;
import org.entsupport.core.model.Attachment;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.spi.TicketStore;
import org.junit.jupiter.api.Test;

/** The uploads of a new request are kept exactly when its transaction commits them. */
class FilingFilesTest {

    private static NewTicket withFile(String key) {
        return NewTicket.builder()
                .school("s1")
                .category("/blog")
                .subject("Screenshot")
                .description("See the file")
                .file(NewFile.of("capture.txt", "hello".getBytes(StandardCharsets.UTF_8)))
                .idempotencyKey(key)
                .build();
    }

    @Test
    void aCommittedRequestKeepsItsFileReadable() throws Exception {
        TestContext c = new TestContext();

        Ticket t = new Filing(c.ctx).create(c.owner, withFile("k-1"));

        assertThat(c.files.size()).isEqualTo(1);
        List<Attachment> stored = c.store.inTransaction(tx -> tx.attachments(t.id()));
        assertThat(stored).hasSize(1);
        try (AttachmentContent content = new Attachments(c.ctx)
                .openAttachment(c.owner, t.id(), stored.get(0).id())) {
            assertThat(new String(content.content().readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("hello");
        }
    }

    @Test
    void aReplayOfTheSameKeyKeepsTheFirstFileOnlyAndDiscardsTheSecondUpload() {
        TestContext c = new TestContext();
        Filing filing = new Filing(c.ctx);

        Ticket first = filing.create(c.owner, withFile("k-2"));
        Ticket again = filing.create(c.owner, withFile("k-2"));

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(c.files.size()).isEqualTo(1);
    }

    @Test
    void aTransactionThatFailsLeavesNoStoredContent() {
        AtomicBoolean fail = new AtomicBoolean(true);
        InMemoryTicketStore real = new InMemoryTicketStore();
        TicketStore failing = new TicketStore() {
            @Override
            public <T> T inTransaction(TransactionWork<T> work) {
                return real.inTransaction(tx -> {
                    T result = work.run(tx);
                    if (fail.get()) {
                        throw new IllegalStateException("commit refused");
                    }
                    return result;
                });
            }

            @Override
            public org.entsupport.core.outbox.OutboxStore outbox() {
                return real.outbox();
            }

            @Override
            public org.entsupport.core.spi.DeskSyncStore deskSync() {
                return real.deskSync();
            }
        };
        TestContext c = new TestContext(failing, List.of(), List.of(), SupportSettings.defaults());

        assertThatThrownBy(() -> new Filing(c.ctx).create(c.owner, withFile("k-3")))
                .hasMessage("commit refused");
        assertThat(c.files.size()).isZero();
        Optional<Ticket> none = real.inTransaction(tx -> tx.findTicket(1));
        assertThat(none).isEmpty();
    }
}

package org.entsupport.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.entsupport.core.Samples;
import org.entsupport.core.TicketNotFoundException;
import org.entsupport.core.attachment.AttachmentContent;
import org.entsupport.core.attachment.AttachmentRefusedException;
import org.entsupport.core.model.Attachment;
import org.entsupport.core.model.EventType;
import org.entsupport.core.model.Origin;
import org.entsupport.core.model.Ticket;
import org.junit.jupiter.api.Test;

/** Files from a desk are kept like uploads: same policy, same store, served the same way. */
class DeskFilesTest {

    private final TestContext c = new TestContext();
    private final DeskFiles deskFiles = new DeskFiles(c.ctx);

    @Test
    void deskFilesGoThroughTheSamePolicyAndAreServedTheSameWay() throws IOException {
        Ticket t = c.file("Escaladé");

        Attachment a = deskFiles.importFile(
                t.id(), null, "reponse-support.pdf", new ByteArrayInputStream(Samples.pdf()), "desk:redmine");

        assertThat(a.origin()).isEqualTo(Origin.DESK);
        assertThat(a.uploader()).isEqualTo("desk:redmine");
        assertThat(c.stored(t.id()).attachmentCount()).isEqualTo(1);
        assertThat(c.stored(t.id()).version()).isEqualTo(t.version() + 1);
        assertThat(c.events(t.id())).last().satisfies(e -> {
            assertThat(e.type()).isEqualTo(EventType.ATTACHMENTS_ADDED);
            assertThat(e.parameters()).containsEntry("origin", "DESK");
        });
        try (AttachmentContent content = new Attachments(c.ctx).openAttachment(c.owner, t.id(), a.id())) {
            assertThat(content.content().readAllBytes()).isEqualTo(Samples.pdf());
        }

        Set<String> keys = c.files.keys();
        List<Attachment> before = c.store.inTransaction(tx -> tx.attachments(t.id()));
        assertThatThrownBy(() -> deskFiles.importFile(
                        t.id(), null, "page.png", new ByteArrayInputStream(Samples.html()), "desk:redmine"))
                .isInstanceOf(AttachmentRefusedException.class)
                .hasMessageContaining("page.png is not an accepted type: its content is an HTML document");
        assertThat(c.files.keys()).isEqualTo(keys);
        List<Attachment> after = c.store.inTransaction(tx -> tx.attachments(t.id()));
        assertThat(after).isEqualTo(before);
        assertThat(c.stored(t.id()).version()).isEqualTo(t.version() + 1);
    }

    @Test
    void aFileForAMissingTicketIsRefusedBeforeAnythingIsRead() {
        ByteArrayInputStream in = new ByteArrayInputStream(Samples.pdf());

        assertThatThrownBy(() -> deskFiles.importFile(404, null, "x.pdf", in, "desk:redmine"))
                .isInstanceOf(TicketNotFoundException.class)
                .hasMessageContaining("404");
        assertThat(in.available()).isEqualTo(Samples.pdf().length);
        assertThat(c.files.keys()).isEmpty();
    }
}

package org.entsupport.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import java.util.List;
import org.entsupport.core.Samples;
import org.entsupport.core.TicketNotFoundException;
import org.entsupport.core.ValidationException;
import org.entsupport.core.attachment.AttachmentNotFoundException;
import org.entsupport.core.attachment.ContentSource;
import org.entsupport.core.attachment.NewFile;
import org.entsupport.core.model.Attachment;
import org.entsupport.core.model.EventType;
import org.entsupport.core.model.Ticket;
import org.junit.jupiter.api.Test;

class AttachmentsTest {

    private final TestContext c = new TestContext();
    private final Attachments attachments = new Attachments(c.ctx);

    @Test
    void filesAreKeptRecordedAndCounted() {
        Ticket t = c.file("with files");

        List<Attachment> added = attachments.attach(c.owner, t.id(), List.of(NewFile.of("capture.png", Samples.png())));

        assertThat(added).singleElement().satisfies(a -> {
            assertThat(a.mediaType()).isEqualTo("image/png");
            assertThat(a.uploader()).isEqualTo("u-owner");
        });
        assertThat(c.files.size()).isEqualTo(1);
        assertThat(c.stored(t.id()).attachmentCount()).isEqualTo(1);
        assertThat(c.events(t.id()).get(1).type()).isEqualTo(EventType.ATTACHMENTS_ADDED);
    }

    @Test
    void nothingIsReadFromTheFilesOfAnActorWhoMayNotSeeTheTicket() {
        Ticket t = c.file("not yours");
        ContentSource source = mock(ContentSource.class);

        assertThatThrownBy(() -> attachments.attach(c.stranger, t.id(), List.of(NewFile.of("x.png", source))))
                .isInstanceOf(TicketNotFoundException.class);
        verifyNoInteractions(source);
        assertThat(c.files.size()).isZero();
    }

    @Test
    void anEmptyListIsRefusedNamingTheField() {
        Ticket t = c.file("no file");

        assertThatThrownBy(() -> attachments.attach(c.owner, t.id(), List.of()))
                .isInstanceOf(ValidationException.class)
                .hasMessage("Invalid request: attachments: at least one file is required");
    }

    @Test
    void anUnknownAttachmentIsNotFoundWithBothIds() {
        Ticket t = c.file("download");

        assertThatThrownBy(() -> attachments.openAttachment(c.owner, t.id(), 77))
                .isInstanceOfSatisfying(AttachmentNotFoundException.class, e -> {
                    assertThat(e.ticketId()).isEqualTo(t.id());
                    assertThat(e.attachmentId()).isEqualTo(77);
                });
    }
}

package org.entsupport.core.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.entsupport.core.attachment.AttachmentContent;
import org.entsupport.core.attachment.internal.AttachmentIntake;
import org.entsupport.core.desk.OutgoingAttachment;
import org.entsupport.core.model.Attachment;
import org.entsupport.core.model.Origin;
import org.entsupport.core.spi.TicketStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The local files a desk receives with an escalation or a forwarded comment. */
final class OutgoingFiles {

    private static final Logger LOG = LoggerFactory.getLogger(OutgoingFiles.class);

    private final AttachmentIntake intake;
    private final TicketStore store;
    private final String desk;

    OutgoingFiles(AttachmentIntake intake, TicketStore store, String desk) {
        this.intake = intake;
        this.store = store;
        this.desk = desk;
    }

    /** The local files of the ticket itself (no comment), as the desk receives them. */
    List<OutgoingAttachment> ofTicket(List<Attachment> files) {
        List<OutgoingAttachment> out = new ArrayList<>();
        for (Attachment a : files) {
            if (a.commentId() == null && a.origin() == Origin.LOCAL) {
                outgoing(a).ifPresent(out::add);
            }
        }
        return out;
    }

    /** The local files of one comment, as the desk receives them. */
    List<OutgoingAttachment> ofComment(List<Attachment> files, long commentId) {
        List<OutgoingAttachment> out = new ArrayList<>();
        for (Attachment a : files) {
            if (a.commentId() != null && a.commentId() == commentId && a.origin() == Origin.LOCAL) {
                outgoing(a).ifPresent(out::add);
            }
        }
        return out;
    }

    /**
     * The file as the desk receives it, when its content is in the attachment store; references to
     * files the host keeps elsewhere are left out (the desk could not read them either).
     */
    @SuppressWarnings("try") // the probe is only opened and closed
    private Optional<OutgoingAttachment> outgoing(Attachment a) {
        if (!intake.hasStore()) {
            return Optional.empty();
        }
        String key;
        try (AttachmentContent probe = intake.open(a, key = storageKey(a))) {
            // readable: hand the desk an opener that reads it again
        } catch (RuntimeException | IOException e) {
            LOG.warn(
                    "desk {}: attachment {} ({}) of ticket {} is not sent: {}",
                    desk,
                    a.id(),
                    a.fileName(),
                    a.ticketId(),
                    e.getMessage());
            return Optional.empty();
        }
        return Optional.of(OutgoingAttachment.of(
                a.fileName(), a.mediaType(), a.size(), () -> intake.open(a, key).content()));
    }

    private String storageKey(Attachment a) {
        return store.inTransaction(tx -> tx.storageKey(a.ticketId(), a.id()))
                .orElseThrow(() -> new org.entsupport.core.attachment.AttachmentNotFoundException(
                        a.ticketId(), a.id(), "the ticket no longer has this attachment"));
    }
}

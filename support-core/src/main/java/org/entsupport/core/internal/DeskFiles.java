package org.entsupport.core.internal;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.entsupport.core.TicketNotFoundException;
import org.entsupport.core.attachment.NewFile;
import org.entsupport.core.attachment.internal.AttachmentIntake;
import org.entsupport.core.attachment.internal.StagedFile;
import org.entsupport.core.model.Attachment;
import org.entsupport.core.model.EventType;
import org.entsupport.core.model.Origin;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.spi.EventDraft;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the files that come from a support desk (origin DESK) exactly as uploads are kept: through the same
 * policy and scanner, into the same store, recorded on the ticket with an {@code ATTACHMENTS_ADDED} event.
 */
final class DeskFiles {

    private static final Logger LOG = LoggerFactory.getLogger(DeskFiles.class);

    private final SupportContext ctx;

    DeskFiles(SupportContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Imports one file, in its own transaction, on the ticket (and on {@code commentId} when given). No
     * notification: the import announces the desk's reply itself.
     *
     * @param uploader the user id recorded as uploader (the desk's technical user)
     * @throws TicketNotFoundException when the ticket does not exist
     * @throws org.entsupport.core.attachment.AttachmentRefusedException when the file is refused; nothing is kept
     */
    Attachment importFile(
            long ticketId, @Nullable Long commentId, String fileName, InputStream content, String uploader) {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(uploader, "uploader");
        List<Attachment> current = ctx.store().inTransaction(tx -> {
            if (tx.findTicket(ticketId).isEmpty()) {
                throw new TicketNotFoundException(ticketId);
            }
            return tx.attachments(ticketId);
        });
        List<StagedFile> staged = ctx.intake()
                .stage(
                        ticketId,
                        List.of(NewFile.ofStream(fileName, content)),
                        current.size(),
                        AttachmentIntake.bytes(current));
        boolean committed = false;
        try {
            Instant now = ctx.now();
            Attachment added = ctx.store().inTransaction(tx -> {
                Ticket t = tx.lockTicket(ticketId).orElseThrow(() -> new TicketNotFoundException(ticketId));
                ctx.intake().checkTicketLimits(ticketId, tx.attachments(ticketId), staged);
                Attachment a = ctx.intake()
                        .insert(tx, ticketId, commentId, staged, uploader, now, Origin.DESK)
                        .get(0);
                tx.insertEvent(new EventDraft(
                        ticketId,
                        uploader,
                        EventType.ATTACHMENTS_ADDED,
                        now,
                        Map.of("count", "1", "names", a.fileName(), "origin", Origin.DESK.name())));
                tx.updateTicket(TicketEdits.nextVersion(TicketEdits.withActivity(t, 0, 1, now)), t.version());
                return a;
            });
            committed = true;
            LOG.debug("desk import: file {} added to ticket {}", added.fileName(), ticketId);
            return added;
        } finally {
            if (!committed) {
                ctx.intake().discard(staged);
            }
        }
    }
}

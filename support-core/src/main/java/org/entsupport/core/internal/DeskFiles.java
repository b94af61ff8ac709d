package org.entsupport.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.entsupport.core.TicketNotFoundException;
import org.entsupport.core.attachment.AttachmentRefusedException;
import org.entsupport.core.attachment.NewFile;
import org.entsupport.core.attachment.internal.AttachmentIntake;
import org.entsupport.core.attachment.internal.StagedFile;
import org.entsupport.core.desk.DeskAttachment;
import org.entsupport.core.desk.DeskFileUnavailableException;
import org.entsupport.core.model.Attachment;
import org.entsupport.core.model.EventType;
import org.entsupport.core.model.Origin;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.spi.DeskFileImport;
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
        return importFile(ticketId, commentId, fileName, content, uploader, null)
                .orElseThrow(() -> new IllegalStateException("file " + fileName + " was imported meanwhile"));
    }

    /**
     * Imports one file as {@link #importFile(long, Long, String, InputStream, String)} does, and records
     * {@code imported} (the desk file's state) in the same transaction, so that a desk file is imported
     * exactly once: when the state recorded meanwhile is final already, nothing is added.
     *
     * @param imported the desk file's state to record with the attachment, or {@code null}
     * @return the attachment, or empty when another import of the same desk file won
     */
    Optional<Attachment> importFile(
            long ticketId,
            @Nullable Long commentId,
            String fileName,
            InputStream content,
            String uploader,
            @Nullable DeskFileImport imported) {
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
            Optional<Attachment> result = ctx.store().inTransaction(tx -> {
                Ticket t = tx.lockTicket(ticketId).orElseThrow(() -> new TicketNotFoundException(ticketId));
                Instant now = ctx.instantAfter(t);
                if (imported != null
                        && tx.deskFile(imported.desk(), imported.fileId())
                                .map(f -> f.state().isFinal())
                                .orElse(false)) {
                    return Optional.<Attachment>empty();
                }
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
                if (imported != null) {
                    tx.saveDeskFile(imported);
                }
                return Optional.of(a);
            });
            if (result.isEmpty()) {
                return result;
            }
            committed = true;
            LOG.debug("desk import: file {} added to ticket {}", result.get().fileName(), ticketId);
            return result;
        } finally {
            if (!committed) {
                ctx.intake().discard(staged);
            }
        }
    }

    /** After this many failed downloads of one file, it is declared unavailable. */
    static final int MAX_ATTEMPTS = 20;

    /**
     * Imports one file of a desk reply exactly once, by its desk id: skipped when already imported or
     * declared unavailable; on the ticket with its state when the download succeeds; declared unavailable
     * (and the readers told, by an event) when the desk will never give it or our policy refuses it;
     * otherwise left pending for a later poll, up to {@link #MAX_ATTEMPTS} attempts.
     *
     * @param desk      the desk's name
     * @param commentId our comment it came with, or {@code null} (a reply with files and no text)
     * @param uploader  the user id recorded as uploader (the desk's technical user)
     * @return whether nothing more is to be tried for this file
     */
    boolean importDeskFile(String desk, long ticketId, @Nullable Long commentId, DeskAttachment file, String uploader) {
        Optional<DeskFileImport> known = ctx.store().inTransaction(tx -> tx.deskFile(desk, file.id()));
        if (known.isPresent() && known.get().state().isFinal()) {
            return true;
        }
        int attempts = known.map(DeskFileImport::attempts).orElse(0) + 1;
        String cleaned = DeskImport.plain(file.fileName(), 255);
        String name = cleaned.isEmpty() ? "file-" + DeskImport.plain(file.id(), 200) : cleaned;
        Instant now = ctx.now();
        try (InputStream in = file.open()) {
            importFile(
                    ticketId,
                    commentId,
                    name,
                    in,
                    uploader,
                    new DeskFileImport(
                            desk, file.id(), ticketId, name, DeskFileImport.State.IMPORTED, attempts, null, now));
            return true;
        } catch (IOException | RuntimeException e) {
            String error = String.valueOf(e.getMessage());
            if (neverGiven(e)) {
                unavailable(desk, ticketId, file.id(), name, attempts, error, uploader, now);
                return true;
            }
            if (attempts >= MAX_ATTEMPTS) {
                unavailable(
                        desk,
                        ticketId,
                        file.id(),
                        name,
                        attempts,
                        "gave up after " + attempts + " attempts: " + error,
                        uploader,
                        now);
                return true;
            }
            ctx.store().useTransaction(tx -> {
                if (tx.findTicket(ticketId).isPresent()) {
                    tx.saveDeskFile(new DeskFileImport(
                            desk, file.id(), ticketId, name, DeskFileImport.State.PENDING, attempts, error, now));
                }
            });
            LOG.warn(
                    "desk {}: file {} ({}) of ticket {} failed to download (attempt {}), will try again: {}",
                    desk,
                    name,
                    file.id(),
                    ticketId,
                    attempts,
                    error);
            return false;
        }
    }

    /** Whether the failure is for good: the desk will never give the file, or our policy refuses it. */
    private static boolean neverGiven(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof DeskFileUnavailableException) {
                return true;
            }
        }
        // a refusal for a download that broke off is passing; any other refusal is our policy's answer
        return e instanceof AttachmentRefusedException r && r.reason() != AttachmentRefusedException.Reason.UNREADABLE;
    }

    private void unavailable(
            String desk,
            long ticketId,
            String fileId,
            String name,
            int attempts,
            String error,
            String uploader,
            Instant now) {
        ctx.store().useTransaction(tx -> {
            Optional<Ticket> current = tx.lockTicket(ticketId);
            if (current.isEmpty()
                    || tx.deskFile(desk, fileId).map(f -> f.state().isFinal()).orElse(false)) {
                return;
            }
            Ticket t = current.get();
            Instant at = ctx.instantAfter(t);
            tx.saveDeskFile(new DeskFileImport(
                    desk, fileId, ticketId, name, DeskFileImport.State.UNAVAILABLE, attempts, error, now));
            tx.insertEvent(new EventDraft(
                    ticketId, uploader, EventType.DESK_FILE_UNAVAILABLE, at, Map.of("names", name, "desk", desk)));
            tx.updateTicket(TicketEdits.nextVersion(TicketEdits.withActivity(t, 0, 0, at)), t.version());
        });
        LOG.warn("desk {}: file {} ({}) of ticket {} is unavailable: {}", desk, name, fileId, ticketId, error);
    }
}

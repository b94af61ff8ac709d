package org.entsupport.core.internal;

import java.util.ArrayList;
import java.util.List;
import org.entsupport.core.Actor;
import org.entsupport.core.NewAttachment;
import org.entsupport.core.attachment.NewFile;
import org.entsupport.core.attachment.internal.AttachmentIntake;
import org.entsupport.core.attachment.internal.StagedFile;
import org.entsupport.core.model.Attachment;

/**
 * The steps of adding files that filing, commenting and attaching share: references to the host's documents
 * are resolved through its port as the actor, then they and the uploads are checked and copied into the
 * attachment store before the transaction (and discarded unless it commits them). A reference is never
 * recorded as given: its copy is an attachment like an upload.
 */
final class AttachmentSteps {

    private AttachmentSteps() {}

    /** The host's documents named by {@code references}, then the uploads, as files to check and keep. */
    static List<NewFile> files(SupportContext ctx, Actor actor, List<NewAttachment> references, List<NewFile> uploads) {
        if (references.isEmpty()) {
            return uploads;
        }
        List<NewFile> all = new ArrayList<>(ctx.intake().resolve(actor, references));
        all.addAll(uploads);
        return all;
    }

    /**
     * Checks that the actor may see the ticket (before anything is resolved or read), then checks and keeps the
     * referenced documents and the uploads against the ticket's current attachments.
     */
    static List<StagedFile> stageOnVisibleTicket(
            SupportContext ctx, Actor actor, long ticketId, List<NewFile> uploads, List<NewAttachment> references) {
        if (uploads.isEmpty() && references.isEmpty()) {
            return List.of();
        }
        List<Attachment> current = ctx.store().inTransaction(tx -> {
            SupportContext.visible(tx.findTicket(ticketId), actor, ticketId);
            return tx.attachments(ticketId);
        });
        List<NewFile> files = files(ctx, actor, references, uploads);
        return ctx.intake().stage(ticketId, files, current.size(), AttachmentIntake.bytes(current));
    }

    /** What the files are, for an idempotency key's fingerprint: each name and digest of the content. */
    static List<String> fingerprint(List<StagedFile> staged) {
        return staged.stream().map(f -> f.fileName() + "/" + f.sha256()).toList();
    }

    /** The names of the files being added. */
    static List<String> names(List<StagedFile> staged) {
        return staged.stream().map(StagedFile::fileName).toList();
    }
}

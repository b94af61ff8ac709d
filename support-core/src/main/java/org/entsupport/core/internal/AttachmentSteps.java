package org.entsupport.core.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.entsupport.core.Actor;
import org.entsupport.core.NewAttachment;
import org.entsupport.core.attachment.NewFile;
import org.entsupport.core.attachment.internal.AttachmentIntake;
import org.entsupport.core.attachment.internal.StagedFile;
import org.entsupport.core.model.Attachment;
import org.entsupport.core.model.Origin;
import org.entsupport.core.spi.AttachmentDraft;
import org.entsupport.core.spi.StoreTransaction;
import org.jspecify.annotations.Nullable;

/**
 * The steps of adding files that filing, commenting and attaching share: uploads are checked and kept
 * before the transaction (and discarded unless it commits them), references to the host's files are
 * recorded in it.
 */
final class AttachmentSteps {

    private AttachmentSteps() {}

    /**
     * Checks that the actor may see the ticket (before anything is read from the files), then checks and
     * keeps the files against the ticket's current attachments plus {@code references} being added with them.
     */
    static List<StagedFile> stageOnVisibleTicket(
            SupportContext ctx, Actor actor, long ticketId, List<NewFile> uploads, List<NewAttachment> references) {
        if (uploads.isEmpty()) {
            return List.of();
        }
        List<Attachment> current = ctx.store().inTransaction(tx -> {
            SupportContext.visible(tx.findTicket(ticketId), actor, ticketId);
            return withReferences(tx.attachments(ticketId), references);
        });
        return ctx.intake().stage(ticketId, uploads, current.size(), AttachmentIntake.bytes(current));
    }

    /** The ticket's attachments plus references about to be added, for the per-ticket limits. */
    static List<Attachment> withReferences(List<Attachment> current, List<NewAttachment> references) {
        if (references.isEmpty()) {
            return current;
        }
        List<Attachment> all = new ArrayList<>(current);
        for (NewAttachment r : references) {
            all.add(new Attachment(
                    0,
                    0,
                    null,
                    r.fileName(),
                    r.mediaType(),
                    r.size(),
                    r.storageKey(),
                    "",
                    Instant.EPOCH,
                    Origin.LOCAL));
        }
        return all;
    }

    /** Records references to files the host keeps, on the ticket and on {@code commentId} when given. */
    static void insertReferences(
            StoreTransaction tx,
            long ticketId,
            @Nullable Long commentId,
            List<NewAttachment> files,
            Actor actor,
            Instant now) {
        for (NewAttachment a : files) {
            tx.insertAttachment(new AttachmentDraft(
                    ticketId,
                    commentId,
                    a.fileName(),
                    a.mediaType(),
                    a.size(),
                    a.storageKey(),
                    actor.userId(),
                    now,
                    Origin.LOCAL));
        }
    }

    /** The names of the files being added, references first. */
    static List<String> names(List<NewAttachment> references, List<StagedFile> uploads) {
        List<String> names = new ArrayList<>();
        references.forEach(a -> names.add(a.fileName()));
        uploads.forEach(f -> names.add(f.fileName()));
        return names;
    }
}

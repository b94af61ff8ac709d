package org.entsupport.core.attachment.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.entsupport.core.Actor;
import org.entsupport.core.NewAttachment;
import org.entsupport.core.StoreException;
import org.entsupport.core.ValidationException;
import org.entsupport.core.Violation;
import org.entsupport.core.attachment.AttachmentContent;
import org.entsupport.core.attachment.AttachmentNotFoundException;
import org.entsupport.core.attachment.AttachmentPolicy;
import org.entsupport.core.attachment.AttachmentRefusedException;
import org.entsupport.core.attachment.AttachmentScanner;
import org.entsupport.core.attachment.AttachmentStore;
import org.entsupport.core.attachment.FileType;
import org.entsupport.core.attachment.HostDocument;
import org.entsupport.core.attachment.HostDocuments;
import org.entsupport.core.attachment.NewFile;
import org.entsupport.core.attachment.ScanResult;
import org.entsupport.core.attachment.StoredContent;
import org.entsupport.core.internal.FileNames;
import org.entsupport.core.model.Attachment;
import org.entsupport.core.model.Origin;
import org.entsupport.core.spi.AttachmentDraft;
import org.entsupport.core.spi.StoreTransaction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

// Over 400 lines on purpose: one path for every file the library keeps (uploads and desk files): the checks,
// the store write, the scan and the clean-up on failure must stay together so that no content is ever kept
// without its checks or left without its metadata.

/**
 * Takes uploaded files in: checks name, size and type, writes the content to the {@link AttachmentStore},
 * asks the scanner, and hands back {@link StagedFile}s, all before the ticket store's transaction. The
 * facade then writes their metadata inside its transaction ({@link #insert}) and, if anything fails, calls
 * {@link #discard} so that no content is left without metadata.
 *
 * <p>The escalation synchroniser imports desk files through the same path: {@link #stage} with the
 * desk's file, then {@link #insert} with {@link Origin#DESK} inside its own transaction (after
 * {@link #checkTicketLimits} on the locked ticket), and {@link #discard} if the transaction fails.
 *
 * <pre>{@code
 * List<StagedFile> staged = intake.stage(ticketId, List.of(NewFile.of(name, deskFile::open, size)),
 *         current.size(), AttachmentIntake.bytes(current));
 * try {
 *     store.inTransaction(tx -> { ...; intake.insert(tx, ticketId, commentId, staged, deskUser, now, Origin.DESK); });
 * } catch (RuntimeException e) {
 *     intake.discard(staged);
 *     throw e;
 * }
 * }</pre>
 */
public final class AttachmentIntake {

    private static final Logger LOG = LoggerFactory.getLogger(AttachmentIntake.class);

    private final @Nullable AttachmentStore store;
    private final AttachmentPolicy policy;
    private final @Nullable AttachmentScanner scanner;
    private final HostDocuments documents;

    /**
     * Creates the intake without host documents (every reference is refused as not found).
     *
     * @param store   where content goes; {@code null} when the host configured none (uploads then fail)
     * @param policy  the limits and accepted types
     * @param scanner the antivirus, or {@code null}
     */
    public AttachmentIntake(
            @Nullable AttachmentStore store, AttachmentPolicy policy, @Nullable AttachmentScanner scanner) {
        this(store, policy, scanner, HostDocuments.none());
    }

    /**
     * Creates the intake.
     *
     * @param store     where content goes; {@code null} when the host configured none (uploads then fail)
     * @param policy    the limits and accepted types
     * @param scanner   the antivirus, or {@code null}
     * @param documents the host's documents that references resolve through
     */
    public AttachmentIntake(
            @Nullable AttachmentStore store,
            AttachmentPolicy policy,
            @Nullable AttachmentScanner scanner,
            HostDocuments documents) {
        this.store = store;
        this.policy = policy;
        this.scanner = scanner;
        this.documents = documents;
    }

    /**
     * Resolves references to the host's documents, as {@code actor}, into files to check and copy like uploads.
     * Nothing of a document is read yet but what the host answers about it.
     *
     * @throws ValidationException on the field {@code attachments} for a document that does not exist or that
     *         the actor may not read (both answered alike)
     * @throws AttachmentRefusedException when the host fails to answer
     */
    public List<NewFile> resolve(Actor actor, List<NewAttachment> references) {
        List<NewFile> files = new ArrayList<>();
        for (int i = 0; i < references.size(); i++) {
            String id = references.get(i).documentId();
            Optional<HostDocument> found;
            try {
                found = documents.find(actor, id);
            } catch (IOException | RuntimeException e) {
                throw Refusals.unreadable("attachment " + i, e);
            }
            if (found == null || found.isEmpty()) {
                LOG.debug("attachments: user {} named a document the host does not give them", actor.userId());
                throw new ValidationException(List.of(new Violation(
                        "attachments",
                        "unknown-document",
                        "attachment " + i + " names no document that user " + actor.userId() + " may read",
                        List.of())));
            }
            HostDocument d = found.get();
            files.add(new NewFile(d.fileName(), d.content(), d.size()));
        }
        return files;
    }

    /** An intake without store: references only, uploads fail with a configuration error. */
    public static AttachmentIntake none() {
        return new AttachmentIntake(null, AttachmentPolicy.defaults(), null);
    }

    /** Whether files can be kept (an attachment store is configured). */
    public boolean hasStore() {
        return store != null;
    }

    /** The policy. */
    public AttachmentPolicy policy() {
        return policy;
    }

    /** The total size of some attachments, saturated at {@link Long#MAX_VALUE} rather than overflowing. */
    public static long bytes(List<Attachment> attachments) {
        long total = 0;
        for (Attachment a : attachments) {
            total = plus(total, a.size());
        }
        return total;
    }

    /** {@code a + b} for sizes (zero or more), saturated at {@link Long#MAX_VALUE}. */
    static long plus(long a, long b) {
        long sum = a + Math.max(0, b);
        return sum < a ? Long.MAX_VALUE : sum;
    }

    private AttachmentStore requireStore() {
        if (store == null) {
            throw new IllegalStateException("no attachment store is configured, so files cannot be uploaded: "
                    + "call Support.builder().attachmentStore(new FileSystemAttachmentStore(dir)) or another store");
        }
        return store;
    }

    /**
     * Checks and keeps files, in order. On the first refusal, deletes what this call already kept and throws.
     *
     * @param ticketId      the ticket they go to, or 0 for a ticket being created (for messages)
     * @param files         the files
     * @param existingCount how many attachments the ticket has already (or comes with)
     * @param existingBytes their total size
     * @return the files, kept, in the same order
     * @throws AttachmentRefusedException for the first file refused
     * @throws StoreException when the attachment store fails
     */
    public List<StagedFile> stage(long ticketId, List<NewFile> files, int existingCount, long existingBytes) {
        if (files.isEmpty()) {
            return List.of();
        }
        AttachmentStore s = requireStore();
        int count = existingCount + files.size();
        if (count > policy.maxFilesPerTicket()) {
            throw Refusals.tooMany(ticketId, count, policy.maxFilesPerTicket());
        }
        List<StagedFile> staged = new ArrayList<>();
        long total = existingBytes;
        try {
            for (int i = 0; i < files.size(); i++) {
                StagedFile f = stageOne(s, ticketId, i, files.get(i), total);
                staged.add(f);
                total = plus(total, f.size());
            }
        } catch (RuntimeException | Error e) {
            discard(staged);
            throw e;
        }
        LOG.debug("attachments: staged {} file(s) for ticket {}", staged.size(), ticketId);
        return List.copyOf(staged);
    }

    private StagedFile stageOne(AttachmentStore s, long ticketId, int index, NewFile file, long bytesBefore) {
        String name = FileNames.clean(file.fileName());
        if (name.isEmpty()) {
            throw Refusals.nameInvalid(index, file.fileName());
        }
        long maxFile = policy.maxFileSize();
        long room = policy.maxTotalPerTicket() - bytesBefore;
        if (file.declaredSize() > maxFile) {
            throw Refusals.tooLarge(name, file.declaredSize(), true, maxFile);
        }
        if (file.declaredSize() > room) {
            throw Refusals.ticketTotalExceeded(
                    ticketId, name, plus(bytesBefore, file.declaredSize()), policy.maxTotalPerTicket());
        }
        InputStream source;
        try {
            source = file.content().open();
        } catch (IOException | RuntimeException e) {
            throw Refusals.unreadable(name, e);
        }
        try (InputStream src = source) {
            byte[] header;
            try {
                header = src.readNBytes(ContentSniffer.HEADER_SIZE);
            } catch (IOException e) {
                throw Refusals.unreadable(name, e);
            }
            if (header.length == 0) {
                throw Refusals.empty(name);
            }
            ContentSniffer.HeaderVerdict verdict =
                    ContentSniffer.classify(header, header.length < ContentSniffer.HEADER_SIZE);
            if (verdict.family() == ContentSniffer.Family.REFUSED) {
                throw Refusals.typeNotAllowed(name, verdict.description(), policy.allowedTypes());
            }
            FileType early = verdict.type();
            if (early != null && !policy.allowedTypes().contains(early)) {
                throw Refusals.typeNotAllowed(name, describe(early), policy.allowedTypes());
            }
            boolean fileLimitFirst = maxFile <= room;
            long limit = Math.min(maxFile, room);
            Utf8TextCheck text = verdict.family() == ContentSniffer.Family.TEXT ? new Utf8TextCheck() : null;
            CheckingInputStream in = new CheckingInputStream(
                    new SequenceInputStream(new ByteArrayInputStream(header), src), limit, text);
            StoredContent stored;
            try {
                stored = s.store(in);
            } catch (IOException e) {
                if (in.exceeded()) {
                    long cap = Math.max(limit, 1L << 20) * 3;
                    long rest = drain(src, cap - in.count());
                    boolean exact = rest >= 0;
                    long size = exact ? in.count() + rest : Math.max(cap, in.count());
                    if (fileLimitFirst) {
                        throw Refusals.tooLarge(name, size, exact, maxFile);
                    }
                    throw Refusals.ticketTotalExceeded(
                            ticketId, name, plus(bytesBefore, size), policy.maxTotalPerTicket());
                }
                if (in.sourceFailure() != null) {
                    throw Refusals.unreadable(name, e);
                }
                throw new StoreException("the attachment store " + s + " failed to write " + name, e);
            }
            return check(s, ticketId, file, name, verdict, text, in.count(), stored);
        } catch (IOException e) {
            // Closing the source failed: what was read is complete, but refuse rather than guess.
            throw Refusals.unreadable(name, e);
        }
    }

    /** Checks what needs the stored copy; deletes it when refused. */
    private StagedFile check(
            AttachmentStore s,
            long ticketId,
            NewFile file,
            String name,
            ContentSniffer.HeaderVerdict verdict,
            @Nullable Utf8TextCheck text,
            long read,
            StoredContent stored) {
        boolean keep = false;
        try {
            if (stored.size() != read) {
                throw new StoreException(
                        "the attachment store " + s + " reported " + stored.size() + " bytes for " + name
                                + " but was given " + read,
                        null);
            }
            if (file.declaredSize() >= 0 && file.declaredSize() != stored.size()) {
                throw Refusals.sizeMismatch(name, stored.size(), file.declaredSize());
            }
            FileType type = switch (verdict.family()) {
                case KNOWN -> java.util.Objects.requireNonNull(verdict.type());
                case TEXT -> {
                    String problem = java.util.Objects.requireNonNull(text).errorAtEnd();
                    if (problem != null) {
                        throw Refusals.typeNotAllowed(
                                name, "binary data of an unknown kind (" + problem + ")", policy.allowedTypes());
                    }
                    String markup = text.markup();
                    if (markup != null) {
                        throw Refusals.typeNotAllowed(
                                name, "text containing HTML (" + markup + ")", policy.allowedTypes());
                    }
                    yield FileType.TEXT;
                }
                case ZIP, OLE2 -> inspect(s, stored, name, verdict.family());
                case REFUSED -> throw new IllegalStateException("refused content reached the store");
            };
            if (!policy.allowedTypes().contains(type)) {
                throw Refusals.typeNotAllowed(name, describe(type), policy.allowedTypes());
            }
            String finalName = type.matchesName(name)
                    ? name
                    : FileNames.clean(name + "." + type.extensions().get(0));
            scan(s, stored, finalName, type);
            keep = true;
            LOG.debug(
                    "attachments: {} accepted as {} ({} bytes) for ticket {}",
                    finalName,
                    type,
                    stored.size(),
                    ticketId);
            return new StagedFile(finalName, type, stored.size(), stored.key(), stored.sha256());
        } finally {
            if (!keep) {
                delete(s, stored.key());
            }
        }
    }

    private FileType inspect(AttachmentStore s, StoredContent stored, String name, ContentSniffer.Family family) {
        try (InputStream in = openStored(s, stored.key(), name)) {
            ContentSniffer.Inspection result = family == ContentSniffer.Family.ZIP
                    ? ContentSniffer.inspectZip(in)
                    : ContentSniffer.inspectOle2(in);
            FileType type = result.type();
            if (type == null) {
                throw Refusals.typeNotAllowed(name, result.description(), policy.allowedTypes());
            }
            return type;
        } catch (IOException e) {
            throw new StoreException("the attachment store " + s + " failed to read back " + name, e);
        }
    }

    private void scan(AttachmentStore s, StoredContent stored, String name, FileType type) {
        AttachmentScanner sc = scanner;
        if (sc == null) {
            return;
        }
        String scannerName = scannerName(sc);
        ScanResult result;
        try (InputStream in = openStored(s, stored.key(), name)) {
            result = sc.scan(name, type.mediaType(), in);
        } catch (StoreException e) {
            throw e;
        } catch (Exception e) {
            throw Refusals.scanFailed(name, scannerName, e);
        }
        if (result == null) {
            throw Refusals.scanFailed(
                    name, scannerName, new IllegalStateException("the scanner returned null instead of a ScanResult"));
        }
        if (!result.accepted()) {
            LOG.info("attachments: scanner {} rejected {}: {}", scannerName, name, result.reason());
            throw Refusals.rejected(name, scannerName, result.reason());
        }
    }

    private static String scannerName(AttachmentScanner sc) {
        try {
            return sc.name();
        } catch (RuntimeException e) {
            return sc.getClass().getName();
        }
    }

    private static InputStream openStored(AttachmentStore s, String key, String name) throws IOException {
        return s.open(key)
                .orElseThrow(() -> new StoreException(
                        "the attachment store " + s + " lost the content of " + name + " right after storing it",
                        null));
    }

    private static String describe(FileType type) {
        return "a " + type.name() + " file (" + type.mediaType() + ")";
    }

    /** Reads and discards up to {@code max} bytes; the number read, or -1 when the end was not reached. */
    private static long drain(InputStream in, long max) {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try {
            while (total <= max) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, max - total + 1));
                if (n == -1) {
                    return total;
                }
                total += n;
            }
        } catch (IOException e) {
            LOG.debug("attachments: could not measure an oversized upload: {}", e.toString());
        }
        return -1;
    }

    /**
     * Checks, inside the transaction and on the locked ticket, that the files still fit: another request
     * may have added files since {@link #stage}.
     *
     * @param ticketId the ticket
     * @param current  its attachments, read in this transaction
     * @param staged   the files about to be inserted
     * @throws AttachmentRefusedException when the count or the total is now over the policy
     */
    public void checkTicketLimits(long ticketId, List<Attachment> current, List<StagedFile> staged) {
        if (staged.isEmpty()) {
            return;
        }
        int count = current.size() + staged.size();
        if (count > policy.maxFilesPerTicket()) {
            throw Refusals.tooMany(ticketId, count, policy.maxFilesPerTicket());
        }
        long total = bytes(current);
        for (StagedFile f : staged) {
            total = plus(total, f.size());
            if (total > policy.maxTotalPerTicket()) {
                throw Refusals.ticketTotalExceeded(ticketId, f.fileName(), total, policy.maxTotalPerTicket());
            }
        }
    }

    /**
     * Writes the metadata of staged files, in the caller's transaction.
     *
     * @param origin LOCAL for uploads, DESK for files imported from the support desk
     * @return the attachments, with their ids
     */
    public List<Attachment> insert(
            StoreTransaction tx,
            long ticketId,
            @Nullable Long commentId,
            List<StagedFile> staged,
            String uploader,
            Instant now,
            Origin origin) {
        List<Attachment> inserted = new ArrayList<>();
        for (StagedFile f : staged) {
            inserted.add(tx.insertAttachment(new AttachmentDraft(
                    ticketId,
                    commentId,
                    f.fileName(),
                    f.type().mediaType(),
                    f.size(),
                    f.storageKey(),
                    uploader,
                    now,
                    origin)));
        }
        return inserted;
    }

    /** Deletes the content of staged files whose metadata was not written. Never throws. */
    public void discard(List<StagedFile> staged) {
        if (staged.isEmpty() || store == null) {
            return;
        }
        for (StagedFile f : staged) {
            delete(store, f.storageKey());
        }
        LOG.debug("attachments: discarded {} staged file(s)", staged.size());
    }

    private static void delete(AttachmentStore s, String key) {
        try {
            s.delete(key);
        } catch (IOException | RuntimeException e) {
            LOG.warn(
                    "attachments: could not delete a file's content from {}; it is an orphan that no attachment "
                            + "references: {}",
                    s,
                    e.toString());
        }
    }

    /**
     * Opens the content of an attachment whose visibility the caller checked.
     *
     * @throws AttachmentNotFoundException when the store has no content under its key
     * @throws StoreException when the store fails
     */
    public AttachmentContent open(Attachment a, String storageKey) {
        if (store == null) {
            throw new AttachmentNotFoundException(a.ticketId(), a.id(), "no attachment store is configured");
        }
        Optional<InputStream> in;
        try {
            in = store.open(storageKey);
        } catch (IOException e) {
            throw new StoreException(
                    "the attachment store " + store + " failed to open attachment " + a.id() + " of ticket "
                            + a.ticketId(),
                    e);
        } catch (UncheckedIOException e) {
            throw new StoreException(
                    "the attachment store " + store + " failed to open attachment " + a.id() + " of ticket "
                            + a.ticketId(),
                    e.getCause());
        }
        return new AttachmentContent(
                a,
                in.orElseThrow(() -> new AttachmentNotFoundException(
                        a.ticketId(), a.id(), "its content is not in the attachment store " + store)));
    }
}

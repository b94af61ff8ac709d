package org.entsupport.core.spi;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.entsupport.core.model.Attachment;
import org.entsupport.core.model.Comment;
import org.entsupport.core.model.HistoryEvent;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketStatus;

/**
 * The store as seen from inside one transaction. Only valid during
 * {@link TicketStore#inTransaction}; the facade checks permissions and rules before calling it,
 * so a store does no authorisation of its own.
 */
public interface StoreTransaction {

    /**
     * Reads a ticket.
     *
     * @param id the ticket's id
     * @return the ticket, or empty when there is none with this id
     */
    Optional<Ticket> findTicket(long id);

    /**
     * Reads a ticket and keeps other writers of it waiting until this transaction ends (a row lock
     * where the store has them), so that read-check-write sequences are not interleaved.
     *
     * @param id the ticket's id
     * @return the ticket, or empty when there is none with this id
     */
    Optional<Ticket> lockTicket(long id);

    /**
     * Inserts a ticket and assigns its id. The new ticket's version is 1.
     *
     * @param draft the ticket to insert
     * @return the stored ticket, with its id
     * @throws DuplicateIdempotencyKeyException when the draft's owner already used its idempotency key
     */
    Ticket insertTicket(TicketDraft draft);

    /**
     * The ticket {@code owner} filed with this idempotency key, if any.
     *
     * @param owner the requester's user id
     * @param idempotencyKey the client's key
     * @return the ticket, or empty when this owner used no such key
     */
    Optional<Ticket> findByIdempotencyKey(String owner, String idempotencyKey);

    /**
     * The change {@code actor} made on a ticket with this idempotency key for this operation, if any. Called
     * after {@link #lockTicket}, so a concurrent change with the same key has committed or not started.
     *
     * <p>The default throws {@link UnsupportedOperationException}: a store that does not implement it refuses
     * keys on comments, status changes, attachments and escalations (tickets keep theirs).
     *
     * @param actor the user id of who made the change
     * @param operation the operation, such as {@code comment}
     * @param ticketId the ticket's id
     * @param key the client's key
     * @return the record of the first change, or empty when this key was not used
     */
    default Optional<IdempotentWrite> findIdempotentWrite(String actor, String operation, long ticketId, String key) {
        throw new UnsupportedOperationException(getClass().getName() + " does not keep idempotency keys of changes");
    }

    /**
     * Records a change made with an idempotency key, in the transaction of the change: it commits and rolls
     * back with it. The record goes when its ticket is deleted.
     *
     * <p>The default throws {@link UnsupportedOperationException}, see {@link #findIdempotentWrite}.
     *
     * @param write the record
     * @throws DuplicateIdempotencyKeyException when the same actor, operation, ticket and key are recorded
     *         already (a concurrent retry committed first)
     */
    default void insertIdempotentWrite(IdempotentWrite write) {
        throw new UnsupportedOperationException(getClass().getName() + " does not keep idempotency keys of changes");
    }

    /**
     * Replaces a ticket if its stored version is still {@code expectedVersion}. The given ticket
     * already carries the new version ({@code expectedVersion + 1}).
     *
     * @param ticket the ticket
     * @param expectedVersion the version the change was based on
     * @throws org.entsupport.core.TicketVersionConflictException when the stored version differs
     * @throws org.entsupport.core.TicketNotFoundException when the ticket is gone
     */
    void updateTicket(Ticket ticket, long expectedVersion);

    /**
     * Inserts a comment and assigns its id.
     *
     * @param draft the comment to insert
     * @return the stored comment, with its id
     */
    Comment insertComment(CommentDraft draft);

    /**
     * Records the desk's id of one of our comments once it was forwarded, so that its echo is
     * recognised when the desk reports it back.
     *
     * @param ticketId the ticket's id
     * @param commentId our comment's id
     * @param externalId the issue's id on the desk
     * @throws DuplicateExternalIdException when another comment of the ticket has that id
     */
    void setCommentExternalId(long ticketId, long commentId, String externalId);

    /**
     * The ticket escalated to {@code desk} as the desk issue {@code externalId}, if any.
     *
     * @param desk the desk's name
     * @param externalId the issue's id on the desk
     * @return the ticket, or empty when no ticket was escalated as this issue
     */
    Optional<Ticket> findByDeskIssue(String desk, String externalId);

    /**
     * The comments of a ticket, oldest first (by date, then id).
     *
     * @param ticketId the ticket's id
     * @return the comments of a ticket, oldest first (by date, then id)
     */
    List<Comment> comments(long ticketId);

    /**
     * Inserts a history event and assigns its id.
     *
     * @param draft the event to insert
     * @return the stored event, with its id
     */
    HistoryEvent insertEvent(EventDraft draft);

    /**
     * The history of a ticket, oldest first (by date, then id).
     *
     * @param ticketId the ticket's id
     * @return the history of a ticket, oldest first (by date, then id)
     */
    List<HistoryEvent> events(long ticketId);

    /**
     * Inserts attachment metadata and assigns its id.
     *
     * @param draft the attachment metadata to insert
     * @return the stored attachment, with its id
     */
    Attachment insertAttachment(AttachmentDraft draft);

    /**
     * The attachments of a ticket, oldest first (by date, then id).
     *
     * @param ticketId the ticket's id
     * @return the attachments of a ticket, oldest first (by date, then id)
     */
    List<Attachment> attachments(long ticketId);

    /**
     * Where the content of an attachment is kept: the {@link AttachmentDraft#storageKey()} it was inserted
     * with. For the library's own use (downloads, the desk); never shown to readers.
     *
     * @param ticketId     the ticket's id
     * @param attachmentId the attachment's id
     * @return its storage key, or empty when the ticket has no such attachment
     */
    Optional<String> storageKey(long ticketId, long attachmentId);

    /**
     * One page of the tickets that match {@code filter}, in the page's order, after its keyset
     * position. Must use no OFFSET: the position is the last row's sort value and id.
     *
     * @param filter which tickets
     * @param page the order, the keyset position and the page size
     * @return one page of the tickets that match {@code filter}, in the page's order, after its keyset position
     */
    List<Ticket> list(TicketFilter filter, PageRequest page);

    /**
     * How many tickets match {@code filter}, per status (statuses with none may be absent).
     *
     * @param filter which tickets
     * @return how many tickets match {@code filter}, per status (statuses with none may be absent)
     */
    Map<TicketStatus, Long> countByStatus(TicketFilter filter);

    /**
     * Writes an outbox message in this transaction: it becomes visible to relays only if the
     * transaction commits, and disappears with it on rollback.
     *
     * @param message the message, with its channel and payload
     * @throws IllegalArgumentException when a message with the same id exists
     */
    void enqueue(org.entsupport.core.outbox.OutboxDraft message);

    /**
     * RESOLVED tickets whose status last changed at or before {@code cutoff}, oldest first, at most {@code limit}.
     *
     * @param cutoff the latest status change that counts
     * @param limit the most items to return, at least 1
     * @return those tickets, oldest first
     */
    List<Ticket> resolvedBefore(Instant cutoff, int limit);

    /**
     * The import state of a desk file, when the synchroniser recorded one.
     *
     * @param desk the desk's name
     * @param fileId the desk's id of the file
     * @return the state, or empty when the file was never seen
     */
    Optional<DeskFileImport> deskFile(String desk, String fileId);

    /**
     * Records the import state of a desk file, replacing the one recorded for the same desk and file. Written
     * in the transaction that adds the file to the ticket, so that a file is imported exactly once.
     *
     * @param file the state
     */
    void saveDeskFile(DeskFileImport file);

    /**
     * Tickets whose escalation to {@code desk} succeeded and is still followed (SUCCESSFUL, with a desk issue),
     * by ticket id, after {@code afterTicketId}; the synchroniser checks now and then that their issues are
     * still there.
     *
     * @param desk the desk's name
     * @param afterTicketId the last ticket id of the previous page, 0 for the first
     * @param limit the most items to return, at least 1
     * @return those tickets, by increasing id
     */
    List<Ticket> escalatedTo(String desk, long afterTicketId, int limit);
}

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

    /** Reads a ticket. */
    Optional<Ticket> findTicket(long id);

    /**
     * Reads a ticket and keeps other writers of it waiting until this transaction ends (a row lock
     * where the store has them), so that read-check-write sequences are not interleaved.
     */
    Optional<Ticket> lockTicket(long id);

    /**
     * Inserts a ticket and assigns its id. The new ticket's version is 1.
     *
     * @throws DuplicateIdempotencyKeyException when the draft's owner already used its idempotency key
     */
    Ticket insertTicket(TicketDraft draft);

    /** The ticket {@code owner} filed with this idempotency key, if any. */
    Optional<Ticket> findByIdempotencyKey(String owner, String idempotencyKey);

    /**
     * Replaces a ticket if its stored version is still {@code expectedVersion}. The given ticket
     * already carries the new version ({@code expectedVersion + 1}).
     *
     * @throws org.entsupport.core.TicketVersionConflictException when the stored version differs
     * @throws org.entsupport.core.TicketNotFoundException when the ticket is gone
     */
    void updateTicket(Ticket ticket, long expectedVersion);

    /** Inserts a comment and assigns its id. */
    Comment insertComment(CommentDraft draft);

    /**
     * Records the desk's id of one of our comments once it was forwarded, so that its echo is
     * recognised when the desk reports it back.
     *
     * @throws DuplicateExternalIdException when another comment of the ticket has that id
     */
    void setCommentExternalId(long ticketId, long commentId, String externalId);

    /** The ticket escalated to {@code desk} as the desk issue {@code externalId}, if any. */
    Optional<Ticket> findByDeskIssue(String desk, String externalId);

    /** The comments of a ticket, oldest first (by date, then id). */
    List<Comment> comments(long ticketId);

    /** Inserts a history event and assigns its id. */
    HistoryEvent insertEvent(EventDraft draft);

    /** The history of a ticket, oldest first (by date, then id). */
    List<HistoryEvent> events(long ticketId);

    /** Inserts attachment metadata and assigns its id. */
    Attachment insertAttachment(AttachmentDraft draft);

    /** The attachments of a ticket, oldest first (by date, then id). */
    List<Attachment> attachments(long ticketId);

    /**
     * One page of the tickets that match {@code filter}, in the page's order, after its keyset
     * position. Must use no OFFSET: the position is the last row's sort value and id.
     */
    List<Ticket> list(TicketFilter filter, PageRequest page);

    /** How many tickets match {@code filter}, per status (statuses with none may be absent). */
    Map<TicketStatus, Long> countByStatus(TicketFilter filter);

    /**
     * Writes an outbox message in this transaction: it becomes visible to relays only if the
     * transaction commits, and disappears with it on rollback.
     *
     * @throws IllegalArgumentException when a message with the same id exists
     */
    void enqueue(org.entsupport.core.outbox.OutboxDraft message);

    /** RESOLVED tickets whose status last changed at or before {@code cutoff}, oldest first, at most {@code limit}. */
    List<Ticket> resolvedBefore(Instant cutoff, int limit);
}

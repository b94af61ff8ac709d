package org.entsupport.core.spi;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.entsupport.core.DataKind;
import org.entsupport.core.model.Comment;
import org.entsupport.core.model.HistoryEvent;
import org.entsupport.core.model.Ticket;
import org.jspecify.annotations.Nullable;

/**
 * The storage side of data protection (GDPR): finding, anonymising, exporting and purging one person's or
 * one request's rows, on the database of a {@link TicketStore} (see {@link TicketStore#lifecycle()}).
 *
 * <p><b>Who calls it, when.</b> Only {@link org.entsupport.core.DataProtection}, on the caller's thread or
 * on the runtime's housekeeping thread, after it checked the actor is a platform administrator. Every
 * method runs in one short transaction of its own and commits before it returns; a failure rolls that one
 * back and throws {@link org.entsupport.core.StoreException}. The library works in small batches, so that
 * a failure halfway leaves every finished batch committed and a second run completes the work: every
 * change method is idempotent. Several nodes may run them at once. Thread-safe.
 *
 * <p>Run {@code LifecycleStoreContract} from {@code support-tck} against an implementation.
 */
public interface LifecycleStore {

    /**
     * The display names a person goes by in the stored rows (tickets they own, comments they wrote, feed
     * entries they caused), so that mentions of them can be replaced.
     *
     * @param userId the person
     * @return their names, empty when nothing names them any more
     */
    Set<String> displayNames(String userId);

    /**
     * Anonymises up to {@code limit} rows of one kind that still name the person, in one transaction:
     * <ul>
     *   <li>{@link DataKind#TICKETS}: tickets they own or escalated: owner, owner's name, escalating user
     *       replaced; in the tickets they own, their names in subject and description scrubbed and the
     *       search text recomputed; the version grows by one so that an edit based on an older read fails;
     *   <li>{@link DataKind#COMMENTS}: their comments: author, author's name replaced, body scrubbed;
     *   <li>{@link DataKind#EVENTS}: their history events: actor replaced, parameters scrubbed;
     *   <li>{@link DataKind#FEED_ENTRIES}: feed entries they received or caused: recipient, actor and
     *       actor's name replaced, parameters scrubbed (stores without a feed return 0).
     * </ul>
     * A row changed once no longer names the person, so calling again until it returns 0 finishes the kind.
     *
     * @param pseudonym the person and who replaces them
     * @param kind      one of the kinds above
     * @param limit     the most rows to change, at least 1
     * @return how many rows were changed
     * @throws IllegalArgumentException for another kind
     */
    int anonymise(Pseudonym pseudonym, DataKind kind, int limit);

    /**
     * Rewrites the payloads of up to {@code limit} outbox messages that mention the person's user id (and
     * whose id comes after {@code afterId}, in id order) with {@code rewrite}, in one transaction. A message
     * whose payload {@code rewrite} leaves as it is is not written.
     *
     * @param pseudonym the person and who replaces them
     * @param rewrite   the library's rewrite of a payload without the person
     * @param afterId   the id of the last message of the previous batch, {@code ""} for the first
     * @param limit     the most messages to read, at least 1
     * @return how many were read and changed, and the last id read
     */
    OutboxBatch anonymiseOutbox(
            Pseudonym pseudonym, java.util.function.UnaryOperator<String> rewrite, String afterId, int limit);

    /**
     * The tickets the person owns, by increasing id, after {@code afterId}.
     *
     * @param userId  the person
     * @param afterId the last id of the previous page, 0 for the first
     * @param limit   the most to return, at least 1
     * @return those tickets
     */
    List<Ticket> ticketsOwnedBy(String userId, long afterId, int limit);

    /**
     * The comments the person wrote, on any ticket, by increasing id, after {@code afterId}.
     *
     * @param userId  the person
     * @param afterId the last id of the previous page, 0 for the first
     * @param limit   the most to return, at least 1
     * @return those comments
     */
    List<Comment> commentsBy(String userId, long afterId, int limit);

    /**
     * The history events the person caused, by increasing id, after {@code afterId}.
     *
     * @param userId  the person
     * @param afterId the last id of the previous page, 0 for the first
     * @param limit   the most to return, at least 1
     * @return those events
     */
    List<HistoryEvent> eventsBy(String userId, long afterId, int limit);

    /**
     * The attachments the person uploaded, with their content keys, by increasing id, after {@code afterId}.
     *
     * @param userId  the person
     * @param afterId the last id of the previous page, 0 for the first
     * @param limit   the most to return, at least 1
     * @return those attachments
     */
    List<StoredAttachment> attachmentsBy(String userId, long afterId, int limit);

    /**
     * The news-feed entries the person received or caused, by increasing id, after {@code afterId}. Stores
     * without a news feed return none.
     *
     * @param userId  the person
     * @param afterId the last id of the previous page, 0 for the first
     * @param limit   the most to return, at least 1
     * @return those entries
     */
    default List<PersonalFeedEntry> feedEntries(String userId, long afterId, int limit) {
        return List.of();
    }

    /**
     * Deletes attachment rows, in one transaction, and takes them off their tickets' attachment counts.
     * Ids that no longer exist are skipped. The content is the caller's to delete.
     *
     * @param attachmentIds the attachments
     * @return how many rows were deleted
     */
    int deleteAttachments(Collection<Long> attachmentIds);

    /**
     * CLOSED tickets whose status last changed at or before {@code cutoff}, oldest first.
     *
     * @param cutoff the latest close that counts
     * @param limit  the most to return, at least 1
     * @return their ids
     */
    List<Long> closedBefore(Instant cutoff, int limit);

    /**
     * Deletes a ticket and everything attached to it, in one transaction: comments, history events,
     * attachment rows, feed entries, outbox messages, desk links, and its place in the counts per status.
     * With {@code closedBefore}, only when the ticket is still CLOSED since then (checked under the ticket's
     * lock, so that a ticket reopened meanwhile stays). Two nodes purging the same ticket are safe: the
     * second finds nothing.
     *
     * @param ticketId     the ticket
     * @param closedBefore the retention cutoff, or {@code null} to delete whatever its status
     * @return what was deleted, or empty when the ticket is gone or no longer due
     */
    Optional<TicketPurge> purgeTicket(long ticketId, @Nullable Instant closedBefore);

    /**
     * Which of these content keys an attachment row still references.
     *
     * @param storageKeys keys listed by the attachment store
     * @return the referenced ones
     */
    Set<String> referencedStorageKeys(Collection<String> storageKeys);

    /**
     * Appends one entry to the lifecycle log.
     *
     * @param entry the entry
     */
    void appendLog(LifecycleLogEntry entry);

    /**
     * The most recent entries of the lifecycle log, newest first.
     *
     * @param limit the most to return, at least 1
     * @return the entries
     */
    List<LifecycleLogEntry> log(int limit);

    /**
     * The secret of anonymised ids: the one kept in the store, or {@code candidate}, kept now, when there is
     * none (the first caller wins; every node then uses that one).
     *
     * @param candidate 64 hexadecimal digits, used when none is kept
     * @return the secret kept in the store
     */
    String pseudonymSecret(String candidate);

    /**
     * What one call to {@link #anonymiseOutbox} did.
     *
     * @param read    how many messages were read
     * @param changed how many were rewritten
     * @param lastId  the id of the last message read ({@code afterId} when none)
     */
    record OutboxBatch(int read, int changed, String lastId) {}
}

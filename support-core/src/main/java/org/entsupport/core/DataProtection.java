package org.entsupport.core;

import java.io.OutputStream;
import java.util.List;
import java.util.Objects;
import org.entsupport.core.internal.Lifecycle;
import org.entsupport.core.spi.LifecycleLogEntry;

/**
 * Data protection (GDPR, RGPD): anonymise a person, export a person's data, delete one request, purge closed
 * requests after the retention period and remove stored content that nothing references. Reached as
 * {@link Support#dataProtection()}; every operation is for platform administrators only.
 *
 * <pre>{@code
 * DataProtection gdpr = support.dataProtection();
 * LifecycleReport done = gdpr.anonymise(platformAdmin, "u-alice");
 * try (OutputStream out = Files.newOutputStream(Path.of("alice.zip"))) {
 *     gdpr.exportUserData(platformAdmin, "u-bruno", out);
 * }
 * }</pre>
 *
 * <p>Every operation works in small batches, each a short transaction of its own, so that it never holds long
 * locks and can run on several nodes at once; an operation interrupted halfway (a crash, a database failure)
 * leaves its finished batches committed, and running it again completes it. Each is recorded in the lifecycle
 * log ({@link #log}): who, when, which operation and how many rows, never what was erased. The runtime
 * ({@link Support#start()}) runs the retention purge and the orphan content removal every
 * {@link RetentionPolicy#interval()}.
 *
 * <p>It needs a store with a {@link org.entsupport.core.spi.LifecycleStore} (the in-memory store and
 * support-jdbc's have one). Thread-safe.
 */
public final class DataProtection {

    private final Lifecycle lifecycle;

    DataProtection(Lifecycle lifecycle) {
        this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
    }

    /**
     * Anonymises a person. Every ticket, comment, history event, feed entry and outbox message that names them
     * is kept but no longer identifies them: their user id becomes an opaque id (the same on every run), their
     * name becomes "Utilisateur anonymisé" (or "Anonymised user", see {@link RetentionPolicy#anonymisedLocale()}),
     * their e-mail address is removed, and mentions of their name in what they wrote (subjects, descriptions,
     * comments) are replaced. Their attachments are removed, rows and content. Other people's words, the counts
     * of comments and the history stay. Running it again changes nothing more; after an interruption it
     * completes the work.
     *
     * @param admin  a platform administrator
     * @param userId the person's user id
     * @return how many rows of each kind were changed or removed
     * @throws AccessDeniedException when {@code admin} is not a platform administrator
     * @throws StoreException when the store fails (the finished batches stay; run it again)
     * @throws IllegalStateException when the store has no lifecycle store
     */
    public LifecycleReport anonymise(Actor admin, String userId) {
        return lifecycle.anonymise(admin, userId);
    }

    /**
     * Writes everything the library holds about a person as one ZIP archive, streamed: {@code data.json} (the
     * tickets they own, their comments, their history events, their news-feed entries, the names of their
     * attachments) and their files under {@code files/}. Nothing of other people is written: comments and
     * events of others are left out, and feed entries about others' actions carry no names or text.
     * {@code out} is not closed.
     *
     * @param admin  a platform administrator
     * @param userId the person's user id
     * @param out    where the ZIP archive goes
     * @return how many rows of each kind were exported
     * @throws AccessDeniedException when {@code admin} is not a platform administrator
     * @throws java.io.UncheckedIOException when {@code out} or the attachment store fails
     * @throws IllegalStateException when the store has no lifecycle store
     */
    public LifecycleReport exportUserData(Actor admin, String userId, OutputStream out) {
        return lifecycle.exportUserData(admin, userId, out);
    }

    /**
     * Deletes one request with everything attached to it: comments, history, attachments (rows and content),
     * feed entries, outbox messages and desk links.
     *
     * @param admin    a platform administrator
     * @param ticketId the request
     * @return how many rows of each kind were removed
     * @throws AccessDeniedException when {@code admin} is not a platform administrator
     * @throws TicketNotFoundException when there is no such request
     * @throws IllegalStateException when the store has no lifecycle store
     */
    public LifecycleReport deleteTicket(Actor admin, long ticketId) {
        return lifecycle.deleteTicket(admin, ticketId);
    }

    /**
     * Purges the requests CLOSED for longer than {@link RetentionPolicy#closedTicketsKeptFor()}, each with
     * everything attached to it, one request per transaction. Does nothing when the policy keeps requests
     * forever. A request reopened meanwhile stays.
     *
     * @param admin a platform administrator
     * @return how many rows of each kind were removed
     * @throws AccessDeniedException when {@code admin} is not a platform administrator
     * @throws IllegalStateException when the store has no lifecycle store
     */
    public LifecycleReport purgeExpired(Actor admin) {
        return lifecycle.purgeExpired(admin);
    }

    /**
     * Removes the content in the attachment store that no attachment references and that is older than
     * {@link RetentionPolicy#orphanGracePeriod()}: uploads whose transaction failed, a crash between writing a
     * file and committing. Needs an attachment store that lists its content
     * ({@link org.entsupport.core.attachment.AttachmentStore#storedBefore}).
     *
     * @param admin a platform administrator
     * @return how many files were removed
     * @throws AccessDeniedException when {@code admin} is not a platform administrator
     * @throws java.io.UncheckedIOException when the attachment store cannot be listed
     * @throws IllegalStateException when the store has no lifecycle store
     */
    public LifecycleReport removeOrphanContent(Actor admin) {
        return lifecycle.removeOrphanContent(admin);
    }

    /**
     * The most recent entries of the lifecycle log, newest first.
     *
     * @param admin a platform administrator
     * @param limit the most entries, at least 1
     * @return the entries
     * @throws AccessDeniedException when {@code admin} is not a platform administrator
     * @throws IllegalArgumentException when {@code limit} is not positive
     */
    public List<LifecycleLogEntry> log(Actor admin, int limit) {
        return lifecycle.log(admin, limit);
    }

    /**
     * The retention policy in force.
     *
     * @return the retention policy
     */
    public RetentionPolicy policy() {
        return lifecycle.policy();
    }
}

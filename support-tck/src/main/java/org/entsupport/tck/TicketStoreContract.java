package org.entsupport.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.entsupport.core.TicketNotFoundException;
import org.entsupport.core.TicketVersionConflictException;
import org.entsupport.core.model.Attachment;
import org.entsupport.core.model.Comment;
import org.entsupport.core.model.Escalation;
import org.entsupport.core.model.EscalationStatus;
import org.entsupport.core.model.EventType;
import org.entsupport.core.model.HistoryEvent;
import org.entsupport.core.model.Origin;
import org.entsupport.core.model.SortDirection;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketSort;
import org.entsupport.core.model.TicketStatus;
import org.entsupport.core.spi.AttachmentDraft;
import org.entsupport.core.spi.CommentDraft;
import org.entsupport.core.spi.DuplicateExternalIdException;
import org.entsupport.core.spi.DuplicateIdempotencyKeyException;
import org.entsupport.core.spi.EventDraft;
import org.entsupport.core.spi.Keyset;
import org.entsupport.core.spi.PageRequest;
import org.entsupport.core.spi.SearchText;
import org.entsupport.core.spi.TicketDraft;
import org.entsupport.core.spi.TicketFilter;
import org.entsupport.core.spi.TicketScope;
import org.entsupport.core.spi.TicketStore;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link TicketStore} must meet: round trips, optimistic locking, transactions
 * that roll back, idempotency keys, filters, counts, every sort order, and keyset paging without
 * gaps or duplicates, also while other threads insert.
 *
 * <p>Extend it and return a store over an <em>empty</em> database from {@link #createStore()}; it
 * is called before each test.
 */
public abstract class TicketStoreContract {

    /** A fixed base instant, at microsecond precision like every database keeps. */
    protected static final Instant T0 = Instant.parse("2026-03-02T08:15:30.123456Z");

    /** The store under test, fresh for each test. */
    protected TicketStore store;

    /** Creates the contract. */
    protected TicketStoreContract() {}

    /**
     * Returns a store over an empty database. Called before each test.
     *
     * @return the store under test
     */
    protected abstract TicketStore createStore();

    @BeforeEach
    void setUpStore() {
        store = createStore();
    }

    // ------------------------------------------------------------ helpers

    /**
     * A draft with sensible defaults.
     *
     * @param owner the requester's user id
     * @param school the school's id
     * @param subject the subject
     * @param created when it is filed
     * @return a draft with sensible defaults
     */
    protected static TicketDraft draft(String owner, String school, String subject, Instant created) {
        return new TicketDraft(
                owner,
                "Name of " + owner,
                school,
                "/blog",
                subject,
                "Description of " + subject,
                TicketStatus.NEW,
                created,
                "fr",
                0,
                null);
    }

    /**
     * Inserts a ticket.
     *
     * @param draft the ticket to insert
     * @return the stored ticket, with its id
     */
    protected Ticket insert(TicketDraft draft) {
        return store.inTransaction(tx -> tx.insertTicket(draft));
    }

    /**
     * Moves a stored ticket to a status at a time, through the optimistic update.
     *
     * @param t the stored ticket, at its current version
     * @param status the status to move to
     * @param at when the status changes
     * @return the ticket as stored after the change
     */
    protected Ticket setStatus(Ticket t, TicketStatus status, Instant at) {
        Ticket current = findOptional(t.id()).orElseThrow();
        Ticket changed = TicketCopy.of(current).status(status, at).nextVersion();
        store.useTransaction(tx -> {
            tx.updateTicket(changed, current.version());
        });
        return changed;
    }

    private List<Comment> commentsOf(long ticketId) {
        return store.inTransaction(tx -> tx.comments(ticketId));
    }

    private List<HistoryEvent> eventsOf(long ticketId) {
        return store.inTransaction(tx -> tx.events(ticketId));
    }

    private List<Attachment> attachmentsOf(long ticketId) {
        return store.inTransaction(tx -> tx.attachments(ticketId));
    }

    private java.util.Optional<Ticket> byKey(String owner, String key) {
        return store.inTransaction(tx -> tx.findByIdempotencyKey(owner, key));
    }

    private java.util.Optional<Ticket> byDeskIssue(String desk, String externalId) {
        return store.inTransaction(tx -> tx.findByDeskIssue(desk, externalId));
    }

    private java.util.Optional<Ticket> findOptional(long id) {
        return store.inTransaction(tx -> tx.findTicket(id));
    }

    private java.util.Optional<Ticket> lockOptional(long id) {
        return store.inTransaction(tx -> tx.lockTicket(id));
    }

    private List<Ticket> resolvedBefore(Instant cutoff, int limit) {
        return store.inTransaction(tx -> tx.resolvedBefore(cutoff, limit));
    }

    private Ticket find(long id) {
        return findOptional(id).orElseThrow();
    }

    private List<Ticket> page(TicketFilter filter, PageRequest page) {
        return store.inTransaction(tx -> tx.list(filter, page));
    }

    private static TicketFilter all() {
        return new TicketFilter(List.of(TicketScope.everything()), Set.of(), List.of());
    }

    private static List<Long> ids(List<Ticket> tickets) {
        return tickets.stream().map(Ticket::id).toList();
    }

    /** Reads every page of a list, following the keyset of each last row. */
    private List<Ticket> readAllPages(TicketFilter filter, TicketSort sort, SortDirection dir, int pageSize) {
        List<Ticket> all = new ArrayList<>();
        Keyset after = null;
        for (int guard = 0; guard < 100_000; guard++) {
            List<Ticket> rows = page(filter, new PageRequest(sort, dir, after, pageSize));
            all.addAll(rows);
            if (rows.size() < pageSize) {
                return all;
            }
            after = Keyset.of(sort, rows.get(rows.size() - 1));
        }
        throw new AssertionError("paging did not end");
    }

    // ------------------------------------------------------------ round trips

    @Test
    void insertedTicketReadsBackWithEveryField() {
        TicketDraft d = new TicketDraft(
                "u-1",
                "Zoé Lefèvre",
                "school-1",
                "/workspace",
                "Impossible d'ouvrir",
                "Le fichier « rapport » ne s'ouvre pas.\nDeuxième ligne.",
                TicketStatus.NEW,
                T0,
                "fr-FR",
                2,
                "key-1");
        Ticket t = insert(d);

        assertThat(t.id()).isPositive();
        assertThat(t.version()).isEqualTo(1);
        Ticket read = find(t.id());
        assertThat(read).isEqualTo(t);
        assertThat(read.owner()).isEqualTo("u-1");
        assertThat(read.ownerName()).isEqualTo("Zoé Lefèvre");
        assertThat(read.school()).isEqualTo("school-1");
        assertThat(read.category()).isEqualTo("/workspace");
        assertThat(read.subject()).isEqualTo("Impossible d'ouvrir");
        assertThat(read.description()).isEqualTo("Le fichier « rapport » ne s'ouvre pas.\nDeuxième ligne.");
        assertThat(read.status()).isEqualTo(TicketStatus.NEW);
        assertThat(read.escalationStatus()).isEqualTo(EscalationStatus.NOT_DONE);
        assertThat(read.created()).isEqualTo(T0);
        assertThat(read.modified()).isEqualTo(T0);
        assertThat(read.statusChanged()).isEqualTo(T0);
        assertThat(read.locale()).isEqualTo("fr-FR");
        assertThat(read.commentCount()).isZero();
        assertThat(read.attachmentCount()).isEqualTo(2);
        assertThat(read.escalation()).isNull();
    }

    @Test
    void richTextKeepsItsSanitisedHtmlBesideThePlainTextAndPlainTextHasNone() {
        String html = "<p>Voir <a href=\"https://ent.example/x\" rel=\"nofollow noopener\">ici</a> &amp; <b>là</b></p>";
        TicketDraft d = new TicketDraft(
                "u-1",
                "Zoé",
                "school-1",
                "/blog",
                "Sujet",
                "Voir ici (https://ent.example/x) & là",
                TicketStatus.NEW,
                T0,
                "fr",
                0,
                null,
                html);
        Ticket t = insert(d);
        Ticket read = find(t.id());
        assertThat(read.descriptionHtml()).isEqualTo(html);
        assertThat(read.description()).isEqualTo("Voir ici (https://ent.example/x) & là");
        assertThat(read).isEqualTo(t);
        Ticket plain = find(insert(draft("u-1", "s", "x < y", T0)).id());
        assertThat(plain.descriptionHtml()).isNull();

        Ticket edited = TicketCopy.of(read)
                .fields("Sujet", "/blog", "a<b", T0.plusSeconds(1))
                .nextVersion();
        store.useTransaction(tx -> {
            tx.updateTicket(edited, read.version());
        });
        assertThat(find(t.id()).descriptionHtml())
                .as("a plain-text edit drops the HTML")
                .isNull();
        assertThat(find(t.id()).description()).isEqualTo("a<b");

        Comment rich = store.inTransaction(tx -> tx.insertComment(new CommentDraft(
                t.id(), "u-2", "Référente", "Bonjour", T0.plusSeconds(2), Origin.LOCAL, null, "<p>Bonjour</p>")));
        Comment plainComment = store.inTransaction(tx -> tx.insertComment(new CommentDraft(
                t.id(), "u-2", "Référente", "écrire à <jean@ac-paris.fr>", T0.plusSeconds(3), Origin.LOCAL, null)));
        assertThat(commentsOf(t.id())).containsExactly(rich, plainComment);
        assertThat(commentsOf(t.id()).get(0).bodyHtml()).isEqualTo("<p>Bonjour</p>");
        assertThat(commentsOf(t.id()).get(1).bodyHtml()).isNull();
        assertThat(commentsOf(t.id()).get(1).body()).isEqualTo("écrire à <jean@ac-paris.fr>");
    }

    @Test
    void subjectAndCategoryOf255EmojiAreStored() {
        String emoji = "\uD83D\uDE00".repeat(255); // 255 code points, 510 UTF-16 units, 1020 UTF-8 bytes
        TicketDraft d =
                new TicketDraft("u-1", "Zoé", "school-1", emoji, emoji, "d", TicketStatus.NEW, T0, "fr", 0, null);
        Ticket read = find(insert(d).id());
        assertThat(read.subject()).isEqualTo(emoji);
        assertThat(read.category()).isEqualTo(emoji);
    }

    @Test
    void idsAreUniqueAndIncreasing() {
        long previous = 0;
        for (int i = 0; i < 20; i++) {
            Ticket t = insert(draft("u-1", "s", "t" + i, T0.plusSeconds(i)));
            assertThat(t.id()).isGreaterThan(previous);
            previous = t.id();
        }
    }

    @Test
    void missingTicketIsEmpty() {
        assertThat(findOptional(987_654_321L)).isEmpty();
        assertThat(lockOptional(987_654_321L)).isEmpty();
    }

    @Test
    void updateStoresEveryChangedFieldIncludingEscalation() {
        Ticket t = insert(draft("u-1", "s", "before", T0));
        Escalation esc = new Escalation(
                "u-admin",
                T0.plusSeconds(5),
                "redmine",
                "4711",
                "https://desk.example/issues/4711",
                T0.plusSeconds(9),
                null,
                "3");
        Ticket changed = TicketCopy.of(t)
                .fields("after", "/mail", "new description", T0.plusSeconds(10))
                .status(TicketStatus.WAITING, T0.plusSeconds(11))
                .activity(3, 4, T0.plusSeconds(12))
                .escalation(EscalationStatus.SUCCESSFUL, esc, T0.plusSeconds(13))
                .nextVersion();
        store.useTransaction(tx -> {
            tx.updateTicket(changed, 1);
        });
        assertThat(find(t.id())).isEqualTo(changed);
        assertThat(find(t.id()).version()).isEqualTo(2);
        assertThat(find(t.id()).escalation()).isEqualTo(esc);
    }

    @Test
    void staleVersionIsRefusedNamingBothVersions() {
        Ticket t = insert(draft("u-1", "s", "subject", T0));
        Ticket v2 =
                TicketCopy.of(t).fields("v2", "/blog", "d", T0.plusSeconds(1)).nextVersion();
        store.useTransaction(tx -> {
            tx.updateTicket(v2, 1);
        });
        Ticket stale = TicketCopy.of(t)
                .fields("stale", "/blog", "d", T0.plusSeconds(2))
                .nextVersion();

        assertThatThrownBy(() -> store.useTransaction(tx -> {
                    tx.updateTicket(stale, 1);
                }))
                .isInstanceOfSatisfying(TicketVersionConflictException.class, e -> {
                    assertThat(e.ticketId()).isEqualTo(t.id());
                    assertThat(e.expectedVersion()).isEqualTo(1);
                })
                .hasMessageContaining("Ticket " + t.id())
                .hasMessageContaining("version 1");
        assertThat(find(t.id()).subject()).isEqualTo("v2");
    }

    @Test
    void updateOfMissingTicketIsNotFound() {
        Ticket t = insert(draft("u-1", "s", "subject", T0));
        Ticket ghost = new Ticket(
                t.id() + 1000,
                t.owner(),
                t.ownerName(),
                t.school(),
                t.category(),
                t.subject(),
                t.description(),
                t.status(),
                t.escalationStatus(),
                t.created(),
                t.modified(),
                t.statusChanged(),
                2,
                t.locale(),
                0,
                0,
                null);
        assertThatThrownBy(() -> store.useTransaction(tx -> {
                    tx.updateTicket(ghost, 1);
                }))
                .isInstanceOfAny(TicketNotFoundException.class, TicketVersionConflictException.class);
    }

    @Test
    void commentsEventsAndAttachmentsRoundTripInOrder() {
        Ticket t = insert(draft("u-1", "s", "subject", T0));
        Comment c1 = store.inTransaction(tx -> tx.insertComment(new CommentDraft(
                t.id(), "u-2", "Référente", "Première réponse", T0.plusSeconds(2), Origin.LOCAL, null)));
        Comment c2 = store.inTransaction(tx -> tx.insertComment(new CommentDraft(
                t.id(), "desk", "Support", "Réponse du support", T0.plusSeconds(3), Origin.DESK, "j-9")));
        HistoryEvent e1 = store.inTransaction(
                tx -> tx.insertEvent(new EventDraft(t.id(), "u-1", EventType.CREATED, T0, Map.of("status", "NEW"))));
        HistoryEvent e2 = store.inTransaction(tx -> tx.insertEvent(new EventDraft(
                t.id(),
                null,
                EventType.STATUS_CHANGED,
                T0.plusSeconds(4),
                Map.of("from", "NEW", "to", "OPENED", "cause", "desk"))));
        Attachment a1 = store.inTransaction(tx -> tx.insertAttachment(
                new AttachmentDraft(t.id(), null, "écran.png", "image/png", 12_345, "key/1", "u-1", T0, Origin.LOCAL)));
        Attachment a2 = store.inTransaction(tx -> tx.insertAttachment(new AttachmentDraft(
                t.id(), c1.id(), "doc.pdf", "application/pdf", 99, "key/2", "u-2", T0.plusSeconds(2), Origin.DESK)));

        assertThat(commentsOf(t.id())).containsExactly(c1, c2);
        assertThat(c2.externalId()).isEqualTo("j-9");
        assertThat(c2.origin()).isEqualTo(Origin.DESK);
        assertThat(eventsOf(t.id())).containsExactly(e1, e2);
        assertThat(e2.actor()).isNull();
        assertThat(e2.parameters()).containsEntry("cause", "desk").hasSize(3);
        assertThat(attachmentsOf(t.id())).containsExactly(a1, a2);
        assertThat(a2.commentId()).isEqualTo(c1.id());
        assertThat(commentsOf(t.id() + 1)).isEmpty();
        assertThat(storageKeyOf(t.id(), a1.id()).orElse(null)).isEqualTo("key/1");
        assertThat(storageKeyOf(t.id(), a2.id()).orElse(null)).isEqualTo("key/2");
        assertThat(storageKeyOf(t.id() + 1, a1.id()).isPresent())
                .as("the key of an attachment asked through another ticket")
                .isFalse();
        assertThat(storageKeyOf(t.id(), a2.id() + 1000).isPresent()).isFalse();
    }

    private java.util.Optional<String> storageKeyOf(long ticketId, long attachmentId) {
        return store.<java.util.Optional<String>>inTransaction(tx -> tx.storageKey(ticketId, attachmentId));
    }

    @Test
    void externalIdIsUniquePerTicket() {
        Ticket t1 = insert(draft("u-1", "s", "one", T0));
        Ticket t2 = insert(draft("u-1", "s", "two", T0));
        store.inTransaction(
                tx -> tx.insertComment(new CommentDraft(t1.id(), "desk", "Support", "a", T0, Origin.DESK, "ext-1")));
        store.inTransaction(
                tx -> tx.insertComment(new CommentDraft(t2.id(), "desk", "Support", "a", T0, Origin.DESK, "ext-1")));

        assertThatThrownBy(() -> store.inTransaction(tx -> tx.insertComment(
                        new CommentDraft(t1.id(), "desk", "Support", "again", T0, Origin.DESK, "ext-1"))))
                .isInstanceOf(DuplicateExternalIdException.class)
                .hasMessageContaining("ext-1");
        assertThat(commentsOf(t1.id())).hasSize(1);
    }

    @Test
    void aForwardedCommentRecordsItsDeskIdAndTicketsAreFoundByTheirDeskIssue() {
        Ticket t = insert(draft("u-1", "s", "escalated", T0));
        Ticket other = insert(draft("u-1", "s", "other", T0));
        Ticket escalated = TicketCopy.of(t)
                .escalation(
                        EscalationStatus.SUCCESSFUL,
                        new Escalation(
                                "u-admin", T0, "redmine", "4711", "https://desk.example/issues/4711", null, null, "1"),
                        T0.plusSeconds(1))
                .nextVersion();
        store.useTransaction(tx -> {
            tx.updateTicket(escalated, 1);
        });
        Comment c = store.inTransaction(
                tx -> tx.insertComment(new CommentDraft(t.id(), "u-1", "A", "forwarded", T0, Origin.LOCAL, null)));
        store.useTransaction(tx -> {
            tx.setCommentExternalId(t.id(), c.id(), "journal-9");
        });

        assertThat(commentsOf(t.id()))
                .singleElement()
                .satisfies(x -> assertThat(x.externalId()).isEqualTo("journal-9"));
        assertThat(byDeskIssue("redmine", "4711").map(Ticket::id)).contains(t.id());
        assertThat(byDeskIssue("zendesk", "4711")).isEmpty();
        assertThat(byDeskIssue("redmine", "4712")).isEmpty();
        assertThat(other.id()).isNotEqualTo(t.id());
        // the desk id is unique on the ticket, like imported comments' ids
        assertThatThrownBy(() -> store.inTransaction(tx -> tx.insertComment(
                        new CommentDraft(t.id(), "desk", "Support", "echo", T0, Origin.DESK, "journal-9"))))
                .isInstanceOf(DuplicateExternalIdException.class);
    }

    @Test
    void timestampsKeepMicroseconds() {
        Instant precise = Instant.parse("2026-07-14T23:59:59.999999Z");
        Ticket t = insert(draft("u-1", "s", "precise", precise));
        assertThat(find(t.id()).created()).isEqualTo(precise);
    }

    // ------------------------------------------------------------ transactions

    @Test
    void failedTransactionWritesNothing() {
        assertThatThrownBy(() -> store.inTransaction(tx -> {
                    Ticket t = tx.insertTicket(new TicketDraft(
                            "u-1", "A", "s", "/blog", "doomed", "d", TicketStatus.NEW, T0, "fr", 0, "doomed-key"));
                    tx.insertComment(new CommentDraft(t.id(), "u-1", "A", "c", T0, Origin.LOCAL, null));
                    tx.insertEvent(new EventDraft(t.id(), "u-1", EventType.CREATED, T0, Map.of()));
                    throw new IllegalStateException("boom");
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("boom");

        assertThat(page(all(), new PageRequest(TicketSort.ID, SortDirection.ASC, null, 10)))
                .isEmpty();
        assertThat(byKey("u-1", "doomed-key")).isEmpty();
        // the key is free again
        insert(new TicketDraft(
                "u-1", "A", "s", "/blog", "second try", "d", TicketStatus.NEW, T0, "fr", 0, "doomed-key"));
        assertThat(byKey("u-1", "doomed-key")).isPresent();
    }

    @Test
    void failedUpdateLeavesTicketAsItWas() {
        Ticket t = insert(draft("u-1", "s", "subject", T0));
        assertThatThrownBy(() -> store.inTransaction(tx -> {
                    tx.updateTicket(
                            TicketCopy.of(t)
                                    .fields("changed", "/x", "y", T0.plusSeconds(1))
                                    .nextVersion(),
                            1);
                    tx.insertEvent(
                            new EventDraft(t.id(), "u-1", EventType.FIELDS_UPDATED, T0, Map.of("fields", "subject")));
                    throw new IllegalStateException("boom");
                }))
                .hasMessage("boom");
        assertThat(find(t.id())).isEqualTo(t);
        assertThat(eventsOf(t.id())).isEmpty();
    }

    // ------------------------------------------------------------ idempotency

    @Test
    void idempotencyKeyIsUniquePerOwner() {
        Ticket first =
                insert(new TicketDraft("u-1", "A", "s", "/blog", "first", "d", TicketStatus.NEW, T0, "fr", 0, "k-42"));
        assertThatThrownBy(() -> insert(
                        new TicketDraft("u-1", "A", "s", "/blog", "retry", "d", TicketStatus.NEW, T0, "fr", 0, "k-42")))
                .isInstanceOfSatisfying(DuplicateIdempotencyKeyException.class, e -> {
                    assertThat(e.owner()).isEqualTo("u-1");
                    assertThat(e.idempotencyKey()).isEqualTo("k-42");
                });
        Ticket other = insert(
                new TicketDraft("u-2", "B", "s", "/blog", "other owner", "d", TicketStatus.NEW, T0, "fr", 0, "k-42"));

        assertThat(byKey("u-1", "k-42")).contains(first);
        assertThat(byKey("u-2", "k-42")).contains(other);
        assertThat(byKey("u-3", "k-42")).isEmpty();
        assertThat(page(all(), new PageRequest(TicketSort.ID, SortDirection.ASC, null, 10)))
                .hasSize(2);
    }

    @Test
    void ticketsWithoutKeyNeverCollide() {
        insert(draft("u-1", "s", "a", T0));
        insert(draft("u-1", "s", "b", T0));
        assertThat(page(all(), new PageRequest(TicketSort.ID, SortDirection.ASC, null, 10)))
                .hasSize(2);
    }

    // ------------------------------------------------------------ filters and counts

    private List<Ticket> sampleSet() {
        List<Ticket> ts = new ArrayList<>();
        ts.add(insert(new TicketDraft(
                "alice",
                "Alice Martin",
                "s1",
                "/blog",
                "Publication impossible",
                "Le bouton « Publier » ne répond pas",
                TicketStatus.NEW,
                T0,
                "fr",
                0,
                null)));
        ts.add(insert(new TicketDraft(
                "bob",
                "Bob Éloïse",
                "s1",
                "/mail",
                "Messagerie lente",
                "Les courriels arrivent en retard",
                TicketStatus.NEW,
                T0.plusSeconds(1),
                "fr",
                0,
                null)));
        ts.add(insert(new TicketDraft(
                "alice",
                "Alice Martin",
                "s2",
                "/pronote",
                "Notes absentes",
                "100% des notes manquent_vraiment",
                TicketStatus.NEW,
                T0.plusSeconds(2),
                "fr",
                0,
                null)));
        ts.add(insert(new TicketDraft(
                "carol",
                "Carol Œdipe",
                "s3",
                "/blog",
                "ÉLÈVE bloqué",
                "L'élève ne peut pas se connecter",
                TicketStatus.NEW,
                T0.plusSeconds(3),
                "fr",
                0,
                null)));
        ts.add(insert(new TicketDraft(
                "bob",
                "Bob Éloïse",
                "s2",
                "/cahier",
                "Cahier de textes",
                "Rien à signaler 50%",
                TicketStatus.NEW,
                T0.plusSeconds(4),
                "fr",
                0,
                null)));
        ts.set(1, setStatus(ts.get(1), TicketStatus.OPENED, T0.plusSeconds(10)));
        ts.set(2, setStatus(ts.get(2), TicketStatus.RESOLVED, T0.plusSeconds(11)));
        ts.set(4, setStatus(ts.get(4), TicketStatus.CLOSED, T0.plusSeconds(12)));
        return ts;
    }

    private List<Long> matching(TicketFilter filter) {
        return ids(page(filter, new PageRequest(TicketSort.ID, SortDirection.ASC, null, 1000)));
    }

    @Test
    void scopesSelectSchoolsOwnersAndTheirUnionWithoutDuplicates() {
        List<Ticket> ts = sampleSet();
        long a1 = ts.get(0).id();
        long b1 = ts.get(1).id();
        long a2 = ts.get(2).id();
        long c3 = ts.get(3).id();
        long b2 = ts.get(4).id();

        assertThat(matching(new TicketFilter(List.of(new TicketScope(Set.of("s1"), null, null)), Set.of(), List.of())))
                .containsExactly(a1, b1);
        assertThat(matching(new TicketFilter(
                        List.of(new TicketScope(Set.of("s1", "s2"), null, "alice")), Set.of(), List.of())))
                .containsExactly(b1, b2);
        assertThat(matching(new TicketFilter(List.of(new TicketScope(null, "alice", null)), Set.of(), List.of())))
                .containsExactly(a1, a2);
        // a local admin of s1 who also filed tickets elsewhere: union, each ticket once
        assertThat(matching(new TicketFilter(
                        List.of(new TicketScope(Set.of("s1"), null, null), new TicketScope(null, "alice", null)),
                        Set.of(),
                        List.of())))
                .containsExactly(a1, b1, a2);
        assertThat(matching(new TicketFilter(List.of(new TicketScope(Set.of("s2"), "bob", null)), Set.of(), List.of())))
                .containsExactly(b2);
        assertThat(matching(new TicketFilter(List.of(), Set.of(), List.of()))).isEmpty();
        assertThat(matching(all())).containsExactly(a1, b1, a2, c3, b2);
    }

    @Test
    void statusFilterKeepsOnlyThoseStatuses() {
        List<Ticket> ts = sampleSet();
        assertThat(matching(new TicketFilter(
                        List.of(TicketScope.everything()), Set.of(TicketStatus.NEW, TicketStatus.OPENED), List.of())))
                .containsExactly(ts.get(0).id(), ts.get(1).id(), ts.get(3).id());
        assertThat(matching(
                        new TicketFilter(List.of(TicketScope.everything()), Set.of(TicketStatus.WAITING), List.of())))
                .isEmpty();
    }

    private List<Long> search(String text) {
        return matching(new TicketFilter(List.of(TicketScope.everything()), Set.of(), SearchText.words(text)));
    }

    @Test
    void searchIgnoresAccentsAndCaseInSubjectDescriptionAndAuthor() {
        List<Ticket> ts = sampleSet();
        assertThat(search("eleve")).containsExactly(ts.get(3).id());
        assertThat(search("ÉLÈVE")).containsExactly(ts.get(3).id());
        assertThat(search("publier")).containsExactly(ts.get(0).id());
        assertThat(search("eloise")).containsExactly(ts.get(1).id(), ts.get(4).id());
        assertThat(search("oedipe")).containsExactly(ts.get(3).id());
        assertThat(search("messagerie LENTE")).containsExactly(ts.get(1).id());
        assertThat(search("messagerie absentes")).isEmpty();
        assertThat(search("nothing-like-this")).isEmpty();
    }

    @Test
    void searchFindsTicketNumber() {
        List<Ticket> ts = sampleSet();
        assertThat(search(Long.toString(ts.get(2).id()))).contains(ts.get(2).id());
    }

    @Test
    void searchTreatsPercentAndUnderscoreLiterally() {
        List<Ticket> ts = sampleSet();
        assertThat(search("100%")).containsExactly(ts.get(2).id());
        assertThat(search("%")).containsExactly(ts.get(2).id(), ts.get(4).id());
        assertThat(search("manquent_vraiment")).containsExactly(ts.get(2).id());
        assertThat(search("_")).containsExactly(ts.get(2).id());
        assertThat(search("\\")).isEmpty();
    }

    private List<Long> searchIn(Set<String> schools, String text) {
        return matching(
                new TicketFilter(List.of(new TicketScope(schools, null, null)), Set.of(), SearchText.words(text)));
    }

    /**
     * A search in some schools (a local admin's) finds a text inside words, across punctuation and
     * symbols, with characters outside the BMP, and only in those schools; never across two fields.
     */
    @Test
    void searchInSchoolsFindsTextInsideWordsAcrossPunctuationAndOnlyThere() {
        List<Ticket> ts = sampleSet();
        Ticket symbols = insert(new TicketDraft(
                "dan",
                "Dan Roy",
                "s2",
                "/blog",
                "Émoji",
                "Le code 😀abc s'affiche; réf. A_B-12!x",
                TicketStatus.NEW,
                T0.plusSeconds(5),
                "fr",
                0,
                null));
        Ticket elsewhere = insert(new TicketDraft(
                "eve",
                "Eve Roy",
                "s3",
                "/blog",
                "Imprimante",
                "L'imprimante 😀abc réf. A_B-12!x",
                TicketStatus.NEW,
                T0.plusSeconds(6),
                "fr",
                0,
                null));
        Set<String> s12 = Set.of("s1", "s2");
        assertThat(searchIn(s12, "ublicat"))
                .as("inside a word")
                .containsExactly(ts.get(0).id());
        assertThat(searchIn(s12, "« PUBLIER »")).containsExactly(ts.get(0).id());
        assertThat(searchIn(s12, "😀ab")).as("outside the BMP").containsExactly(symbols.id());
        assertThat(searchIn(s12, "a_b-12!x")).containsExactly(symbols.id());
        assertThat(searchIn(s12, "s'affiche;")).containsExactly(symbols.id());
        assertThat(searchIn(s12, "12!")).containsExactly(symbols.id());
        assertThat(searchIn(s12, "ab"))
                .as("two letters")
                .containsExactly(ts.get(2).id(), symbols.id());
        assertThat(searchIn(s12, "entel")).as("never across two fields").isEmpty();
        assertThat(searchIn(s12, "imprimante")).as("only in the listed schools").isEmpty();
        assertThat(searchIn(Set.of("s3"), "imprimante 😀abc")).containsExactly(elsewhere.id());
        assertThat(searchIn(s12, "eloise retard")).containsExactly(ts.get(1).id());
        assertThat(searchIn(s12, "eloise " + ts.get(4).id()))
                .as("a ticket number")
                .containsExactly(ts.get(4).id());
        assertThat(searchIn(s12, "retard absentes")).as("every word").isEmpty();
        // a local admin of s1 who filed a ticket in s3
        assertThat(matching(new TicketFilter(
                        List.of(new TicketScope(Set.of("s1"), null, null), new TicketScope(null, "carol", null)),
                        Set.of(),
                        SearchText.words("eleve"))))
                .containsExactly(ts.get(3).id());
        assertThat(matching(new TicketFilter(
                        List.of(new TicketScope(Set.of("s1", "s3"), null, "carol")),
                        Set.of(),
                        SearchText.words("élève"))))
                .as("without the excluded owner's tickets")
                .isEmpty();
    }

    @Test
    void countsPerStatusFollowTheFilter() {
        sampleSet();
        Map<TicketStatus, Long> all = store.inTransaction(tx -> tx.countByStatus(all()));
        assertThat(nonZero(all))
                .containsOnly(
                        Map.entry(TicketStatus.NEW, 2L),
                        Map.entry(TicketStatus.OPENED, 1L),
                        Map.entry(TicketStatus.RESOLVED, 1L),
                        Map.entry(TicketStatus.CLOSED, 1L));
        Map<TicketStatus, Long> s2 = store.inTransaction(tx -> tx.countByStatus(
                new TicketFilter(List.of(new TicketScope(Set.of("s2"), null, null)), Set.of(), List.of())));
        assertThat(nonZero(s2)).containsOnly(Map.entry(TicketStatus.RESOLVED, 1L), Map.entry(TicketStatus.CLOSED, 1L));
        Map<TicketStatus, Long> union = store.inTransaction(tx -> tx.countByStatus(new TicketFilter(
                List.of(new TicketScope(Set.of("s1"), null, null), new TicketScope(null, "alice", null)),
                Set.of(),
                List.of())));
        assertThat(nonZero(union))
                .containsOnly(
                        Map.entry(TicketStatus.NEW, 1L),
                        Map.entry(TicketStatus.OPENED, 1L),
                        Map.entry(TicketStatus.RESOLVED, 1L));
        Map<TicketStatus, Long> searched = store.inTransaction(tx -> tx.countByStatus(
                new TicketFilter(List.of(TicketScope.everything()), Set.of(), SearchText.words("eloise"))));
        assertThat(nonZero(searched))
                .containsOnly(Map.entry(TicketStatus.OPENED, 1L), Map.entry(TicketStatus.CLOSED, 1L));
    }

    private static Map<TicketStatus, Long> nonZero(Map<TicketStatus, Long> counts) {
        return counts.entrySet().stream()
                .filter(e -> e.getValue() != 0)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    @Test
    void resolvedBeforeReturnsOldResolvedTicketsOldestFirst() {
        Ticket a = insert(draft("u", "s", "a", T0));
        Ticket b = insert(draft("u", "s", "b", T0));
        Ticket c = insert(draft("u", "s", "c", T0));
        Ticket d = insert(draft("u", "s", "d", T0));
        setStatus(a, TicketStatus.RESOLVED, T0.plusSeconds(20));
        setStatus(b, TicketStatus.RESOLVED, T0.plusSeconds(10));
        setStatus(c, TicketStatus.RESOLVED, T0.plusSeconds(40));
        setStatus(d, TicketStatus.CLOSED, T0.plusSeconds(5));

        assertThat(ids(resolvedBefore(T0.plusSeconds(20), 10))).containsExactly(b.id(), a.id());
        assertThat(ids(resolvedBefore(T0.plusSeconds(60), 1))).containsExactly(b.id());
    }

    // ------------------------------------------------------------ order and keyset paging

    /** Inserts {@code n} tickets with many ties in every sort key, with a fixed seed. */
    private List<Ticket> randomTickets(int n, long seed) {
        Random random = new Random(seed);
        String[] subjects = {"alpha", "Alpha", "beta", "beta", "gamma", "zeta", "éclair", "Écran", "a", "a b"};
        TicketStatus[] statuses = TicketStatus.values();
        List<Ticket> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Instant created = T0.plusSeconds(random.nextInt(5));
            Ticket t = insert(new TicketDraft(
                    "u" + random.nextInt(4),
                    "User",
                    "s" + random.nextInt(3),
                    "/blog",
                    subjects[random.nextInt(subjects.length)],
                    "d",
                    TicketStatus.NEW,
                    created,
                    "fr",
                    0,
                    null));
            TicketStatus status = statuses[random.nextInt(statuses.length)];
            if (status != TicketStatus.NEW) {
                t = setStatus(t, status, created.plus(random.nextInt(3), ChronoUnit.MICROS));
            }
            out.add(t);
        }
        return out;
    }

    @Test
    void everyOrderMatchesTheReferenceComparatorAndPagesWithoutGapsOrDuplicates() {
        long seed = 20261128L;
        List<Ticket> tickets = randomTickets(60, seed);
        TicketFilter filter = new TicketFilter(
                List.of(new TicketScope(Set.of("s0", "s1"), null, null), new TicketScope(null, "u1", null)),
                Set.of(),
                List.of());
        for (TicketSort sort : TicketSort.values()) {
            for (SortDirection dir : SortDirection.values()) {
                PageRequest reference = new PageRequest(sort, dir, null, 1);
                List<Long> expected = ids(tickets.stream()
                        .map(t -> find(t.id()))
                        .filter(filter::matches)
                        .sorted(reference.comparator())
                        .toList());
                for (int pageSize : new int[] {1, 7, 25}) {
                    List<Long> got = ids(readAllPages(filter, sort, dir, pageSize));
                    assertThat(got)
                            .as("sort %s %s, page size %d (seed %d)", sort, dir, pageSize, seed)
                            .containsExactlyElementsOf(expected);
                }
            }
        }
    }

    @Test
    void exportHandsEveryMatchingTicketInTheListsOrder() {
        List<Ticket> tickets = randomTickets(60, 20261205L);
        List<TicketFilter> filters = List.of(
                new TicketFilter(
                        List.of(new TicketScope(Set.of("s0", "s1"), null, null), new TicketScope(null, "u1", null)),
                        Set.of(),
                        List.of()),
                new TicketFilter(
                        List.of(new TicketScope(Set.of("s0", "s2"), null, "u2")),
                        Set.of(TicketStatus.NEW, TicketStatus.CLOSED),
                        List.of()),
                new TicketFilter(List.of(), Set.of(), List.of()));
        for (TicketFilter filter : filters) {
            for (TicketSort sort : TicketSort.values()) {
                for (SortDirection dir : SortDirection.values()) {
                    List<Ticket> expected = tickets.stream()
                            .map(t -> find(t.id()))
                            .filter(filter::matches)
                            .sorted(new PageRequest(sort, dir, null, 1).comparator())
                            .toList();
                    List<String> got = new ArrayList<>();
                    long n = store.export(filter, sort, dir, row -> got.add(exportLine(row)));
                    assertThat(got)
                            .as("export, %s, sort %s %s", filter, sort, dir)
                            .containsExactlyElementsOf(expected.stream()
                                    .map(t -> exportLine(org.entsupport.core.spi.ExportRow.of(t)))
                                    .toList());
                    assertThat(n).isEqualTo(expected.size());
                }
            }
        }
    }

    private static String exportLine(org.entsupport.core.spi.ExportRow r) {
        return r.id() + "|" + r.created() + "|" + r.modified() + "|" + r.status() + "|" + r.school() + "|"
                + r.category() + "|" + r.subject() + "|" + r.owner() + "|" + r.ownerName() + "|"
                + r.escalationStatus() + "|" + r.commentCount() + "|" + r.attachmentCount() + "|" + r.description();
    }

    @Test
    void pagingStaysExactWhileOtherThreadsInsert() throws Exception {
        List<Ticket> before = randomTickets(80, 7L);
        Set<Long> existing = new HashSet<>(ids(before));
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Integer>> writers = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            int writer = w;
            writers.add(pool.submit(() -> {
                started.countDown();
                int n = 0;
                while (!stop.get() && n < 500) {
                    // newer tickets: they sort before the reader's position and must not disturb it
                    insert(draft("w" + writer, "s0", "concurrent " + n, T0.plusSeconds(3600 + n)));
                    n++;
                }
                return n;
            }));
        }
        started.await(10, TimeUnit.SECONDS);
        List<Ticket> read;
        try {
            read = readAllPages(all(), TicketSort.MODIFIED, SortDirection.DESC, 5);
        } finally {
            stop.set(true);
            pool.shutdown();
        }
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        int inserted = 0;
        for (Future<Integer> f : writers) {
            inserted += f.get();
        }
        List<Long> readIds = ids(read);
        assertThat(new HashSet<>(readIds))
                .as("no duplicate in %d rows", readIds.size())
                .hasSize(readIds.size());
        assertThat(readIds).containsAll(existing);
        List<Long> ordered = new ArrayList<>(readIds);
        List<Ticket> sortedCopy = new ArrayList<>(read);
        sortedCopy.sort(new PageRequest(TicketSort.MODIFIED, SortDirection.DESC, null, 1).comparator());
        assertThat(ids(sortedCopy)).containsExactlyElementsOf(ordered);
        assertThat(inserted).isPositive();
    }

    @Test
    void keysetOnSubjectWithSameValueContinuesByIdTiebreaker() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            ids.add(insert(draft("u", "s", "même sujet", T0)).id());
        }
        List<Long> asc = ids(readAllPages(all(), TicketSort.SUBJECT, SortDirection.ASC, 2));
        assertThat(asc).containsExactlyElementsOf(ids);
        List<Long> desc = ids(readAllPages(all(), TicketSort.CREATED, SortDirection.DESC, 4));
        List<Long> reversed = new ArrayList<>(ids);
        Collections.reverse(reversed);
        assertThat(desc).containsExactlyElementsOf(reversed);
    }

    /**
     * Helper for subclasses that need a ticket in a given state.
     *
     * @param owner the requester's user id
     * @param school the school's id
     * @param status the status it should have
     * @param at when the status changes, or {@code null} for one second after creation
     * @return the stored ticket
     */
    protected Ticket insertWithStatus(String owner, String school, TicketStatus status, @Nullable Instant at) {
        Ticket t = insert(draft(owner, school, "subject", T0));
        return status == TicketStatus.NEW ? t : setStatus(t, status, at == null ? T0.plusSeconds(1) : at);
    }
}

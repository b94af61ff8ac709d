package org.entsupport.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.entsupport.core.Actor;
import org.entsupport.core.CommentAdded;
import org.entsupport.core.EscalationNotAllowedException;
import org.entsupport.core.IdempotencyKeyReusedException;
import org.entsupport.core.NewComment;
import org.entsupport.core.NewTicket;
import org.entsupport.core.Support;
import org.entsupport.core.TicketVersionConflictException;
import org.entsupport.core.ValidationException;
import org.entsupport.core.attachment.FileSystemAttachmentStore;
import org.entsupport.core.attachment.NewFile;
import org.entsupport.core.memory.InMemorySupportDesk;
import org.entsupport.core.model.Attachment;
import org.entsupport.core.model.EscalationStatus;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketStatus;
import org.entsupport.core.spi.DuplicateIdempotencyKeyException;
import org.entsupport.core.spi.IdempotentWrite;
import org.entsupport.core.spi.TicketStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of idempotency keys on changes to a ticket, for every {@link TicketStore}: the store keeps the
 * record of a keyed change ({@link org.entsupport.core.spi.StoreTransaction#insertIdempotentWrite}) unique and in
 * the change's transaction, and through the facade a comment, a status change, an upload or an escalation sent
 * again with the same key answers with the first result and writes nothing (no comment, event or outbox
 * message), while the key with other content is refused and writes nothing either.
 *
 * <p>Extend it and return a store over an <em>empty</em> database from {@link #createStore()}; it is called
 * before each test.
 */
public abstract class IdempotentChangesContract {

    private static final Instant T0 = Instant.parse("2026-03-02T08:15:30.123456Z");

    /** The store under test, fresh for each test. */
    protected TicketStore store;

    private Path files;
    private Support support;
    private final Actor alice = Actor.user("alice", "Alice").memberOf("s1").build();
    private final Actor admin =
            Actor.user("ref", "Référent").adminOf("s1").mayEscalateIn("s1").build();

    /** Creates the contract. */
    protected IdempotentChangesContract() {}

    /**
     * Returns a store over an empty database. Called before each test.
     *
     * @return the store under test
     */
    protected abstract TicketStore createStore();

    @BeforeEach
    void setUpStore() throws IOException {
        store = createStore();
        files = Files.createTempDirectory("support-tck-idem");
        support = Support.builder()
                .store(store)
                .attachmentStore(new FileSystemAttachmentStore(files))
                .notifier(n -> {})
                .linkTemplate("https://ent.example/support#/ticket/{id}")
                .desk(new InMemorySupportDesk())
                .escalationEnabled(school -> true)
                .build();
    }

    @AfterEach
    void removeFiles() throws IOException {
        try (var walk = Files.walk(files)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private Ticket file() {
        return support.create(
                alice,
                NewTicket.builder()
                        .school("s1")
                        .category("/blog")
                        .subject("Cannot publish")
                        .description("The button does nothing.")
                        .build());
    }

    /** Comments, events and pending outbox messages of a ticket: what a replay must not add to. */
    private List<Long> written(long ticketId) {
        return store.inTransaction(tx -> List.of(
                (long) tx.comments(ticketId).size(),
                (long) tx.events(ticketId).size(),
                (long) tx.attachments(ticketId).size(),
                store.outbox().pendingCount()));
    }

    /** How many files the attachment store keeps. */
    private long keptFiles() {
        try (var walk = Files.walk(files)) {
            return walk.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private java.util.Optional<IdempotentWrite> record(String actor, String operation, long ticketId, String key) {
        return store.inTransaction(tx -> tx.findIdempotentWrite(actor, operation, ticketId, key));
    }

    private List<org.entsupport.core.model.Comment> comments(long ticketId) {
        return store.inTransaction(tx -> tx.comments(ticketId));
    }

    // ------------------------------------------------------------ the store's records

    @Test
    void aKeyedChangeIsRecordedOncePerActorOperationTicketAndKey() {
        Ticket t = file();
        Ticket other = file();
        IdempotentWrite w = new IdempotentWrite("alice", "comment", t.id(), "k-1", "f".repeat(64), "7", T0);
        store.useTransaction(tx -> tx.insertIdempotentWrite(w));

        assertThat(record("alice", "comment", t.id(), "k-1")).contains(w);
        assertThatThrownBy(() -> store.useTransaction(tx -> tx.insertIdempotentWrite(
                        new IdempotentWrite("alice", "comment", t.id(), "k-1", "e".repeat(64), "8", T0))))
                .isInstanceOf(DuplicateIdempotencyKeyException.class);
        // the same key of another actor, operation or ticket is another record
        store.useTransaction(tx -> {
            tx.insertIdempotentWrite(new IdempotentWrite("bob", "comment", t.id(), "k-1", "a", "1", T0));
            tx.insertIdempotentWrite(new IdempotentWrite("alice", "status", t.id(), "k-1", "b", "2", T0));
            tx.insertIdempotentWrite(new IdempotentWrite("alice", "comment", other.id(), "k-1", "c", "3", T0));
        });
        assertThat(record("alice", "comment", t.id(), "k-1")).contains(w);
        assertThat(record("alice", "comment", other.id(), "k-1"))
                .hasValueSatisfying(x -> assertThat(x.result()).isEqualTo("3"));
        assertThat(record("alice", "comment", t.id(), "K-1"))
                .as("keys are case-sensitive")
                .isEmpty();
    }

    @Test
    void aKeyedChangeRecordRollsBackWithItsTransaction() {
        Ticket t = file();
        assertThatThrownBy(() -> store.useTransaction(tx -> {
                    tx.insertIdempotentWrite(new IdempotentWrite("alice", "comment", t.id(), "k-2", "f", "7", T0));
                    throw new IllegalStateException("boom");
                }))
                .hasMessage("boom");
        assertThat(record("alice", "comment", t.id(), "k-2")).isEmpty();
    }

    // ------------------------------------------------------------ replays through the facade

    @Test
    void aCommentSentAgainWithItsKeyIsWrittenOnce() {
        Ticket t = file();
        NewComment comment = NewComment.of("Which browser do you use?").withIdempotencyKey("c-1");
        CommentAdded first = support.comment(admin, t.id(), comment);
        List<Long> before = written(t.id());

        CommentAdded again = support.comment(admin, t.id(), comment);

        assertThat(again.comment()).isEqualTo(first.comment());
        assertThat(again.ticket().version()).isEqualTo(first.ticket().version());
        assertThat(again.ticket().status()).isEqualTo(TicketStatus.OPENED);
        assertThat(written(t.id())).as("comments, events, files, outbox").isEqualTo(before);
        // the same key of another actor is theirs
        support.comment(alice, t.id(), NewComment.of("Firefox").withIdempotencyKey("c-1"));
        assertThat(comments(t.id())).hasSize(2);
    }

    @Test
    void aKeyUsedAgainForAnotherCommentIsRefusedAndWritesNothing() {
        Ticket t = file();
        support.comment(admin, t.id(), NewComment.of("Which browser?").withIdempotencyKey("c-2"));
        List<Long> before = written(t.id());

        assertThatThrownBy(() -> support.comment(
                        admin, t.id(), NewComment.of("Something else").withIdempotencyKey("c-2")))
                .isInstanceOfSatisfying(IdempotencyKeyReusedException.class, e -> {
                    assertThat(e.violations()).singleElement().satisfies(v -> {
                        assertThat(v.field()).isEqualTo("idempotencyKey");
                        assertThat(v.code()).isEqualTo("idempotency-key-reused");
                    });
                    assertThat(e.userMessage(java.util.Locale.ENGLISH))
                            .startsWith("Request key was already used for a different request.");
                    assertThat(e.userMessage(java.util.Locale.FRENCH)).startsWith("Clé de la demande");
                    assertThat(e.operation()).isEqualTo("comment");
                    assertThat(e.ticketId()).isEqualTo(t.id());
                });
        assertThat(written(t.id())).isEqualTo(before);
    }

    @Test
    void aStatusChangeSentAgainWithItsKeyAnswersWithoutAConflict() {
        Ticket t = file();
        Ticket waiting = support.changeStatus(admin, t.id(), TicketStatus.WAITING, t.version(), "s-1");
        List<Long> before = written(t.id());

        Ticket again = support.changeStatus(admin, t.id(), TicketStatus.WAITING, t.version(), "s-1");

        assertThat(again).isEqualTo(waiting);
        assertThat(written(t.id())).isEqualTo(before);
        // without the key, the stale version is a conflict as before
        assertThatThrownBy(() -> support.changeStatus(admin, t.id(), TicketStatus.WAITING, t.version()))
                .isInstanceOf(TicketVersionConflictException.class);
        assertThatThrownBy(() -> support.changeStatus(admin, t.id(), TicketStatus.RESOLVED, t.version(), "s-1"))
                .isInstanceOf(IdempotencyKeyReusedException.class);
        assertThat(support.get(admin, t.id()).status()).isEqualTo(TicketStatus.WAITING);
        assertThat(written(t.id())).isEqualTo(before);
    }

    @Test
    void filesSentAgainWithTheirKeyAreKeptOnce() {
        Ticket t = file();
        List<Attachment> first = support.attach(
                alice, t.id(), List.of(NewFile.of("notes.txt", "first notes".getBytes(StandardCharsets.UTF_8))), "a-1");
        List<Long> before = written(t.id());

        List<Attachment> again = support.attach(
                alice, t.id(), List.of(NewFile.of("notes.txt", "first notes".getBytes(StandardCharsets.UTF_8))), "a-1");

        assertThat(again).isEqualTo(first);
        assertThat(written(t.id())).isEqualTo(before);
        assertThat(keptFiles()).as("the replay's copy is discarded").isEqualTo(1);
        assertThatThrownBy(() -> support.attach(
                        alice,
                        t.id(),
                        List.of(NewFile.of("notes.txt", "other notes".getBytes(StandardCharsets.UTF_8))),
                        "a-1"))
                .isInstanceOf(IdempotencyKeyReusedException.class);
        assertThat(written(t.id())).isEqualTo(before);
    }

    @Test
    void anEscalationSentAgainWithItsKeyIsNotRefusedAsAlreadyDone() {
        Ticket t = file();
        Ticket escalated = support.escalate(admin, t.id(), "e-1");
        assertThat(escalated.escalationStatus()).isEqualTo(EscalationStatus.IN_PROGRESS);
        List<Long> before = written(t.id());

        assertThat(support.escalate(admin, t.id(), "e-1")).isEqualTo(escalated);

        assertThat(written(t.id())).isEqualTo(before);
        assertThatThrownBy(() -> support.escalate(admin, t.id(), "e-2"))
                .isInstanceOf(EscalationNotAllowedException.class);
    }

    @Test
    void anInvalidKeyIsRefusedNamingTheField() {
        Ticket t = file();
        for (String bad : List.of("", "with space", "é", "x".repeat(256))) {
            assertThatThrownBy(() -> support.comment(
                            admin, t.id(), NewComment.of("Hello").withIdempotencyKey(bad)))
                    .as(bad)
                    .isInstanceOfSatisfying(
                            ValidationException.class,
                            e -> assertThat(e.violations())
                                    .singleElement()
                                    .satisfies(v -> assertThat(v.field()).isEqualTo("idempotencyKey")));
            assertThatThrownBy(() -> support.changeStatus(admin, t.id(), TicketStatus.WAITING, t.version(), bad))
                    .isInstanceOf(ValidationException.class);
            assertThatThrownBy(() -> support.escalate(admin, t.id(), bad)).isInstanceOf(ValidationException.class);
        }
        assertThat(comments(t.id())).isEmpty();
    }

    @Test
    void concurrentAttemptsWithOneKeyWriteOneComment() throws Exception {
        Ticket t = file();
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<CommentAdded>> done = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<CommentAdded> attempt = () -> {
                    start.await();
                    return support.comment(alice, t.id(), NewComment.of("Once").withIdempotencyKey("c-race"));
                };
                done.add(pool.submit(attempt));
            }
            start.countDown();
            long id = done.get(0).get(30, TimeUnit.SECONDS).comment().id();
            for (Future<CommentAdded> f : done) {
                assertThat(f.get(30, TimeUnit.SECONDS).comment().id()).isEqualTo(id);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(comments(t.id())).hasSize(1);
    }
}

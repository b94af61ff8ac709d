package org.entsupport.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.entsupport.core.AccessDeniedException;
import org.entsupport.core.Actor;
import org.entsupport.core.DataKind;
import org.entsupport.core.DataProtection;
import org.entsupport.core.LifecycleOperation;
import org.entsupport.core.LifecycleReport;
import org.entsupport.core.NewComment;
import org.entsupport.core.NewTicket;
import org.entsupport.core.RetentionPolicy;
import org.entsupport.core.StoreException;
import org.entsupport.core.Support;
import org.entsupport.core.TicketNotFoundException;
import org.entsupport.core.TicketQuery;
import org.entsupport.core.attachment.AttachmentStore;
import org.entsupport.core.attachment.NewFile;
import org.entsupport.core.model.Comment;
import org.entsupport.core.model.HistoryEvent;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketStatus;
import org.entsupport.core.outbox.OutboxStore;
import org.entsupport.core.spi.DeskSyncStore;
import org.entsupport.core.spi.Directory;
import org.entsupport.core.spi.LifecycleLogEntry;
import org.entsupport.core.spi.LifecycleStore;
import org.entsupport.core.spi.PersonalFeedEntry;
import org.entsupport.core.spi.Pseudonym;
import org.entsupport.core.spi.StoredAttachment;
import org.entsupport.core.spi.TicketPurge;
import org.entsupport.core.spi.TicketStore;
import org.entsupport.notify.Notification;
import org.entsupport.notify.Notifier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of a store's {@link LifecycleStore}, driven through {@link DataProtection} as a host uses it:
 * anonymisation (complete, idempotent, and completed by a second run after a failure halfway), export of one
 * person's data, retention purge, deletion of one request, removal of orphan content, and a log that records
 * counts and never what was erased. Extend it with a store over an empty database and an attachment store.
 */
public abstract class LifecycleStoreContract {

    private static final String ANONYMISED = "Utilisateur anonymisé";

    /** The store under test, fresh for each test. */
    protected TicketStore store;

    /** The attachment store under test, fresh for each test. */
    protected AttachmentStore files;

    private MutableClock clock;
    private final List<Support> opened = new ArrayList<>();

    private final Actor alice =
            Actor.user("u-alice", "Alice Martin").memberOf("school-1").build();
    private final Actor carol =
            Actor.user("u-carol", "Carol Petit").memberOf("school-1").build();
    private final Actor bruno =
            Actor.user("u-bruno", "Bruno Durand").adminOf("school-1").build();
    private final Actor root = Actor.user("u-root", "Root").platformAdmin().build();

    /** Creates the contract. */
    protected LifecycleStoreContract() {}

    /**
     * Returns a store over an empty database; called before each test.
     *
     * @return a store over an empty database
     */
    protected abstract TicketStore createStore();

    /**
     * Returns an empty attachment store that lists its content ({@link AttachmentStore#storedBefore}) by the
     * time it was stored: by {@code clock} or by the real time (the contract's clock starts at the real time
     * and only moves forward).
     *
     * @param clock the clock of the test
     * @return an empty attachment store
     */
    protected abstract AttachmentStore createAttachmentStore(Clock clock);

    /**
     * Notifiers the store brings, such as a news feed kept in the same database; none by default.
     *
     * @param store the store of the test
     * @return the notifiers to register
     */
    protected List<Notifier> storeNotifiers(TicketStore store) {
        return List.of();
    }

    @BeforeEach
    void setUpStore() {
        clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        store = createStore();
        files = createAttachmentStore(clock);
    }

    @AfterEach
    void closeSupports() {
        opened.forEach(Support::close);
    }

    private Support support(TicketStore over) {
        Support.Builder b = Support.builder()
                .store(over)
                .attachmentStore(files)
                .clock(clock)
                .directory(new Directory() {
                    @Override
                    public Set<String> localAdmins(String school) {
                        return Set.of("u-bruno");
                    }

                    @Override
                    public Optional<String> email(String userId) {
                        return Optional.of(userId.substring(2) + "@example.org");
                    }
                })
                .notifier(new Silent())
                .linkTemplate("https://ent.example/support#/ticket/{id}")
                .retention(RetentionPolicy.keepClosedTicketsFor(Duration.ofDays(30))
                        .withBatchSize(2));
        storeNotifiers(over).forEach(b::notifier);
        Support s = b.build();
        opened.add(s);
        return s;
    }

    private static NewFile file(String name, String text) {
        return NewFile.of(name, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Alice's request with her file, Bruno's answer naming her, her three replies (one with a file). */
    private record Scene(Ticket alices, Ticket carols, Comment brunos) {}

    private Scene scene(Support s) {
        Ticket t1 = s.create(
                alice,
                NewTicket.builder()
                        .school("school-1")
                        .category("/blog")
                        .subject("Alice Martin cannot publish")
                        .description("Hello, I am Alice Martin from 6e B. alice martin again.")
                        .file(file("alice-notes.txt", "notes of Alice"))
                        .build());
        Comment brunos = s.comment(bruno, t1.id(), NewComment.of("Hello Alice Martin, which browser?"))
                .comment();
        s.comment(alice, t1.id(), NewComment.of("Firefox. Alice Martin", file("screen.txt", "screen of Alice")));
        s.comment(alice, t1.id(), NewComment.of("Still broken"));
        s.comment(alice, t1.id(), NewComment.of("Thanks, Alice"));
        Ticket t2 = s.create(
                carol,
                NewTicket.builder()
                        .school("school-1")
                        .category("/blog")
                        .subject("Carol Petit has a question")
                        .description("Carol's own words")
                        .file(file("carol.txt", "notes of Carol"))
                        .build());
        s.comment(bruno, t2.id(), NewComment.of("Noted, Carol"));
        s.relay().deliverDue();
        return new Scene(t1, t2, brunos);
    }

    private List<Comment> commentsOf(long ticketId) {
        return store.inTransaction(tx -> tx.comments(ticketId));
    }

    private List<HistoryEvent> eventsOf(long ticketId) {
        return store.inTransaction(tx -> tx.events(ticketId));
    }

    private List<org.entsupport.core.model.Attachment> attachmentsOf(long ticketId) {
        return store.inTransaction(tx -> tx.attachments(ticketId));
    }

    private LifecycleStore lifecycle() {
        return store.lifecycle().orElseThrow();
    }

    /** How many outbox messages mention {@code text} (read through a probe that rewrites nothing). */
    private int outboxMentions(String text) {
        return lifecycle()
                .anonymiseOutbox(new Pseudonym(text, Set.of(), text, text), json -> json, "", 10_000)
                .read();
    }

    private Optional<InputStream> open(String key) throws IOException {
        return files.open(key);
    }

    private List<String> keysOf(String userId) {
        return lifecycle().attachmentsBy(userId, 0, 100).stream()
                .map(StoredAttachment::storageKey)
                .toList();
    }

    private String read(String key) throws IOException {
        try (InputStream in = open(key).orElseThrow()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    // ------------------------------------------------------------------------------------------ anonymise

    @Test
    void anonymiseKeepsTheRowsButNothingIdentifiesThePerson() throws IOException {
        Support s = support(store);
        Scene scene = scene(s);
        List<String> alicesKeys = keysOf("u-alice");
        List<String> carolsKeys = keysOf("u-carol");
        assertThat(alicesKeys).hasSize(2);
        assertThat(outboxMentions("alice@example.org")).isPositive();
        assertThat(outboxMentions("Alice Martin")).isPositive();
        int timeline = s.timeline(bruno, scene.alices().id()).size();
        List<HistoryEvent> hers = lifecycle().eventsBy("u-alice", 0, 100);
        assertThat(hers)
                .as("filed, two files added")
                .hasSize(3)
                .allSatisfy(e -> assertThat(e.actor()).isEqualTo("u-alice"));
        assertThat(lifecycle().eventsBy("u-alice", hers.get(0).id(), 100))
                .as("the page after her first event")
                .containsExactlyElementsOf(hers.subList(1, 3));
        assertThat(lifecycle().eventsBy("u-alice", 0, 1)).containsExactly(hers.get(0));

        LifecycleReport report = s.dataProtection().anonymise(root, "u-alice");

        Ticket t1 = s.get(root, scene.alices().id());
        assertThat(t1.owner()).startsWith("anon-").doesNotContain("alice");
        assertThat(t1.ownerName()).isEqualTo(ANONYMISED);
        assertThat(t1.subject()).isEqualTo(ANONYMISED + " cannot publish");
        assertThat(t1.description()).isEqualTo("Hello, I am " + ANONYMISED + " from 6e B. " + ANONYMISED + " again.");
        assertThat(t1.commentCount()).isEqualTo(scene.alices().commentCount() + 4);
        assertThat(t1.attachmentCount()).isZero();
        List<Comment> comments = commentsOf(t1.id());
        assertThat(comments).hasSize(4);
        assertThat(comments.get(0).body())
                .as("other people's words stay")
                .isEqualTo("Hello Alice Martin, which browser?");
        assertThat(comments.get(0).author()).isEqualTo("u-bruno");
        assertThat(comments.subList(1, 4)).allSatisfy(c -> {
            assertThat(c.author()).isEqualTo(t1.owner());
            assertThat(c.authorName()).isEqualTo(ANONYMISED);
        });
        assertThat(comments.subList(1, 4))
                .extracting(Comment::body)
                .containsExactly("Firefox. " + ANONYMISED, "Still broken", "Thanks, Alice");
        List<HistoryEvent> events = eventsOf(t1.id());
        assertThat(events)
                .extracting(HistoryEvent::actor)
                .doesNotContain("u-alice")
                .contains(t1.owner());
        assertThat(s.timeline(bruno, t1.id())).as("history and counts stay").hasSize(timeline);
        assertThat(s.attachments(bruno, t1.id())).isEmpty();
        for (String key : alicesKeys) {
            assertThat(open(key)).as("her files are removed").isEmpty();
        }
        assertThat(read(carolsKeys.get(0))).isEqualTo("notes of Carol");
        assertThat(s.get(root, scene.carols().id()).owner()).isEqualTo("u-carol");
        assertThat(outboxMentions("alice@example.org")).isZero();
        assertThat(outboxMentions("Alice Martin")).isZero();
        assertThat(outboxMentions("bruno@example.org")).as("other people stay").isPositive();
        assertThat(outboxMentions("u-alice")).isZero();
        assertThat(lifecycle().feedEntries("u-alice", 0, 100)).isEmpty();
        assertThat(lifecycle().commentsBy("u-alice", 0, 100)).isEmpty();
        assertThat(lifecycle().eventsBy("u-alice", 0, 100)).isEmpty();
        assertThat(lifecycle().ticketsOwnedBy("u-alice", 0, 100)).isEmpty();
        assertThat(lifecycle().displayNames("u-alice")).isEmpty();
        assertThat(s.list(carol, TicketQuery.all()).items())
                .extracting(Ticket::id)
                .containsExactly(scene.carols().id());

        assertThat(report.operation()).isEqualTo(LifecycleOperation.ANONYMISE);
        assertThat(report.count(DataKind.TICKETS)).isEqualTo(1);
        assertThat(report.count(DataKind.COMMENTS)).isEqualTo(3);
        assertThat(report.count(DataKind.ATTACHMENTS)).isEqualTo(2);
        assertThat(report.count(DataKind.FILES)).isEqualTo(2);
        assertThat(report.count(DataKind.EVENTS)).as("filed, two files added").isEqualTo(3);
        assertThat(report.count(DataKind.OUTBOX_MESSAGES)).isPositive();
    }

    @Test
    void anonymiseIsIdempotentAndGivesTheSameOpaqueIdEveryTime() {
        Support s = support(store);
        Scene scene = scene(s);
        s.dataProtection().anonymise(root, "u-alice");
        Ticket first = s.get(root, scene.alices().id());

        LifecycleReport again = s.dataProtection().anonymise(root, "u-alice");

        assertThat(again.total()).isZero();
        assertThat(s.get(root, scene.alices().id())).isEqualTo(first);
        s.dataProtection().anonymise(root, "u-carol");
        assertThat(s.get(root, scene.carols().id()).owner()).startsWith("anon-").isNotEqualTo(first.owner());
    }

    @Test
    void theKeysAPersonGaveTheirChangesAreForgottenWithThem() {
        Support s = support(store);
        Scene scene = scene(s);
        s.comment(bruno, scene.alices().id(), NewComment.of("Checking").withIdempotencyKey("k-bruno"));
        assertThatThrownBy(() -> s.comment(
                        bruno, scene.alices().id(), NewComment.of("Other words").withIdempotencyKey("k-bruno")))
                .isInstanceOf(org.entsupport.core.IdempotencyKeyReusedException.class);

        s.dataProtection().anonymise(root, "u-bruno");

        int before = s.timeline(root, scene.alices().id()).size();
        s.comment(bruno, scene.alices().id(), NewComment.of("Other words").withIdempotencyKey("k-bruno"));
        assertThat(s.timeline(root, scene.alices().id())).hasSizeGreaterThan(before);
    }

    @Test
    void anonymiseInterruptedHalfwayIsCompletedByASecondRun() throws IOException {
        Scene scene = scene(support(store));
        List<String> alicesKeys = keysOf("u-alice");
        // the second batch of comments fails before it runs; so does the first deletion of attachments
        FailingLifecycle failing = new FailingLifecycle(lifecycle(), 2);
        Support crashing = support(failing.over(store));

        assertThatThrownBy(() -> crashing.dataProtection().anonymise(root, "u-alice"))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("injected failure");

        Ticket halfway =
                store.inTransaction(tx -> tx.findTicket(scene.alices().id())).orElseThrow();
        assertThat(halfway.owner()).as("the tickets' batch committed").startsWith("anon-");
        assertThat(lifecycle().commentsBy("u-alice", 0, 100))
                .as("one batch of comments left")
                .hasSize(1);

        Support s = support(store);
        LifecycleReport rest = s.dataProtection().anonymise(root, "u-alice");

        assertThat(rest.count(DataKind.TICKETS)).isZero();
        assertThat(rest.count(DataKind.COMMENTS)).isEqualTo(1);
        assertThat(s.get(root, scene.alices().id()).owner()).isEqualTo(halfway.owner());
        assertThat(lifecycle().commentsBy("u-alice", 0, 100)).isEmpty();
        assertThat(lifecycle().eventsBy("u-alice", 0, 100)).isEmpty();
        assertThat(lifecycle().attachmentsBy("u-alice", 0, 100)).isEmpty();
        assertThat(commentsOf(scene.alices().id()))
                .filteredOn(c -> !c.author().equals("u-bruno"))
                .allSatisfy(c -> assertThat(c.author()).isEqualTo(halfway.owner()));
        for (String key : alicesKeys) {
            assertThat(open(key)).isEmpty();
        }
        assertThat(outboxMentions("u-alice")).isZero();
        assertThat(s.dataProtection().anonymise(root, "u-alice").total()).isZero();
    }

    @Test
    void aFailureInsideTheLastBatchLeavesNothingHalfWritten() {
        Scene scene = scene(support(store));
        // the deletion of the attachment rows fails after their content was deleted
        FailingLifecycle failing = new FailingLifecycle(lifecycle(), Integer.MAX_VALUE).failDeletes();
        Support crashing = support(failing.over(store));

        assertThatThrownBy(() -> crashing.dataProtection().anonymise(root, "u-alice"))
                .isInstanceOf(StoreException.class);
        assertThat(lifecycle().attachmentsBy("u-alice", 0, 100)).hasSize(2);

        Support s = support(store);
        LifecycleReport rest = s.dataProtection().anonymise(root, "u-alice");

        assertThat(rest.count(DataKind.ATTACHMENTS)).isEqualTo(2);
        assertThat(lifecycle().attachmentsBy("u-alice", 0, 100)).isEmpty();
        assertThat(s.get(root, scene.alices().id()).attachmentCount()).isZero();
    }

    @Test
    void onlyPlatformAdminsMayUseDataProtection() {
        Support s = support(store);
        Scene scene = scene(s);
        DataProtection dp = s.dataProtection();

        assertThatThrownBy(() -> dp.anonymise(bruno, "u-alice"))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("u-bruno may not anonymise a user");
        assertThatThrownBy(() -> dp.exportUserData(alice, "u-alice", new ByteArrayOutputStream()))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> dp.deleteTicket(bruno, scene.alices().id())).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> dp.purgeExpired(bruno)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> dp.removeOrphanContent(bruno)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> dp.log(bruno, 10))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("u-bruno may not read the data-protection log");
        assertThat(s.get(root, scene.alices().id()).owner()).isEqualTo("u-alice");
        assertThat(dp.log(root, 10)).isEmpty();
        assertThat(dp.log(root, 1)).as("a limit of one is a limit").isEmpty();
        assertThatThrownBy(() -> dp.log(root, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit must be positive, but was 0");
    }

    // ------------------------------------------------------------------------------------------ export

    @Test
    void exportStreamsOneZipWithThePersonsDataAndFilesOnly() throws IOException {
        Support s = support(store);
        Scene scene = scene(s);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        LifecycleReport report = s.dataProtection().exportUserData(root, "u-alice", out);

        Map<String, String> entries = unzip(out.toByteArray());
        assertThat(entries.keySet()).first().isEqualTo("data.json");
        assertThat(entries.keySet().stream().filter(n -> n.startsWith("files/")))
                .hasSize(2)
                .anySatisfy(n -> assertThat(n).endsWith("-alice-notes.txt"))
                .anySatisfy(n -> assertThat(n).endsWith("-screen.txt"));
        assertThat(entries.values())
                .contains("notes of Alice", "screen of Alice")
                .doesNotContain("notes of Carol");
        String json = entries.getOrDefault("data.json", "").strip();
        assertThat(json).startsWith("{").endsWith("}");
        assertThat(json)
                .contains("\"userId\" : \"u-alice\"")
                .contains("Alice Martin cannot publish", "Firefox. Alice Martin", "Still broken", "Thanks, Alice")
                .contains("alice-notes.txt", "screen.txt")
                .doesNotContain("Carol", "carol.txt", "which browser", "Noted");
        assertThat(report.count(DataKind.TICKETS)).isEqualTo(1);
        assertThat(report.count(DataKind.COMMENTS)).isEqualTo(3);
        assertThat(report.count(DataKind.ATTACHMENTS)).isEqualTo(2);
        assertThat(report.count(DataKind.FILES)).isEqualTo(2);
        assertThat(report.count(DataKind.FEED_ENTRIES))
                .isEqualTo(lifecycle().feedEntries("u-alice", 0, 100).size());
        assertThat(s.get(root, scene.alices().id()).owner())
                .as("an export changes nothing")
                .isEqualTo("u-alice");
    }

    @Test
    void theExportNamesEveryFieldOfThePersonsTicketsCommentsEventsAndFiles() throws IOException {
        Support s = support(store);
        Scene scene = scene(s);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        s.dataProtection().exportUserData(root, "u-alice", out);

        Map<String, String> entries = unzip(out.toByteArray());
        com.fasterxml.jackson.databind.JsonNode data =
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(entries.get("data.json"));
        assertThat(data.get("userId").asText()).isEqualTo("u-alice");
        assertThat(data.get("exportedAt").asText()).isEqualTo(clock.instant().toString());

        Ticket t = store.inTransaction(tx -> tx.findTicket(scene.alices().id())).orElseThrow();
        assertThat(data.get("tickets")).hasSize(1);
        com.fasterxml.jackson.databind.JsonNode ticket = data.get("tickets").get(0);
        assertThat(ticket.get("id").asLong()).isEqualTo(t.id());
        assertThat(ticket.get("school").asText()).isEqualTo("school-1");
        assertThat(ticket.get("category").asText()).isEqualTo("/blog");
        assertThat(ticket.get("subject").asText()).isEqualTo("Alice Martin cannot publish");
        assertThat(ticket.get("description").asText()).isEqualTo(t.description());
        assertThat(ticket.get("ownerName").asText()).isEqualTo(t.ownerName());
        assertThat(ticket.get("status").asText()).isEqualTo(t.status().name());
        assertThat(ticket.get("created").asText()).isEqualTo(t.created().toString());
        assertThat(ticket.get("modified").asText()).isEqualTo(t.modified().toString());
        assertThat(ticket.get("locale").asText()).isEqualTo(t.locale());
        assertThat(ticket.get("commentCount").asInt()).isEqualTo(4);
        assertThat(ticket.get("attachmentCount").asInt()).isEqualTo(2);
        assertThat(ticket.size()).isEqualTo(12);

        List<Comment> alices = commentsOf(t.id()).stream()
                .filter(c -> "u-alice".equals(c.author()))
                .toList();
        assertThat(data.get("comments")).hasSize(3);
        for (int i = 0; i < 3; i++) {
            com.fasterxml.jackson.databind.JsonNode c = data.get("comments").get(i);
            Comment expected = alices.get(i);
            assertThat(c.get("id").asLong()).isEqualTo(expected.id());
            assertThat(c.get("ticketId").asLong()).isEqualTo(t.id());
            assertThat(c.get("created").asText()).isEqualTo(expected.created().toString());
            assertThat(c.get("authorName").asText()).isEqualTo(expected.authorName());
            assertThat(c.get("body").asText()).isEqualTo(expected.body());
            assertThat(c.size()).isEqualTo(5);
        }

        List<HistoryEvent> events = eventsOf(t.id()).stream()
                .filter(e -> "u-alice".equals(e.actor()))
                .toList();
        assertThat(events).isNotEmpty();
        assertThat(data.get("events")).hasSize(events.size());
        for (int i = 0; i < events.size(); i++) {
            com.fasterxml.jackson.databind.JsonNode e = data.get("events").get(i);
            HistoryEvent expected = events.get(i);
            assertThat(e.get("id").asLong()).isEqualTo(expected.id());
            assertThat(e.get("ticketId").asLong()).isEqualTo(t.id());
            assertThat(e.get("type").asText()).isEqualTo(expected.type().code());
            assertThat(e.get("created").asText()).isEqualTo(expected.created().toString());
            Map<String, String> parameters = new LinkedHashMap<>();
            e.get("parameters")
                    .fields()
                    .forEachRemaining(
                            f -> parameters.put(f.getKey(), f.getValue().asText()));
            assertThat(parameters).isEqualTo(expected.parameters());
        }

        List<org.entsupport.core.model.Attachment> attachments = attachmentsOf(t.id());
        assertThat(data.get("attachments")).hasSize(2);
        for (com.fasterxml.jackson.databind.JsonNode a : data.get("attachments")) {
            org.entsupport.core.model.Attachment expected = attachments.stream()
                    .filter(x -> x.id() == a.get("id").asLong())
                    .findFirst()
                    .orElseThrow();
            assertThat(a.get("ticketId").asLong()).isEqualTo(t.id());
            assertThat(a.has("commentId")).isEqualTo(expected.commentId() != null);
            if (expected.commentId() != null) {
                assertThat(a.get("commentId").asLong()).isEqualTo(expected.commentId());
            }
            assertThat(a.get("fileName").asText()).isEqualTo(expected.fileName());
            assertThat(a.get("mediaType").asText()).isEqualTo(expected.mediaType());
            assertThat(a.get("size").asLong()).isEqualTo(expected.size());
            assertThat(a.get("created").asText()).isEqualTo(expected.created().toString());
            String path = "files/" + expected.id() + "-" + expected.fileName();
            assertThat(a.get("file").asText()).isEqualTo(path);
            assertThat(entries).containsKey(path);
        }
        assertThat(data.get("attachments"))
                .extracting(a -> a.get("fileName").asText())
                .containsExactlyInAnyOrder("alice-notes.txt", "screen.txt");
    }

    private static Map<String, String> unzip(byte[] zip) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                entries.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return entries;
    }

    // ------------------------------------------------------------------------------------------ retention

    @Test
    void retentionPurgesClosedTicketsOlderThanThePeriodWithEverythingAttached() throws IOException {
        Support s = support(store);
        Scene scene = scene(s);
        List<String> alicesKeys = keysOf("u-alice");
        List<String> carolsKeys = keysOf("u-carol");
        Ticket old = s.changeStatus(
                root,
                scene.alices().id(),
                TicketStatus.CLOSED,
                s.get(root, scene.alices().id()).version());
        clock.advance(Duration.ofDays(20));
        Ticket recent = s.create(
                carol,
                NewTicket.builder()
                        .school("school-1")
                        .category("/blog")
                        .subject("Recent")
                        .description("closed lately")
                        .build());
        s.changeStatus(root, recent.id(), TicketStatus.CLOSED, recent.version());
        clock.advance(Duration.ofDays(11)); // old: closed 31 days ago; recent: 11 days ago; carol's: open

        LifecycleReport report = s.dataProtection().purgeExpired(root);

        assertThatThrownBy(() -> s.get(root, old.id())).isInstanceOf(TicketNotFoundException.class);
        assertThat(commentsOf(old.id())).isEmpty();
        assertThat(eventsOf(old.id())).isEmpty();
        assertThat(attachmentsOf(old.id())).isEmpty();
        for (String key : alicesKeys) {
            assertThat(open(key)).as("the purged ticket's files are gone").isEmpty();
        }
        assertThat(s.get(root, recent.id()).status()).isEqualTo(TicketStatus.CLOSED);
        assertThat(s.get(root, scene.carols().id()).status()).isEqualTo(TicketStatus.OPENED);
        assertThat(read(carolsKeys.get(0))).isEqualTo("notes of Carol");
        assertThat(s.countByStatus(root, TicketQuery.all()))
                .containsEntry(TicketStatus.CLOSED, 1L)
                .containsEntry(TicketStatus.OPENED, 1L);
        assertThat(outboxMentions("Alice Martin cannot publish")).isZero();
        assertThat(report.count(DataKind.TICKETS)).isEqualTo(1);
        assertThat(report.count(DataKind.COMMENTS)).isEqualTo(4);
        assertThat(report.count(DataKind.ATTACHMENTS)).isEqualTo(2);
        assertThat(report.count(DataKind.FILES)).isEqualTo(2);
        assertThat(report.count(DataKind.EVENTS)).isPositive();
        assertThat(report.count(DataKind.OUTBOX_MESSAGES)).isPositive();

        assertThat(s.dataProtection().purgeExpired(root).total())
                .as("a second run finds nothing")
                .isZero();
    }

    @Test
    void aTicketReopenedAfterItWasPickedIsNotPurged() {
        Support s = support(store);
        Scene scene = scene(s);
        Ticket closed = s.changeStatus(
                root,
                scene.alices().id(),
                TicketStatus.CLOSED,
                s.get(root, scene.alices().id()).version());
        clock.advance(Duration.ofDays(31));
        List<Long> picked = lifecycle().closedBefore(clock.instant().minus(Duration.ofDays(30)), 10);
        assertThat(picked).containsExactly(closed.id());
        s.changeStatus(root, closed.id(), TicketStatus.OPENED, closed.version());

        Optional<TicketPurge> purge =
                lifecycle().purgeTicket(closed.id(), clock.instant().minus(Duration.ofDays(30)));

        assertThat(purge).isEmpty();
        assertThat(s.get(root, closed.id()).status()).isEqualTo(TicketStatus.OPENED);
    }

    // ------------------------------------------------------------------------------------------ delete

    @Test
    void deleteTicketRemovesItWithEverythingAttached() throws IOException {
        Support s = support(store);
        Scene scene = scene(s);
        List<String> alicesKeys = keysOf("u-alice");

        LifecycleReport report =
                s.dataProtection().deleteTicket(root, scene.alices().id());

        assertThatThrownBy(() -> s.get(root, scene.alices().id())).isInstanceOf(TicketNotFoundException.class);
        assertThat(commentsOf(scene.alices().id())).isEmpty();
        assertThat(eventsOf(scene.alices().id())).isEmpty();
        for (String key : alicesKeys) {
            assertThat(open(key)).isEmpty();
        }
        assertThat(lifecycle().feedEntries("u-alice", 0, 100))
                .extracting(PersonalFeedEntry::ticketId)
                .doesNotContain(scene.alices().id());
        assertThat(outboxMentions("Alice Martin cannot publish")).isZero();
        assertThat(s.get(root, scene.carols().id()).commentCount()).isEqualTo(1);
        assertThat(s.countByStatus(root, TicketQuery.all())).containsEntry(TicketStatus.OPENED, 1L);
        assertThat(report.count(DataKind.TICKETS)).isEqualTo(1);
        assertThat(report.count(DataKind.COMMENTS)).isEqualTo(4);
        assertThat(report.count(DataKind.FILES)).isEqualTo(2);
        assertThatThrownBy(() ->
                        s.dataProtection().deleteTicket(root, scene.alices().id()))
                .isInstanceOf(TicketNotFoundException.class);
    }

    // ------------------------------------------------------------------------------------------ orphans

    @Test
    void orphanContentOlderThanTheGracePeriodIsRemoved() throws IOException {
        Support s = support(store);
        scene(s);
        List<String> referenced = new ArrayList<>(keysOf("u-alice"));
        referenced.addAll(keysOf("u-carol"));
        String orphan = files.store(new ByteArrayInputStream("left behind".getBytes(StandardCharsets.UTF_8)))
                .key();

        assertThat(s.dataProtection().removeOrphanContent(root).count(DataKind.FILES))
                .as("young content may belong to an upload in progress")
                .isZero();
        assertThat(read(orphan)).isEqualTo("left behind");

        clock.advance(Duration.ofDays(2));
        LifecycleReport report = s.dataProtection().removeOrphanContent(root);

        assertThat(report.count(DataKind.FILES)).isEqualTo(1);
        assertThat(open(orphan)).isEmpty();
        for (String key : referenced) {
            assertThat(open(key)).as("referenced content stays").isPresent();
        }
    }

    // ------------------------------------------------------------------------------------------ log

    @Test
    void everyOperationIsLoggedWithCountsAndNeverWhatWasErased() {
        Support s = support(store);
        Scene scene = scene(s);
        DataProtection dp = s.dataProtection();
        dp.exportUserData(root, "u-carol", new ByteArrayOutputStream());
        LifecycleReport anonymised = dp.anonymise(root, "u-alice");
        dp.deleteTicket(root, scene.carols().id());
        dp.purgeExpired(root);
        dp.removeOrphanContent(root);

        List<LifecycleLogEntry> log = dp.log(root, 10);

        assertThat(log)
                .extracting(LifecycleLogEntry::operation)
                .containsExactly(
                        LifecycleOperation.ORPHAN_CONTENT,
                        LifecycleOperation.RETENTION_PURGE,
                        LifecycleOperation.DELETE_TICKET,
                        LifecycleOperation.ANONYMISE,
                        LifecycleOperation.EXPORT);
        assertThat(log).allSatisfy(e -> {
            assertThat(e.actor()).isEqualTo("u-root");
            assertThat(e.at()).isEqualTo(clock.instant().truncatedTo(ChronoUnit.MICROS));
            assertThat(e.toString()).doesNotContain("alice", "Alice", "carol", "Carol", "publish", "Firefox");
        });
        assertThat(log.get(3).rows()).isEqualTo(anonymised.rows());
        assertThat(log.get(3).total()).isEqualTo(anonymised.total());
        assertThat(log.get(2).rows()).containsEntry(DataKind.TICKETS, 1);
        assertThat(dp.log(root, 2)).hasSize(2);
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** A notifier that accepts everything, so that every change writes outbox messages. */
    private static final class Silent implements Notifier {
        @Override
        public String name() {
            return "silent";
        }

        @Override
        public void deliver(Notification notification) {}
    }

    /** A clock that tests move forward. */
    private static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /**
     * A lifecycle store that fails like a crash or a lost database: the {@code failAt}-th batch of comments
     * fails before it runs, and, when asked, the deletion of attachment rows fails after their content went.
     */
    private static final class FailingLifecycle implements LifecycleStore {
        private final LifecycleStore real;
        private final int failAt;
        private final AtomicInteger commentBatches = new AtomicInteger();
        private boolean failDeletes;

        FailingLifecycle(LifecycleStore real, int failAt) {
            this.real = real;
            this.failAt = failAt;
        }

        FailingLifecycle failDeletes() {
            this.failDeletes = true;
            return this;
        }

        TicketStore over(TicketStore store) {
            LifecycleStore self = this;
            return new TicketStore() {
                @Override
                public <T> T inTransaction(TransactionWork<T> work) {
                    return store.inTransaction(work);
                }

                @Override
                public OutboxStore outbox() {
                    return store.outbox();
                }

                @Override
                public DeskSyncStore deskSync() {
                    return store.deskSync();
                }

                @Override
                public Optional<LifecycleStore> lifecycle() {
                    return Optional.of(self);
                }
            };
        }

        @Override
        public Set<String> displayNames(String userId) {
            return real.displayNames(userId);
        }

        @Override
        public int anonymise(Pseudonym pseudonym, DataKind kind, int limit) {
            if (kind == DataKind.COMMENTS && commentBatches.incrementAndGet() == failAt) {
                throw new StoreException("injected failure in batch " + failAt + " of comments", null);
            }
            return real.anonymise(pseudonym, kind, limit);
        }

        @Override
        public OutboxBatch anonymiseOutbox(
                Pseudonym pseudonym, java.util.function.UnaryOperator<String> rewrite, String afterId, int limit) {
            return real.anonymiseOutbox(pseudonym, rewrite, afterId, limit);
        }

        @Override
        public List<Ticket> ticketsOwnedBy(String userId, long afterId, int limit) {
            return real.ticketsOwnedBy(userId, afterId, limit);
        }

        @Override
        public List<Comment> commentsBy(String userId, long afterId, int limit) {
            return real.commentsBy(userId, afterId, limit);
        }

        @Override
        public List<HistoryEvent> eventsBy(String userId, long afterId, int limit) {
            return real.eventsBy(userId, afterId, limit);
        }

        @Override
        public List<StoredAttachment> attachmentsBy(String userId, long afterId, int limit) {
            return real.attachmentsBy(userId, afterId, limit);
        }

        @Override
        public List<PersonalFeedEntry> feedEntries(String userId, long afterId, int limit) {
            return real.feedEntries(userId, afterId, limit);
        }

        @Override
        public int deleteAttachments(Collection<Long> attachmentIds) {
            if (failDeletes) {
                throw new StoreException("injected failure deleting attachment rows", null);
            }
            return real.deleteAttachments(attachmentIds);
        }

        @Override
        public List<Long> closedBefore(Instant cutoff, int limit) {
            return real.closedBefore(cutoff, limit);
        }

        @Override
        public Optional<TicketPurge> purgeTicket(long ticketId, @Nullable Instant closedBefore) {
            return real.purgeTicket(ticketId, closedBefore);
        }

        @Override
        public Set<String> referencedStorageKeys(Collection<String> storageKeys) {
            return real.referencedStorageKeys(storageKeys);
        }

        @Override
        public void appendLog(LifecycleLogEntry entry) {
            real.appendLog(entry);
        }

        @Override
        public List<LifecycleLogEntry> log(int limit) {
            return real.log(limit);
        }

        @Override
        public String pseudonymSecret(String candidate) {
            return real.pseudonymSecret(candidate);
        }
    }
}

package org.entsupport.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.entsupport.core.model.Comment;
import org.entsupport.core.model.EscalationStatus;
import org.entsupport.core.model.EventType;
import org.entsupport.core.model.SortDirection;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketSort;
import org.entsupport.core.model.TicketStatus;
import org.entsupport.core.model.TimelineEntry;
import org.junit.jupiter.api.Test;

class SupportFacadeTest {

    private final Fixture f = new Fixture();

    @Test
    void createStoresATrimmedNewTicketWithItsHistoryAndAttachments() {
        Ticket t = f.support.create(
                f.owner,
                NewTicket.builder()
                        .school("s2")
                        .category(" /blog ")
                        .subject("  Écran noir  ")
                        .description("Après connexion,\r\nl'écran reste noir.")
                        .build());

        assertThat(t.status()).isEqualTo(TicketStatus.NEW);
        assertThat(t.escalationStatus()).isEqualTo(EscalationStatus.NOT_DONE);
        assertThat(t.version()).isEqualTo(1);
        assertThat(t.subject()).isEqualTo("Écran noir");
        assertThat(t.category()).isEqualTo("/blog");
        assertThat(t.description()).isEqualTo("Après connexion,\nl'écran reste noir.");
        assertThat(t.owner()).isEqualTo("u-owner");
        assertThat(t.ownerName()).isEqualTo("Olivia Owner");
        assertThat(t.locale()).isEqualTo("fr");
        assertThat(t.created()).isEqualTo(Fixture.START);
        assertThat(t.attachmentCount()).isZero();

        List<EventType> types = f.support.timeline(f.owner, t.id()).stream()
                .map(e -> ((TimelineEntry.EventEntry) e).event().type())
                .toList();
        assertThat(types).containsExactly(EventType.CREATED);
    }

    @Test
    void retriedCreateWithTheSameKeyReturnsTheFirstTicket() {
        NewTicket request = NewTicket.builder()
                .school("s1")
                .category("/blog")
                .subject("Une fois")
                .description("Une seule demande")
                .idempotencyKey("client-req-7")
                .build();
        Ticket first = f.support.create(f.owner, request);
        f.clock.advance(Duration.ofSeconds(5));
        Ticket again = f.support.create(f.owner, request);
        Ticket otherUser = f.support.create(f.otherUser, request);

        assertThat(again).isEqualTo(first);
        assertThat(otherUser.id()).isNotEqualTo(first.id());
        assertThat(f.support.count(f.platformAdmin, TicketQuery.all())).isEqualTo(2);
    }

    @Test
    void concurrentRetriesOfOneCreateMakeOneTicket() throws Exception {
        NewTicket request = NewTicket.builder()
                .school("s1")
                .category("/blog")
                .subject("Course")
                .description("Double clic")
                .idempotencyKey("double-click")
                .build();
        List<Ticket> results = runConcurrently(8, () -> f.support.create(f.owner, request));
        assertThat(results).extracting(Ticket::id).containsOnly(results.get(0).id());
        assertThat(f.support.count(f.platformAdmin, TicketQuery.all())).isEqualTo(1);
    }

    @Test
    void staleUpdateFailsNamingBothVersionsAndChangesNothing() {
        Ticket t = f.file("s1", "Original");
        Ticket v2 = f.support.update(
                f.localAdmin, t.id(), TicketChanges.basedOn(t.version()).subject("Par l'admin"));

        assertThatThrownBy(() -> f.support.update(
                        f.owner, t.id(), TicketChanges.basedOn(t.version()).subject("Par la demandeuse")))
                .isInstanceOfSatisfying(TicketVersionConflictException.class, e -> {
                    assertThat(e.expectedVersion()).isEqualTo(1);
                    assertThat(e.actualVersion()).isEqualTo(2);
                    assertThat(e.userMessage(Locale.FRENCH)).contains("modifiée par quelqu'un d'autre");
                })
                .hasMessage("Ticket " + t.id() + " was changed by someone else: the change was based on version 1"
                        + " but the ticket is at version 2");
        assertThat(f.support.get(f.owner, t.id())).isEqualTo(v2);
    }

    @Test
    void updateRecordsOnlyTheFieldsThatChanged() {
        Ticket t = f.file("s1", "Sujet");
        Ticket same = f.support.update(f.owner, t.id(), TicketChanges.basedOn(1).subject("Sujet"));
        assertThat(same).isEqualTo(t);

        f.clock.advance(Duration.ofMinutes(3));
        Ticket changed = f.support.update(
                f.owner,
                t.id(),
                TicketChanges.basedOn(1)
                        .subject("Sujet")
                        .description("Nouvelle description")
                        .category("/conversation"));
        assertThat(changed.version()).isEqualTo(2);
        assertThat(changed.modified()).isEqualTo(Fixture.START.plus(Duration.ofMinutes(3)));
        assertThat(changed.statusChanged()).isEqualTo(t.statusChanged());
        TimelineEntry last = f.support.timeline(f.owner, t.id()).get(1);
        assertThat(((TimelineEntry.EventEntry) last).event().parameters())
                .containsEntry("fields", "category,description");
    }

    @Test
    void updateWithNothingToChangeIsRefused() {
        Ticket t = f.file("s1", "Sujet");
        assertThatThrownBy(() -> f.support.update(f.owner, t.id(), TicketChanges.basedOn(1)))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("no field to change");
    }

    @Test
    void timelineMergesCommentsAndEventsByDate() {
        Ticket t = f.file("s1", "Fil");
        f.clock.advance(Duration.ofMinutes(1));
        Comment c1 = f.support
                .comment(f.localAdmin, t.id(), NewComment.of("Je prends"))
                .comment();
        f.clock.advance(Duration.ofMinutes(1));
        Ticket w = f.support.changeStatus(f.localAdmin, t.id(), TicketStatus.WAITING, 2);
        f.clock.advance(Duration.ofMinutes(1));
        Comment c2 = f.support
                .comment(f.owner, t.id(), NewComment.of("Voilà\r\nmerci"))
                .comment();

        List<String> lines = f.support.timeline(f.owner, t.id()).stream()
                .map(e -> e instanceof TimelineEntry.CommentEntry c
                        ? "comment:" + c.comment().body()
                        : ((TimelineEntry.EventEntry) e).event().type().code() + ":"
                                + ((TimelineEntry.EventEntry) e)
                                        .event()
                                        .parameters()
                                        .get("to"))
                .toList();
        assertThat(lines)
                .containsExactly(
                        "created:null",
                        "comment:Je prends",
                        "status-changed:OPENED",
                        "status-changed:WAITING",
                        "comment:Voilà\nmerci",
                        "status-changed:OPENED");
        assertThat(w.version()).isEqualTo(3);
        assertThat(c1.authorName()).isEqualTo("Adam Admin");
        assertThat(c2.created()).isAfter(c1.created());
        assertThat(f.support.get(f.owner, t.id()).commentCount()).isEqualTo(2);
    }

    @Test
    void listPagesByKeysetNewestChangeFirst() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(f.file(i % 2 == 0 ? "s1" : "s2", "Demande " + i).id());
            f.clock.advance(Duration.ofSeconds(1));
        }
        f.support.comment(f.owner, ids.get(3), NewComment.of("remonte"));

        List<Long> seen = new ArrayList<>();
        Page<Ticket> page =
                f.support.list(f.owner, TicketQuery.builder().pageSize(5).build());
        seen.addAll(page.items().stream().map(Ticket::id).toList());
        while (page.hasNext()) {
            page = f.support.list(
                    f.owner,
                    TicketQuery.builder()
                            .pageSize(5)
                            .after(page.nextCursor().orElseThrow())
                            .build());
            seen.addAll(page.items().stream().map(Ticket::id).toList());
        }
        List<Long> expected = new ArrayList<>(ids);
        expected.remove(ids.get(3));
        java.util.Collections.reverse(expected);
        expected.add(0, ids.get(3));
        assertThat(seen).containsExactlyElementsOf(expected);
    }

    @Test
    void cursorOfAnotherOrderOrGarbageIsRefused() {
        for (int i = 0; i < 3; i++) {
            f.file("s1", "Demande " + i);
        }
        Page<Ticket> page =
                f.support.list(f.owner, TicketQuery.builder().pageSize(1).build());
        assertThatThrownBy(() -> f.support.list(
                        f.owner,
                        TicketQuery.builder()
                                .pageSize(1)
                                .sort(TicketSort.SUBJECT, SortDirection.ASC)
                                .after(page.nextCursor().orElseThrow())
                                .build()))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("cursor: the cursor belongs to the order MODIFIED DESC, not SUBJECT ASC");
        assertThatThrownBy(() -> f.support.list(
                        f.owner, TicketQuery.builder().after("%%%not-base64").build()))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("cursor");
        assertThatThrownBy(() -> f.support.list(
                        f.owner, TicketQuery.builder().pageSize(0).build()))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("pageSize: must be between 1 and 200, but was 0");
    }

    @Test
    void searchIgnoresAccentsAndCaseAndRespectsPermissions() {
        Ticket t = f.file("s1", "Élève absent du cahier de textes");
        f.support.create(
                f.otherUser,
                NewTicket.builder()
                        .school("s1")
                        .category("/blog")
                        .subject("Autre élève")
                        .description("rien")
                        .build());
        assertThat(f.support
                        .list(
                                f.owner,
                                TicketQuery.builder().text("ELEVE cahier").build())
                        .items())
                .extracting(Ticket::id)
                .containsExactly(t.id());
        assertThat(f.support
                        .list(f.localAdmin, TicketQuery.builder().text("eleve").build())
                        .items())
                .hasSize(2);
        assertThat(f.support
                        .list(
                                f.owner,
                                TicketQuery.builder()
                                        .text(Long.toString(t.id()))
                                        .build())
                        .items())
                .extracting(Ticket::id)
                .contains(t.id());
    }

    @Test
    void adminsSeeMineAndOthersSeparately() {
        Ticket byOwner = f.file("s1", "De la demandeuse");
        Ticket byAdmin = f.support.create(
                f.localAdmin,
                NewTicket.builder()
                        .school("s1")
                        .category("/blog")
                        .subject("De l'admin")
                        .description("d")
                        .build());
        Ticket elsewhere = f.file("s2", "Ailleurs");

        assertThat(ids(f.support.list(
                        f.localAdmin,
                        TicketQuery.builder().ownership(Ownership.MINE).build())))
                .containsExactly(byAdmin.id());
        assertThat(ids(f.support.list(
                        f.localAdmin,
                        TicketQuery.builder().ownership(Ownership.OTHERS).build())))
                .containsExactly(byOwner.id());
        assertThat(ids(f.support.list(f.localAdmin, TicketQuery.all())))
                .containsExactlyInAnyOrder(byOwner.id(), byAdmin.id());
        assertThat(ids(f.support.list(
                        f.owner, TicketQuery.builder().schools("s2").build())))
                .containsExactly(elsewhere.id());
        assertThat(ids(f.support.list(
                        f.localAdmin, TicketQuery.builder().schools("s2").build())))
                .isEmpty();
    }

    @Test
    void countsListEveryStatus() {
        f.ticketIn(TicketStatus.NEW);
        f.ticketIn(TicketStatus.RESOLVED);
        f.ticketIn(TicketStatus.RESOLVED);
        Map<TicketStatus, Long> counts = f.support.countByStatus(f.localAdmin, TicketQuery.all());
        assertThat(counts)
                .containsExactly(
                        Map.entry(TicketStatus.NEW, 1L),
                        Map.entry(TicketStatus.OPENED, 0L),
                        Map.entry(TicketStatus.RESOLVED, 2L),
                        Map.entry(TicketStatus.CLOSED, 0L),
                        Map.entry(TicketStatus.WAITING, 0L));
        assertThat(f.support.count(
                        f.localAdmin,
                        TicketQuery.builder().statuses(TicketStatus.RESOLVED).build()))
                .isEqualTo(2);
    }

    @Test
    void exportQuotesCellsAndNeutralisesFormulas() {
        f.support.create(
                f.owner,
                NewTicket.builder()
                        .school("s1")
                        .category("/blog")
                        .subject("=HYPERLINK(\"http://evil\"), \"quoted\"")
                        .description("d")
                        .build());
        StringWriter out = new StringWriter();
        f.support.exportCsv(f.localAdmin, TicketQuery.all(), out);
        String[] lines = out.toString().split("\r\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0])
                .isEqualTo("id,created,modified,status,school,category,subject,owner,owner_name,"
                        + "escalation_status,comments,attachments,description");
        assertThat(lines[1])
                .contains(",\"'=HYPERLINK(\"\"http://evil\"\"), \"\"quoted\"\"\",")
                .contains(",NEW,s1,/blog,");
        assertThatThrownBy(() -> f.support.exportCsv(f.owner, TicketQuery.all(), new StringWriter()))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void escalationIsACompareAndSetAndFollowsItsRules() throws Exception {
        Ticket t = f.file("s1", "À transmettre");
        List<Object> outcomes = runConcurrently(6, () -> {
            try {
                return f.support.escalate(f.localAdmin, t.id());
            } catch (EscalationNotAllowedException e) {
                return e;
            }
        });
        assertThat(outcomes).filteredOn(o -> o instanceof Ticket).hasSize(1);
        assertThat(outcomes)
                .filteredOn(o -> o instanceof EscalationNotAllowedException)
                .hasSize(5)
                .allSatisfy(o -> assertThat(((Exception) o)).hasMessageContaining("already IN_PROGRESS"));
        Ticket escalated = f.support.get(f.owner, t.id());
        assertThat(escalated.escalationStatus()).isEqualTo(EscalationStatus.IN_PROGRESS);
        assertThat(escalated.escalation()).isNotNull();
        assertThat(escalated.escalation().escalatedBy()).isEqualTo("u-admin");

        Ticket resolved =
                f.support.changeStatus(f.localAdmin, f.file("s1", "Fini").id(), TicketStatus.RESOLVED, 1);
        assertThatThrownBy(() -> f.support.escalate(f.localAdmin, resolved.id()))
                .isInstanceOf(EscalationNotAllowedException.class)
                .hasMessageContaining("the ticket is RESOLVED");

        Support disabled = Support.builder().store(f.store).clock(f.clock).build();
        Ticket other = f.file("s1", "Pas activé");
        assertThatThrownBy(() -> disabled.escalate(f.localAdmin, other.id()))
                .isInstanceOfSatisfying(
                        EscalationNotAllowedException.class,
                        e -> assertThat(e.userMessage(Locale.FRENCH)).contains("pas activée pour cet établissement"));
    }

    @Test
    void bulkChangeReportsAnOutcomePerTicket() {
        Ticket a = f.ticketIn(TicketStatus.NEW);
        Ticket b = f.ticketIn(TicketStatus.RESOLVED);
        Ticket c = f.ticketIn(TicketStatus.CLOSED);
        Ticket hidden = f.support.create(
                f.otherAdmin,
                NewTicket.builder()
                        .school("s2")
                        .category("/blog")
                        .subject("Autre école")
                        .description("d")
                        .build());

        BulkResult r = f.support.changeStatuses(
                f.owner, List.of(a.id(), b.id(), c.id(), hidden.id(), 99_999L, a.id()), TicketStatus.RESOLVED);
        assertThat(r.outcomes()).containsOnlyKeys(a.id(), b.id(), c.id(), hidden.id(), 99_999L);
        assertThat(r.outcomes().get(a.id()).kind()).isEqualTo(BulkResult.Kind.CHANGED);
        assertThat(r.outcomes().get(b.id()).kind()).isEqualTo(BulkResult.Kind.UNCHANGED);
        assertThat(r.outcomes().get(c.id()).kind()).isEqualTo(BulkResult.Kind.REFUSED);
        assertThat(r.outcomes().get(c.id()).reason()).contains("cannot go from CLOSED to RESOLVED");
        assertThat(r.outcomes().get(hidden.id()).kind()).isEqualTo(BulkResult.Kind.NOT_FOUND);
        assertThat(r.outcomes().get(99_999L).kind()).isEqualTo(BulkResult.Kind.NOT_FOUND);
        assertThat(r.changedCount()).isEqualTo(1);
        assertThat(f.support.get(f.owner, a.id()).status()).isEqualTo(TicketStatus.RESOLVED);
        assertThat(f.support.get(f.otherAdmin, hidden.id()).status()).isEqualTo(TicketStatus.NEW);

        assertThatThrownBy(() -> f.support.changeStatuses(f.owner, List.of(), TicketStatus.RESOLVED))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("ids: at least one ticket id");
    }

    @Test
    void notFoundSpeaksBothLanguages() {
        assertThatThrownBy(() -> f.support.get(f.owner, 404))
                .isInstanceOfSatisfying(TicketNotFoundException.class, e -> {
                    assertThat(e.userMessage(Locale.FRENCH))
                            .isEqualTo("La demande n°404 n'existe pas ou vous n'y avez pas accès.");
                    assertThat(e.userMessage(Locale.ENGLISH))
                            .isEqualTo("Request #404 does not exist or you may not see it.");
                    assertThat(e.code()).isEqualTo("ticket.not-found");
                });
    }

    @Test
    void validationListsEveryBadFieldInBothLanguages() {
        assertThatThrownBy(() -> f.support.create(
                        f.owner,
                        NewTicket.builder()
                                .school("s9")
                                .category("")
                                .subject("x".repeat(300))
                                .description(" \n ")
                                .build()))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.violations())
                            .extracting(Violation::field)
                            .containsExactly("school", "category", "subject", "description");
                    assertThat(e.getMessage()).contains("subject: must have at most 255 characters, but has 300");
                    assertThat(e.userMessage(Locale.FRENCH))
                            .contains(
                                    "Objet : 300 caractères saisis, 255 au plus.",
                                    "Description ne doit pas être vide.",
                                    "Établissement : vous ne pouvez pas déposer de demande pour cet établissement.");
                    assertThat(e.userMessage(Locale.ENGLISH))
                            .contains("Subject is too long: 255 characters at most, 300 given.");
                });
    }

    @Test
    void settingsRefuseOutOfRangeValuesNamingPropertyLimitAndValue() {
        assertThatThrownBy(() -> SupportSettings.builder()
                        .reopenWindow(Duration.ofMinutes(-5))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("reopenWindow must be positive, but was PT-5M");
        assertThatThrownBy(
                        () -> SupportSettings.builder().maxDescriptionLength(0).build())
                .hasMessage("maxDescriptionLength must be between 1 and 1000000, but was 0");
        assertThatThrownBy(() -> SupportSettings.builder().maxPageSize(20_000).build())
                .hasMessage("maxPageSize must be between 1 and 10000, but was 20000");
    }

    @Test
    void allowedStatusesFollowTheActorsRoles() {
        Ticket t = f.ticketIn(TicketStatus.OPENED);
        assertThat(f.support.allowedStatuses(f.owner, t.id())).containsExactly(TicketStatus.RESOLVED);
        assertThat(f.support.allowedStatuses(f.localAdmin, t.id()))
                .containsExactlyInAnyOrder(TicketStatus.WAITING, TicketStatus.RESOLVED, TicketStatus.CLOSED);
    }

    private static List<Long> ids(Page<Ticket> page) {
        return page.items().stream().map(Ticket::id).toList();
    }

    private static <T> List<T> runConcurrently(int threads, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return task.call();
                }));
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> fu : futures) {
                results.add(fu.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}

package org.entsupport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.entsupport.core.Page;
import org.entsupport.core.ValidationException;
import org.entsupport.core.Violation;
import org.entsupport.notify.DeliveryException;
import org.entsupport.notify.Notification;
import org.entsupport.notify.NotificationParameters;
import org.entsupport.notify.NotificationType;
import org.entsupport.notify.Recipient;
import org.entsupport.notify.RenderedMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the news feed promises its readers, on each database: newest first with keyset pages that
 * neither skip nor repeat, unread counts, marking one or all entries read, users kept apart,
 * redeliveries not duplicated, entries rendered in the reader's language.
 */
abstract class NewsFeedBehaviour {

    private static final Instant T0 = Instant.parse("2025-03-14T09:00:00Z");
    private static final Instant READ_AT = Instant.parse("2025-03-20T17:45:30Z");
    private static final String READER = "u-reader";
    private static final String OTHER = "u-other";

    private NewsFeed feed;

    /** The database of the subclass, created in its {@code @BeforeAll}. */
    protected abstract TestDatabase db();

    @BeforeEach
    void emptyFeed() {
        db().clear();
        feed = db().jdbc.newsFeed(Clock.fixed(READ_AT, ZoneOffset.UTC));
    }

    private static Notification.Builder notification(
            NotificationType type, long ticket, Instant at, String... recipients) {
        Notification.Builder b = Notification.builder()
                .type(type)
                .ticket(ticket, Long.toString(ticket))
                .school("0750001A", "Collège Jean Moulin")
                .actor("u-actor", "Camille Martin")
                .occurredAt(at)
                .parameter(NotificationParameters.SUBJECT, "Impossible de publier n°" + ticket)
                .link("https://ent.example/support#/ticket/" + ticket);
        for (String r : recipients) {
            b.recipient(Recipient.of(r, "Name of " + r, Locale.FRENCH));
        }
        return b;
    }

    private Notification deliver(Notification n) throws DeliveryException {
        feed.deliver(n);
        return n;
    }

    private static <T> List<T> newestFirst(List<T> oldestFirst) {
        List<T> copy = new ArrayList<>(oldestFirst);
        Collections.reverse(copy);
        return copy;
    }

    private List<FeedEntry> all(String user) {
        return feed.list(user, null, NewsFeed.MAX_PAGE_SIZE).items();
    }

    @Test
    void listsNewestFirstAndPagesByKeysetWithoutGapsOrDuplicates() throws Exception {
        List<UUID> delivered = new ArrayList<>();
        for (int i = 1; i <= 23; i++) {
            // the other user's entries interleave with the reader's ones
            deliver(notification(NotificationType.TICKET_COMMENTED, 1000 + i, T0.plusSeconds(i), OTHER)
                    .build());
            delivered.add(deliver(notification(NotificationType.TICKET_UPDATED, i, T0.plusSeconds(i), READER)
                            .build())
                    .id());
        }

        List<FeedEntry> seen = new ArrayList<>();
        Page<FeedEntry> page = feed.list(READER, null, 5);
        List<Integer> sizes = new ArrayList<>();
        boolean newcomerDelivered = false;
        Notification newcomer = notification(NotificationType.TICKET_CREATED, 99, T0.plusSeconds(99), READER)
                .build();
        while (true) {
            sizes.add(page.items().size());
            seen.addAll(page.items());
            if (!newcomerDelivered) {
                // an entry arriving while the reader pages must not shift the following pages
                deliver(newcomer);
                newcomerDelivered = true;
            }
            if (page.nextCursor().isEmpty()) {
                break;
            }
            page = feed.list(READER, page.nextCursor().get(), 5);
        }

        assertThat(sizes).as("page sizes of 23 entries by 5").containsExactly(5, 5, 5, 5, 3);
        assertThat(seen)
                .as("entries of the reader only")
                .allMatch(e -> e.recipient().equals(READER));
        assertThat(seen.stream().map(FeedEntry::notificationId).toList())
                .as("every entry once, newest first, the late newcomer not among the older pages")
                .containsExactlyElementsOf(newestFirst(delivered));
        assertThat(seen.stream().map(FeedEntry::id).toList())
                .as("entry ids strictly decreasing")
                .isSortedAccordingTo((a, b) -> Long.compare(b, a))
                .doesNotHaveDuplicates();
        assertThat(feed.list(READER, null, 5).items().get(0).notificationId())
                .as("the newcomer heads a fresh first page")
                .isEqualTo(newcomer.id());
    }

    @Test
    void aPageThatEndsExactlyOnTheLastEntryHasNoNextCursor() throws Exception {
        for (int i = 1; i <= 4; i++) {
            deliver(notification(NotificationType.TICKET_UPDATED, i, T0.plusSeconds(i), READER)
                    .build());
        }

        Page<FeedEntry> first = feed.list(READER, null, 2);
        Page<FeedEntry> second = feed.list(READER, first.nextCursor().orElseThrow(), 2);

        assertThat(second.items()).as("second page of 4 entries by 2").hasSize(2);
        assertThat(second.hasNext()).as("a next page after the last entry").isFalse();
        assertThat(feed.list(READER, null, 4).nextCursor())
                .as("one page holding every entry")
                .isEmpty();
        assertThat(feed.list("u-nobody", null, 10).items())
                .as("feed of a user with no entry")
                .isEmpty();
    }

    @Test
    void refusesBadPageSizesCursorsAndUserIds() {
        for (int size : new int[] {0, 201, Integer.MIN_VALUE}) {
            assertThatThrownBy(() -> feed.list(READER, null, size))
                    .isInstanceOfSatisfying(
                            ValidationException.class,
                            e -> assertThat(e.violations())
                                    .extracting(Violation::field)
                                    .containsExactly("pageSize"));
        }
        String forged = java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("feed1:99999999999999999999999".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String page1 = feed.list(READER, null, 1).nextCursor().orElse("");
        for (String cursor : new String[] {
            "42",
            "not base64 !",
            "\u0000",
            "abc\u0000def",
            forged,
            java.util.Base64.getUrlEncoder()
                    .encodeToString("feed1:-5".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            java.util.Base64.getUrlEncoder()
                    .encodeToString("feed1:1\u0000".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            "x".repeat(10_000),
            page1.isEmpty() ? "AAAA" : page1 + "\u0000"
        }) {
            assertThatThrownBy(() -> feed.list(READER, cursor, 10))
                    .as(cursor.length() > 40 ? cursor.substring(0, 40) : cursor)
                    .isInstanceOfSatisfying(
                            ValidationException.class,
                            e -> assertThat(e.violations())
                                    .extracting(Violation::field)
                                    .containsExactly("cursor"));
        }
        assertThatThrownBy(() -> feed.unreadCount(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("userId must not be blank");
        assertThatThrownBy(() -> feed.list(" ", null, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("userId must not be blank");
        assertThatThrownBy(() -> feed.markRead("", 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("userId must not be blank");
        assertThatThrownBy(() -> feed.markAllRead("\t"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("userId must not be blank");
    }

    @Test
    void countsUnreadAndMarksOneThenAllRead() throws Exception {
        for (int i = 1; i <= 3; i++) {
            deliver(notification(NotificationType.TICKET_COMMENTED, i, T0.plusSeconds(i), READER)
                    .build());
        }
        assertThat(feed.unreadCount(READER)).as("unread after three deliveries").isEqualTo(3);
        long middle = all(READER).get(1).id();

        assertThat(feed.markRead(READER, middle))
                .as("marking the reader's own entry")
                .isTrue();

        assertThat(feed.unreadCount(READER)).as("unread after marking one").isEqualTo(2);
        FeedEntry read = all(READER).get(1);
        assertThat(read.read()).as("the marked entry is read").isTrue();
        assertThat(read.readAt()).as("its read time, from the clock").contains(READ_AT);
        assertThat(all(READER).stream().filter(FeedEntry::read).count())
                .as("read entries")
                .isEqualTo(1);
        assertThat(feed.markRead(READER, middle))
                .as("marking an entry already read")
                .isTrue();

        assertThat(feed.markAllRead(READER)).as("entries marked by markAllRead").isEqualTo(2);
        assertThat(feed.unreadCount(READER)).as("unread after marking all").isZero();
        assertThat(all(READER)).as("every entry read").allMatch(FeedEntry::read);
        assertThat(feed.markAllRead(READER))
                .as("markAllRead with nothing unread")
                .isZero();
    }

    @Test
    void anotherUsersEntryIsNeverTouched() throws Exception {
        deliver(notification(NotificationType.TICKET_CREATED, 1, T0, READER, OTHER)
                .build());
        deliver(notification(NotificationType.TICKET_UPDATED, 2, T0.plusSeconds(1), OTHER)
                .build());
        List<FeedEntry> others = all(OTHER);
        assertThat(others).as("the other user's entries").hasSize(2);

        for (FeedEntry e : others) {
            assertThat(feed.markRead(READER, e.id()))
                    .as("the reader marking the other's entry %s", e.id())
                    .isFalse();
        }
        assertThat(feed.markRead(READER, Long.MAX_VALUE))
                .as("marking an entry that does not exist")
                .isFalse();
        assertThat(feed.markAllRead(READER))
                .as("the reader marking all of their own")
                .isEqualTo(1);

        assertThat(feed.unreadCount(OTHER)).as("the other user's unread count").isEqualTo(2);
        assertThat(all(OTHER))
                .as("the other user's entries after the reader's marks")
                .noneMatch(FeedEntry::read);
        assertThat(all(READER).get(0).id())
                .as("each recipient has an entry of their own")
                .isNotIn(others.stream().map(FeedEntry::id).toList());
    }

    @Test
    void aRedeliveredNotificationAddsNothingAndKeepsTheReadState() throws Exception {
        Notification n = notification(NotificationType.TICKET_ESCALATED, 7, T0, READER, OTHER)
                .build();
        deliver(n);
        feed.markRead(READER, all(READER).get(0).id());

        deliver(n);
        deliver(n.toBuilder()
                .recipient(Recipient.of("u-third", "Third", Locale.ENGLISH))
                .build());

        assertThat(all(READER))
                .as("the reader's entries after three deliveries of one notification")
                .hasSize(1)
                .allMatch(FeedEntry::read);
        assertThat(all(OTHER)).as("the other recipient's entries").hasSize(1).noneMatch(FeedEntry::read);
        assertThat(all("u-third"))
                .as("a recipient added on a later delivery gets an entry")
                .hasSize(1);
        assertThat(feed.unreadCount(READER)).as("unread of the reader").isZero();
    }

    @Test
    void keepsEverythingAndRendersAnEntryInFrenchAndInEnglish() throws Exception {
        Notification n = Notification.builder()
                .type(NotificationType.TICKET_UPDATED)
                .ticket(42, "A-42")
                .school("0750001A")
                .actor("u-admin", "Zoë Lefèvre 🎓")
                .recipient(Recipient.of(READER, "Reader", Locale.ENGLISH))
                .occurredAt(Instant.parse("2025-03-14T09:26:53.123456Z"))
                .parameter(NotificationParameters.SUBJECT, "Impossible de publier « Cahier » ✓")
                .parameter(NotificationParameters.FROM_STATUS, "NEW")
                .parameter(NotificationParameters.TO_STATUS, "OPENED")
                .parameter(NotificationParameters.COMMENT, "Ligne 1\nLigne \"2\" \\ <b>")
                .link("https://ent.example/support#/ticket/42")
                .build();
        deliver(n);

        FeedEntry e = all(READER).get(0);
        assertThat(e.notificationId()).as("notification id").isEqualTo(n.id());
        assertThat(e.type()).as("type").isEqualTo(NotificationType.TICKET_UPDATED);
        assertThat(e.ticketId()).as("ticket id").isEqualTo(42);
        assertThat(e.ticketNumber()).as("ticket number").isEqualTo("A-42");
        assertThat(e.actorName()).as("actor name").isEqualTo("Zoë Lefèvre 🎓");
        assertThat(e.occurredAt()).as("occurred at").isEqualTo(n.occurredAt());
        assertThat(e.parameters()).as("parameters").isEqualTo(n.parameters());
        assertThat(e.schoolName()).as("school name, unknown to the host").isEqualTo(Optional.empty());
        assertThat(e.schoolLabel()).as("school label falls back to the id").isEqualTo("0750001A");
        assertThat(e.link()).as("link").isEqualTo(n.link());
        assertThat(e.read()).as("a new entry is unread").isFalse();

        RenderedMessage fr = e.render(Locale.CANADA_FRENCH);
        RenderedMessage en = e.render(Locale.ENGLISH);
        assertThat(fr.subject())
                .as("French subject")
                .isEqualTo("[Aide et support] Demande n°A-42 modifiée : Impossible de publier « Cahier » ✓");
        assertThat(fr.textBody())
                .as("French body")
                .contains("Zoë Lefèvre 🎓 a modifié la demande n°A-42.")
                .contains("Statut : Nouvelle → En cours")
                .contains("Établissement : 0750001A");
        assertThat(en.subject())
                .as("English subject")
                .isEqualTo("[Help & support] Request #A-42 updated: Impossible de publier « Cahier » ✓");
        assertThat(en.textBody()).as("English body").contains("Zoë Lefèvre 🎓 updated request #A-42.");
        assertThat(en.htmlBody())
                .as("English HTML, parameters escaped")
                .contains("&lt;b&gt;")
                .contains("href=\"https://ent.example/support#/ticket/42\"");
    }

    @Test
    void storesOneEntryPerRecipientWithTheSchoolName() throws Exception {
        Notification n = deliver(notification(NotificationType.TICKET_CREATED, 5, T0, READER, OTHER, "u-third")
                .build());

        for (String user : List.of(READER, OTHER, "u-third")) {
            assertThat(all(user)).as("entries of %s", user).singleElement().satisfies(e -> {
                assertThat(e.notificationId()).as("notification id").isEqualTo(n.id());
                assertThat(e.recipient()).as("recipient").isEqualTo(user);
                assertThat(e.schoolLabel()).as("school label").isEqualTo("Collège Jean Moulin");
            });
            assertThat(feed.unreadCount(user)).as("unread of %s", user).isEqualTo(1);
        }
    }

    @Test
    void aDatabaseFailureIsARetryableDeliveryFailure() {
        Notification n =
                notification(NotificationType.TICKET_CREATED, 8, T0, READER).build();
        SupportJdbc closed = SupportJdbc.builder()
                .jdbcUrl(db().url)
                .schema(db().schema)
                .migrate(false)
                .build();
        NewsFeed orphan = closed.newsFeed();
        closed.close();

        assertThatThrownBy(() -> orphan.deliver(n))
                .isInstanceOfSatisfying(
                        DeliveryException.class,
                        e -> assertThat(e.retryable()).as("retryable").isTrue())
                .hasMessageStartingWith("news-feed could not store notification " + n.id()
                        + " (ticket-created, ticket 8) for 1 recipient(s): The support store failed to");
    }

    @Test
    void aValueLongerThanItsColumnIsAPermanentFailure() {
        Notification n = notification(NotificationType.TICKET_CREATED, 9, T0, READER)
                .link("https://ent.example/" + "x".repeat(2100))
                .build();

        assertThatThrownBy(() -> feed.deliver(n))
                .isInstanceOfSatisfying(
                        DeliveryException.class,
                        e -> assertThat(e.retryable()).as("retryable").isFalse())
                .hasMessage("news-feed cannot store notification " + n.id() + " (ticket-created, ticket 9): its link"
                        + " has 2120 characters, more than the 2048 the feed keeps");
        assertThat(all(READER)).as("entries after the refusal").isEmpty();
    }

    @Test
    void everyBoundedValueIsCheckedAndOneAtItsLimitIsKept() throws Exception {
        String id256 = "u".repeat(256);
        Notification longRecipient = notification(NotificationType.TICKET_CREATED, 10, T0, READER, id256)
                .build();
        Notification longActor = notification(NotificationType.TICKET_CREATED, 11, T0, READER)
                .actor(id256, "Camille Martin")
                .build();
        Notification longSchool = notification(NotificationType.TICKET_CREATED, 12, T0, READER)
                .school(id256, "Collège Jean Moulin")
                .build();
        Notification longNumber = notification(NotificationType.TICKET_CREATED, 13, T0, READER)
                .ticket(13, "1".repeat(65))
                .build();
        for (var refused : List.of(
                Map.entry(longRecipient, "recipient user id has 256 characters, more than the 255"),
                Map.entry(longActor, "actorId has 256 characters, more than the 255"),
                Map.entry(longSchool, "school has 256 characters, more than the 255"),
                Map.entry(longNumber, "ticketNumber has 65 characters, more than the 64"))) {
            assertThatThrownBy(() -> feed.deliver(refused.getKey()))
                    .isInstanceOfSatisfying(
                            DeliveryException.class,
                            e -> assertThat(e.retryable()).as("retryable").isFalse())
                    .hasMessageContaining(refused.getValue());
        }
        assertThat(all(READER)).as("entries after the refusals").isEmpty();

        String link = "https://ent.example/" + "x".repeat(2048 - 20);
        deliver(notification(NotificationType.TICKET_CREATED, 14, T0, READER)
                .link(link)
                .build());
        assertThat(all(READER))
                .singleElement()
                .satisfies(e -> assertThat(e.link()).isEqualTo(link));
    }

    @Test
    void purgesEntriesOlderThanACutoffOnly() throws Exception {
        for (int day = 0; day < 5; day++) {
            deliver(notification(NotificationType.TICKET_UPDATED, day + 1, T0.plusSeconds(86_400L * day), READER, OTHER)
                    .build());
        }

        long purged = feed.purgeOlderThan(T0.plusSeconds(86_400L * 2));

        assertThat(purged).as("entries of days 0 and 1, for two users").isEqualTo(4);
        assertThat(all(READER).stream().map(FeedEntry::ticketId).toList())
                .as("the reader's remaining tickets")
                .containsExactly(5L, 4L, 3L);
        assertThat(all(OTHER)).as("the other user's remaining entries").hasSize(3);
        assertThat(feed.purgeOlderThan(T0))
                .as("a second purge before the oldest entry")
                .isZero();
    }

    @Test
    void aPurgeOfMoreThanOneBatchDeletesEveryOldEntry() throws Exception {
        for (int i = 0; i < 1_000; i++) {
            deliver(notification(NotificationType.TICKET_UPDATED, i + 1, T0.plusSeconds(i), READER, OTHER)
                    .build());
        }
        deliver(notification(NotificationType.TICKET_UPDATED, 5_000, T0.plusSeconds(86_400), READER)
                .build());

        assertThat(feed.purgeOlderThan(T0.plusSeconds(3_600)))
                .as("2,000 entries, more than one batch of 1,000")
                .isEqualTo(2_000);
        assertThat(all(READER).stream().map(FeedEntry::ticketId).toList()).containsExactly(5_000L);
        assertThat(all(OTHER)).isEmpty();
    }

    @Test
    void isANotifierNamedNewsFeedForEveryType() {
        assertThat(feed.name()).as("name").isEqualTo("news-feed");
        assertThat(NotificationType.values()).as("supported types").allMatch(feed::supports);
        assertThat(db().jdbc.newsFeed())
                .as("SupportJdbc.newsFeed() is one instance")
                .isSameAs(db().jdbc.newsFeed());
    }
}

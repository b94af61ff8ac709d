package org.entsupport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.entsupport.core.Actor;
import org.entsupport.core.NewComment;
import org.entsupport.core.NewTicket;
import org.entsupport.core.Support;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.spi.Directory;
import org.entsupport.notify.NotificationType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The news feed registered with the facade on H2: a request filed by a teacher reaches the feed of
 * the school's admin through the outbox, and the admin's reply reaches the teacher's.
 */
class NewsFeedEndToEndTest {

    private static final Directory DIRECTORY = new Directory() {
        @Override
        public Set<String> localAdmins(String school) {
            return "0750001A".equals(school) ? Set.of("u-admin") : Set.of();
        }

        @Override
        public Optional<String> schoolName(String school) {
            return Optional.of("Collège Jean Moulin");
        }
    };

    private TestDatabase db;
    private Support support;

    @BeforeEach
    void start() {
        db = TestDatabase.h2();
        support = Support.builder()
                .store(db.jdbc.store())
                .directory(DIRECTORY)
                .notifier(db.jdbc.newsFeed())
                .linkTemplate("https://ent.example/support#/ticket/{id}")
                .build();
    }

    @AfterEach
    void stop() {
        support.close();
        db.close();
    }

    @Test
    void aFiledRequestReachesTheSchoolAdminsFeedAndTheirCommentTheOwners() {
        NewsFeed feed = db.jdbc.newsFeed();
        Actor teacher =
                Actor.user("u-teacher", "Camille Martin").memberOf("0750001A").build();
        Actor admin =
                Actor.user("u-admin", "Dominique Petit").adminOf("0750001A").build();

        Ticket t = support.create(
                teacher,
                NewTicket.builder()
                        .school("0750001A")
                        .category("/blog")
                        .subject("Impossible de publier")
                        .description("Le bouton ne répond pas")
                        .build());
        assertThat(feed.unreadCount("u-admin"))
                .as("admin's unread before the relay ran")
                .isZero();
        support.relay().deliverAllDue();

        assertThat(feed.unreadCount("u-admin"))
                .as("admin's unread after the relay")
                .isEqualTo(1);
        assertThat(feed.unreadCount("u-teacher"))
                .as("the actor hears nothing of their own request")
                .isZero();
        FeedEntry entry = feed.list("u-admin", null, 10).items().get(0);
        assertThat(entry.type()).as("type").isEqualTo(NotificationType.TICKET_CREATED);
        assertThat(entry.ticketId()).as("ticket").isEqualTo(t.id());
        assertThat(entry.link()).as("link").isEqualTo("https://ent.example/support#/ticket/" + t.id());
        assertThat(entry.render(Locale.FRENCH).subject())
                .as("French title")
                .isEqualTo("[Aide et support] Nouvelle demande n°" + t.id() + " : Impossible de publier");

        support.relay().deliverAllDue();
        assertThat(feed.unreadCount("u-admin"))
                .as("admin's unread after a second relay run")
                .isEqualTo(1);

        support.comment(admin, t.id(), NewComment.of("Je regarde"));
        support.relay().deliverAllDue();
        assertThat(feed.list("u-teacher", null, 10).items())
                .as("the teacher's feed")
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.type()).as("type").isEqualTo(NotificationType.TICKET_COMMENTED);
                    assertThat(e.actorName()).as("actor").isEqualTo("Dominique Petit");
                    assertThat(e.render(Locale.ENGLISH).textBody())
                            .as("English body")
                            .contains("Je regarde");
                });
        assertThat(feed.unreadCount("u-admin"))
                .as("the admin hears nothing of their own comment")
                .isEqualTo(1);
    }
}

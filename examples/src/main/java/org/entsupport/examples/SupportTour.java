package org.entsupport.examples;

import java.io.PrintStream;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.entsupport.core.Actor;
import org.entsupport.core.NewComment;
import org.entsupport.core.NewTicket;
import org.entsupport.core.Support;
import org.entsupport.core.TicketQuery;
import org.entsupport.core.TimelineText;
import org.entsupport.core.attachment.AttachmentStore;
import org.entsupport.core.attachment.NewFile;
import org.entsupport.core.desk.SupportDesk;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketStatus;
import org.entsupport.core.model.TimelineEntry;
import org.entsupport.core.spi.CategoryCatalog;
import org.entsupport.core.spi.Directory;
import org.entsupport.core.spi.TicketStore;
import org.entsupport.jdbc.FeedEntry;
import org.entsupport.jdbc.NewsFeed;

/**
 * The whole feature, step by step, as the people involved see it: Alice files a request with a
 * screenshot, Bruno (the school's référent) reads it in his news feed, answers and waits for her,
 * she replies (the request opens again), he hands it over to the support desk, the desk answers,
 * both are notified, and Alice marks it resolved.
 *
 * <p>Shared by {@link QuickStart} (in-process desk) and {@link RedmineEscalationExample} (a real Redmine).
 */
final class SupportTour {

    /** What the example does on the desk's side: a support agent answering. */
    interface DeskSide {
        /** Answers publicly on the desk issue {@code externalId}. */
        void answer(String externalId, String text) throws Exception;
    }

    /** A one-pixel PNG, standing for Alice's screenshot. */
    static final byte[] SCREENSHOT = Base64.getDecoder()
            .decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private final PrintStream out;
    private final Locale locale;

    SupportTour(PrintStream out, Locale locale) {
        this.out = out;
        this.locale = locale;
    }

    private boolean fr() {
        return "fr".equals(locale.getLanguage());
    }

    private String t(String french, String english) {
        return fr() ? french : english;
    }

    void run(TicketStore store, NewsFeed feed, AttachmentStore files, SupportDesk desk, DeskSide deskSide)
            throws Exception {
        // 1. The host says who acts, and who administers which school.
        Actor alice = Actor.user("u-alice", "Alice Martin")
                .memberOf("school-1", "school-2")
                .locale(locale)
                .build();
        Actor bruno = Actor.user("u-bruno", "Bruno Durand")
                .adminOf("school-1")
                .mayEscalateIn("school-1")
                .locale(locale)
                .build();
        Directory directory = new Directory() {
            @Override
            public Set<String> localAdmins(String school) {
                return "school-1".equals(school) ? Set.of("u-bruno") : Set.of();
            }

            @Override
            public Optional<String> displayName(String userId) {
                return Optional.ofNullable(Map.of("u-alice", "Alice Martin", "u-bruno", "Bruno Durand")
                        .get(userId));
            }

            @Override
            public Locale locale(String userId) {
                return locale;
            }

            @Override
            public Optional<String> schoolName(String school) {
                return Optional.of("school-1".equals(school) ? "Collège Jean Moulin" : "Lycée Victor Hugo");
            }
        };
        try (Support support = Support.builder()
                .store(store)
                .directory(directory)
                .categories(CategoryCatalog.defaults()) // the platform's own list of applications in a real host
                .attachmentStore(files)
                .notifier(feed)
                .linkTemplate("https://ent.example/support#/ticket/{id}")
                .escalationEnabled("school-1"::equals)
                .desk(desk)
                .build()) {

            // 2. Alice files a request with a screenshot.
            Ticket ticket = support.create(
                    alice,
                    NewTicket.builder()
                            .school("school-1")
                            .category("/blog")
                            .subject(t("Impossible de publier un billet", "Cannot publish a post"))
                            .description(t(
                                    "Le bouton « Publier » ne fait rien depuis ce matin.",
                                    "The Publish button does nothing since this morning."))
                            .file(NewFile.of(t("capture-ecran.png", "screenshot.png"), SCREENSHOT))
                            .build());
            support.relay().deliverAllDue();
            step(t("Alice dépose une demande avec une capture d'écran", "Alice files a request with a screenshot"));
            showList(support, bruno, "Bruno");
            showFeed(feed, "u-bruno", "Bruno");

            // 3. Bruno answers and waits for Alice.
            support.comment(
                    bruno,
                    ticket.id(),
                    NewComment.of(t("Quel navigateur utilisez-vous ?", "Which browser do you use?")));
            support.changeStatus(
                    bruno,
                    ticket.id(),
                    TicketStatus.WAITING,
                    support.get(bruno, ticket.id()).version());
            support.relay().deliverAllDue();
            step(t("Bruno répond et attend Alice", "Bruno answers and waits for Alice"));
            showList(support, alice, "Alice");
            showFeed(feed, "u-alice", "Alice");

            // 4. Alice replies: the request opens again.
            support.comment(
                    alice, ticket.id(), NewComment.of(t("Firefox 128, sous Windows.", "Firefox 128, on Windows.")));
            support.relay().deliverAllDue();
            step(t("Alice répond : la demande repasse en cours", "Alice replies: the request is open again"));
            showList(support, bruno, "Bruno");
            showFeed(feed, "u-bruno", "Bruno");

            // 5. Bruno hands it over to the support desk; the desk accepts it.
            support.escalate(bruno, ticket.id());
            support.relay().deliverAllDue();
            Ticket escalated = support.get(bruno, ticket.id());
            step(t("Bruno transmet la demande au support", "Bruno escalates the request to the support desk"));
            out.println("  " + t("Transmission : ", "Escalation: ")
                    + TimelineText.escalationStatusLabel(escalated.escalationStatus(), locale) + " ("
                    + escalated.escalation().desk() + " #"
                    + escalated.escalation().externalId() + ")");

            // 6. The desk answers; the next synchronisation brings the answer back.
            deskSide.answer(
                    escalated.escalation().externalId(),
                    t(
                            "Bonjour, videz le cache du navigateur puis réessayez.",
                            "Hello, please clear the browser cache and try again."));
            support.syncDesks();
            support.relay().deliverAllDue();
            step(t(
                    "Le support répond : Alice et Bruno sont prévenus",
                    "The desk answers: Alice and Bruno are notified"));
            showFeed(feed, "u-alice", "Alice");
            showFeed(feed, "u-bruno", "Bruno");

            // 7. Alice marks it resolved.
            support.changeStatus(
                    alice,
                    ticket.id(),
                    TicketStatus.RESOLVED,
                    support.get(alice, ticket.id()).version());
            support.relay().deliverAllDue();
            step(t("Alice indique que le problème est résolu", "Alice marks the request resolved"));
            showList(support, alice, "Alice");
            showTimeline(support, alice, ticket.id());
            feed.markAllRead("u-alice");
            out.println("  " + t("Non lus d'Alice après lecture : ", "Alice's unread after reading: ")
                    + feed.unreadCount("u-alice"));
        }
    }

    private void step(String title) {
        out.println();
        out.println("== " + title);
    }

    private void showList(Support support, Actor actor, String name) {
        List<Ticket> tickets = support.list(actor, TicketQuery.all()).items();
        out.println("  " + t("Demandes visibles par ", "Requests visible to ") + name + " (" + tickets.size() + ")");
        for (Ticket tk : tickets) {
            out.printf("    %s%d  %-26s  %s%n", t("n°", "#"), tk.id(), status(tk.status()), tk.subject());
        }
    }

    private void showFeed(NewsFeed feed, String userId, String name) {
        List<FeedEntry> entries = feed.list(userId, null, 5).items();
        out.println("  " + t("Fil de nouveautés " + de(name), "News feed of " + name) + " (" + feed.unreadCount(userId)
                + t(" non lu(s))", " unread)"));
        for (FeedEntry e : entries) {
            out.println("    " + (e.read() ? "  " : "* ") + e.render(locale).subject());
        }
    }

    private void showTimeline(Support support, Actor actor, long ticketId) {
        out.println("  " + t("Historique de la demande n°", "Timeline of request #") + ticketId);
        for (TimelineEntry e : support.timeline(actor, ticketId)) {
            out.println("    " + TimelineText.describe(e, locale));
        }
    }

    /** "de Bruno", "d'Alice": French elides "de" before a vowel. */
    private static String de(String name) {
        return !name.isEmpty() && "AEIOUYÉÈÊÀÂÎÔaeiouyéèêàâîô".indexOf(name.charAt(0)) >= 0
                ? "d'" + name
                : "de " + name;
    }

    private String status(TicketStatus s) {
        return TimelineText.statusLabel(s, locale);
    }
}

package org.entsupport.examples;

import java.io.PrintStream;
import java.time.format.DateTimeFormatter;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.entsupport.core.Actor;
import org.entsupport.core.NewAttachment;
import org.entsupport.core.NewComment;
import org.entsupport.core.NewTicket;
import org.entsupport.core.Support;
import org.entsupport.core.TicketQuery;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketStatus;
import org.entsupport.core.model.TimelineEntry;

/**
 * The whole feature in one run: a user files a request with a screenshot, the school's admin answers
 * and waits for the requester, the requester replies (which reopens it), the admin escalates it, and
 * the requester resolves it. Each step prints what a person would see.
 *
 * <p>Run it with {@code mvn -q -pl examples -am compile exec:java}; add {@code -Dexec.args=en} for English.
 */
public final class QuickStart {

    private final PrintStream out;
    private final Locale locale;

    QuickStart(PrintStream out, Locale locale) {
        this.out = out;
        this.locale = locale;
    }

    /**
     * Runs the example.
     *
     * @param args {@code en} for English, French otherwise
     */
    public static void main(String[] args) {
        Locale locale = args.length > 0 && args[0].startsWith("en") ? Locale.ENGLISH : Locale.FRENCH;
        new QuickStart(System.out, locale).run();
    }

    private boolean fr() {
        return "fr".equals(locale.getLanguage());
    }

    void run() {
        // 1. The host tells who acts; the directory says who administers which school.
        Actor alice = Actor.user("u-alice", "Alice Martin").memberOf("school-1", "school-2").locale(locale).build();
        Actor bruno = Actor.user("u-bruno", "Bruno Durand").adminOf("school-1").mayEscalateIn("school-1")
                .locale(locale).build();
        Support support = Support.builder()
                .directory(school -> "school-1".equals(school) ? Set.of("u-bruno") : Set.of())
                .escalationEnabled("school-1"::equals)
                .desk(new org.entsupport.core.memory.InMemorySupportDesk())
                .build();

        // 2. Alice files a request with a screenshot.
        Ticket ticket = support.create(alice, NewTicket.builder()
                .school("school-1").category("/blog")
                .subject(fr() ? "Impossible de publier un billet" : "Cannot publish a post")
                .description(fr() ? "Le bouton « Publier » ne fait rien depuis ce matin."
                        : "The Publish button does nothing since this morning.")
                .attachment(new NewAttachment("workspace/doc-42", "capture.png", "image/png", 48_213))
                .build());
        step(fr() ? "Alice dépose une demande" : "Alice files a request");
        showList(support, bruno, "Bruno");

        // 3. Bruno answers and waits for Alice.
        support.comment(bruno, ticket.id(), NewComment.of(fr() ? "Quel navigateur utilisez-vous ?"
                : "Which browser do you use?"));
        Ticket current = support.get(bruno, ticket.id());
        support.changeStatus(bruno, ticket.id(), TicketStatus.WAITING, current.version());
        step(fr() ? "Bruno répond et attend Alice" : "Bruno answers and waits for Alice");
        showList(support, alice, "Alice");

        // 4. Alice replies: the request is opened again.
        support.comment(alice, ticket.id(), NewComment.of(fr() ? "Firefox 128, sous Windows."
                : "Firefox 128, on Windows."));
        step(fr() ? "Alice répond : la demande repasse en cours" : "Alice replies: the request is open again");
        showList(support, bruno, "Bruno");

        // 5. Bruno hands it over to the support desk.
        support.escalate(bruno, ticket.id());
        step(fr() ? "Bruno transmet la demande au support" : "Bruno escalates the request to the support desk");

        // 6. Alice resolves it.
        current = support.get(alice, ticket.id());
        support.changeStatus(alice, ticket.id(), TicketStatus.RESOLVED, current.version());
        step(fr() ? "Alice indique que le problème est résolu" : "Alice marks the request resolved");
        showList(support, alice, "Alice");
        showTimeline(support, alice, ticket.id());
    }

    private void step(String title) {
        out.println();
        out.println("== " + title);
    }

    private void showList(Support support, Actor actor, String name) {
        List<Ticket> tickets = support.list(actor, TicketQuery.all()).tickets();
        out.println((fr() ? "  Liste de " : "  List of ") + name + " (" + tickets.size() + ")");
        for (Ticket t : tickets) {
            out.printf("    n°%d  %-28s  %-10s  %s%n", t.id(), status(t.status()), t.school(), t.subject());
        }
    }

    private void showTimeline(Support support, Actor actor, long ticketId) {
        out.println(fr() ? "  Historique de la demande n°" + ticketId : "  Timeline of request #" + ticketId);
        DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.of("Europe/Paris"));
        for (TimelineEntry e : support.timeline(actor, ticketId)) {
            if (e instanceof TimelineEntry.CommentEntry c) {
                out.printf("    %s  %s : %s%n", time.format(c.at()), c.comment().authorName(), c.comment().body());
            } else if (e instanceof TimelineEntry.EventEntry ev) {
                out.printf("    %s  [%s] %s%n", time.format(ev.at()), ev.event().type().code(),
                        ev.event().parameters().getOrDefault("to", ""));
            }
        }
    }

    private String status(TicketStatus s) {
        return switch (s) {
            case NEW -> fr() ? "Nouveau" : "New";
            case OPENED -> fr() ? "En cours" : "In progress";
            case WAITING -> fr() ? "En attente utilisateur" : "Waiting for requester";
            case RESOLVED -> fr() ? "Résolu" : "Resolved";
            case CLOSED -> fr() ? "Fermé" : "Closed";
        };
    }
}

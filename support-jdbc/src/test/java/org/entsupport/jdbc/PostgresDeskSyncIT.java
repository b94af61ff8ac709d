package org.entsupport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.entsupport.core.Actor;
import org.entsupport.core.NewTicket;
import org.entsupport.core.Support;
import org.entsupport.core.memory.InMemorySupportDesk;
import org.entsupport.core.model.Comment;
import org.entsupport.core.model.EscalationStatus;
import org.entsupport.core.model.Origin;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TimelineEntry;
import org.entsupport.core.spi.TicketStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two synchronisers (two nodes' facades) on one PostgreSQL database poll the same desk at the same
 * time, again and again, while the desk keeps answering: no desk comment is imported twice, none is
 * missed.
 */
class PostgresDeskSyncIT {

    private static TestDatabase db;

    @BeforeAll
    static void start() {
        db = TestDatabase.postgres();
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @Test
    void twoSynchronisersNeverImportACommentTwice() throws Exception {
        TicketStore store = db.jdbc.store();
        InMemorySupportDesk desk = new InMemorySupportDesk();
        Support nodeA = Support.builder()
                .store(store)
                .desk(desk)
                .escalationEnabled(s -> true)
                .relay(b -> b.nodeId("node-a"))
                .build();
        Support nodeB = Support.builder()
                .store(store)
                .desk(desk)
                .escalationEnabled(s -> true)
                .relay(b -> b.nodeId("node-b"))
                .build();
        Actor owner = Actor.user("u-owner", "Olivia").memberOf("s1").build();
        Actor admin =
                Actor.user("u-admin", "Adam").adminOf("s1").mayEscalateIn("s1").build();

        List<Ticket> tickets = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Ticket t = nodeA.create(
                    owner,
                    NewTicket.builder()
                            .school("s1")
                            .category("/blog")
                            .subject("Demande " + i)
                            .description("d")
                            .build());
            nodeA.escalate(admin, t.id());
            tickets.add(t);
        }
        nodeA.relay().deliverAllDue();
        List<String> issues = new ArrayList<>();
        for (Ticket t : tickets) {
            Ticket escalated = nodeA.get(admin, t.id());
            assertThat(escalated.escalationStatus()).isEqualTo(EscalationStatus.SUCCESSFUL);
            issues.add(escalated.escalation().externalId());
        }

        int rounds = 15;
        int perRound = 2;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> polls = new ArrayList<>();
        for (Support node : List.of(nodeA, nodeB)) {
            polls.add(pool.submit(() -> {
                go.await();
                int changed = 0;
                for (int r = 0; r < rounds * 3; r++) {
                    changed += node.syncDesks();
                    Thread.sleep(5);
                }
                return changed;
            }));
        }
        go.countDown();
        for (int r = 0; r < rounds; r++) {
            for (String issue : issues) {
                for (int k = 0; k < perRound; k++) {
                    desk.addComment(issue, "Agent", "Réponse " + r + "." + k + " sur " + issue, true);
                }
            }
            Thread.sleep(10);
        }
        for (Future<Integer> f : polls) {
            f.get();
        }
        pool.shutdown();
        // a last poll after the desk went quiet picks up whatever the concurrent rounds left
        nodeA.syncDesks();
        nodeB.syncDesks();

        for (int i = 0; i < tickets.size(); i++) {
            List<Comment> imported = nodeA.timeline(admin, tickets.get(i).id()).stream()
                    .filter(e -> e instanceof TimelineEntry.CommentEntry)
                    .map(e -> ((TimelineEntry.CommentEntry) e).comment())
                    .filter(c -> c.origin() == Origin.DESK)
                    .toList();
            assertThat(imported).as("ticket %d", tickets.get(i).id()).hasSize(rounds * perRound);
            assertThat(imported.stream().map(Comment::externalId).distinct()).hasSize(rounds * perRound);
            assertThat(nodeA.get(admin, tickets.get(i).id()).commentCount()).isEqualTo(rounds * perRound);
        }
    }
}

package org.entsupport.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.entsupport.core.Actor;
import org.entsupport.core.CommentAdded;
import org.entsupport.core.NewComment;
import org.entsupport.core.NewTicket;
import org.entsupport.core.Page;
import org.entsupport.core.Support;
import org.entsupport.core.TicketQuery;
import org.entsupport.core.memory.InMemoryTicketStore;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketStatus;
import org.junit.jupiter.api.Test;

/** The README's quick start, line for line: it compiles and does what the comments say. */
class ReadmeQuickStartTest {

    @Test
    void theReadmeQuickStartWorks() {
        // --- README "Quick start" begins
        Actor alice = Actor.user("u-alice", "Alice Martin").memberOf("school-1").build();
        Actor bruno = Actor.user("u-bruno", "Bruno Durand").adminOf("school-1").build();

        Support support = Support.builder()
                .store(new InMemoryTicketStore()) // or the JDBC store of support-jdbc
                .directory(school -> Set.of("u-bruno")) // who administers a school
                .build();

        Ticket t = support.create(
                alice,
                NewTicket.builder()
                        .school("school-1")
                        .category("/blog")
                        .subject("Cannot publish")
                        .description("The Publish button does nothing.")
                        .build());

        CommentAdded added = support.comment(bruno, t.id(), NewComment.of("Which browser?")); // NEW -> OPENED
        Page<Ticket> page = support.list(bruno, TicketQuery.all()); // newest first, keyset paged
        support.changeStatus(bruno, t.id(), TicketStatus.WAITING, added.ticket().version());
        // --- README "Quick start" ends

        assertThat(page.items()).extracting(Ticket::status).containsExactly(TicketStatus.OPENED);
        assertThat(support.get(alice, t.id()).status()).isEqualTo(TicketStatus.WAITING);
    }
}

package org.entsupport.core;

import java.util.Objects;
import org.entsupport.core.model.Comment;
import org.entsupport.core.model.Ticket;

/**
 * What {@link Support#comment} answers: the stored comment and the ticket as the comment left it (its new
 * version, status and counters), so that the next change needs no extra read.
 *
 * <pre>{@code
 * CommentAdded added = support.comment(referent, ticketId, NewComment.of("Pouvez-vous préciser ?"));
 * support.changeStatus(referent, ticketId, TicketStatus.WAITING, added.ticket().version());
 * }</pre>
 *
 * @param comment the stored comment
 * @param ticket  the ticket after the comment, in the same transaction
 */
public record CommentAdded(Comment comment, Ticket ticket) {

    /**
     * Checks the components.
     *
     * @param comment the stored comment
     * @param ticket the ticket after the comment, in the same transaction
     */
    public CommentAdded {
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(ticket, "ticket");
    }
}

package org.entsupport.tck;

import java.time.Instant;
import org.entsupport.core.model.Escalation;
import org.entsupport.core.model.EscalationStatus;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketStatus;
import org.jspecify.annotations.Nullable;

/**
 * A stored ticket with some components changed, as the library hands it to {@code updateTicket}: the
 * contracts build the changed values themselves, since the public {@link Ticket} record offers no
 * copy methods.
 */
final class TicketCopy {

    private final Ticket t;

    private TicketCopy(Ticket t) {
        this.t = t;
    }

    static TicketCopy of(Ticket t) {
        return new TicketCopy(t);
    }

    TicketCopy fields(String subject, String category, String description, Instant at) {
        return new TicketCopy(copy(
                category,
                subject,
                description,
                t.status(),
                t.escalationStatus(),
                at,
                t.statusChanged(),
                t.version(),
                t.commentCount(),
                t.attachmentCount(),
                t.escalation()));
    }

    TicketCopy status(TicketStatus status, Instant at) {
        return new TicketCopy(copy(
                t.category(),
                t.subject(),
                t.description(),
                status,
                t.escalationStatus(),
                at,
                at,
                t.version(),
                t.commentCount(),
                t.attachmentCount(),
                t.escalation()));
    }

    TicketCopy activity(int addedComments, int addedAttachments, Instant at) {
        return new TicketCopy(copy(
                t.category(),
                t.subject(),
                t.description(),
                t.status(),
                t.escalationStatus(),
                at,
                t.statusChanged(),
                t.version(),
                t.commentCount() + addedComments,
                t.attachmentCount() + addedAttachments,
                t.escalation()));
    }

    TicketCopy escalation(EscalationStatus status, @Nullable Escalation escalation, Instant at) {
        return new TicketCopy(copy(
                t.category(),
                t.subject(),
                t.description(),
                t.status(),
                status,
                at,
                t.statusChanged(),
                t.version(),
                t.commentCount(),
                t.attachmentCount(),
                escalation));
    }

    /** The changed ticket with the next version, ready for {@code updateTicket(it, previous version)}. */
    Ticket nextVersion() {
        return copy(
                t.category(),
                t.subject(),
                t.description(),
                t.status(),
                t.escalationStatus(),
                t.modified(),
                t.statusChanged(),
                t.version() + 1,
                t.commentCount(),
                t.attachmentCount(),
                t.escalation());
    }

    private Ticket copy(
            String category,
            String subject,
            String description,
            TicketStatus status,
            EscalationStatus escalationStatus,
            Instant modified,
            Instant statusChanged,
            long version,
            int comments,
            int attachments,
            @Nullable Escalation escalation) {
        return new Ticket(
                t.id(),
                t.owner(),
                t.ownerName(),
                t.school(),
                category,
                subject,
                description,
                status,
                escalationStatus,
                t.created(),
                modified,
                statusChanged,
                version,
                t.locale(),
                comments,
                attachments,
                escalation,
                description.equals(t.description()) ? t.descriptionHtml() : null);
    }
}

package org.entsupport.core.spi;

import java.time.Instant;
import org.entsupport.core.model.EscalationStatus;
import org.entsupport.core.model.TicketStatus;

/**
 * A read-only view of the exported columns of one ticket, handed to an {@link ExportSink} by
 * {@link TicketStore#export}.
 *
 * <p>A store may hand the same object for every row and change it in between (a flyweight over its
 * cursor): a view is valid only during the {@link ExportSink#accept} call it was given to, and a sink
 * that keeps something copies the values it needs. The texts are the stored plain texts, as in
 * {@link org.entsupport.core.model.Ticket}.
 */
public interface ExportRow {

    /**
     * The ticket's number.
     *
     * @return the ticket's number
     */
    long id();

    /**
     * When it was filed.
     *
     * @return when it was filed
     */
    Instant created();

    /**
     * Its last change of any kind.
     *
     * @return its last change of any kind
     */
    Instant modified();

    /**
     * Its workflow status.
     *
     * @return its workflow status
     */
    TicketStatus status();

    /**
     * The school it is about.
     *
     * @return the school it is about
     */
    String school();

    /**
     * The application it is about.
     *
     * @return the application it is about
     */
    String category();

    /**
     * Its subject.
     *
     * @return its subject
     */
    String subject();

    /**
     * The requester's user id.
     *
     * @return the requester's user id
     */
    String owner();

    /**
     * The requester's display name when the request was filed.
     *
     * @return the requester's display name when the request was filed
     */
    String ownerName();

    /**
     * Where it stands with the external desk.
     *
     * @return where it stands with the external desk
     */
    EscalationStatus escalationStatus();

    /**
     * Its number of comments.
     *
     * @return its number of comments
     */
    int commentCount();

    /**
     * Its number of attachments.
     *
     * @return its number of attachments
     */
    int attachmentCount();

    /**
     * Its description as plain text.
     *
     * @return its description as plain text
     */
    String description();

    /**
     * A view of a ticket already read, for stores that export from {@link StoreTransaction#list} pages.
     *
     * @param ticket the ticket
     * @return a view of its exported columns
     */
    static ExportRow of(org.entsupport.core.model.Ticket ticket) {
        java.util.Objects.requireNonNull(ticket, "ticket");
        return new TicketExportRow(ticket);
    }
}

package org.entsupport.core.spi;

import java.time.Instant;
import org.entsupport.core.model.EscalationStatus;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketStatus;

/** {@link ExportRow#of}: the exported columns of a {@link Ticket}. */
record TicketExportRow(Ticket ticket) implements ExportRow {

    @Override
    public long id() {
        return ticket.id();
    }

    @Override
    public Instant created() {
        return ticket.created();
    }

    @Override
    public Instant modified() {
        return ticket.modified();
    }

    @Override
    public TicketStatus status() {
        return ticket.status();
    }

    @Override
    public String school() {
        return ticket.school();
    }

    @Override
    public String category() {
        return ticket.category();
    }

    @Override
    public String subject() {
        return ticket.subject();
    }

    @Override
    public String owner() {
        return ticket.owner();
    }

    @Override
    public String ownerName() {
        return ticket.ownerName();
    }

    @Override
    public EscalationStatus escalationStatus() {
        return ticket.escalationStatus();
    }

    @Override
    public int commentCount() {
        return ticket.commentCount();
    }

    @Override
    public int attachmentCount() {
        return ticket.attachmentCount();
    }

    @Override
    public String description() {
        return ticket.description();
    }
}

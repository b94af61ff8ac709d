package org.entsupport.core.internal;

import java.time.Instant;
import org.entsupport.core.model.Escalation;
import org.entsupport.core.model.EscalationStatus;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketStatus;
import org.jspecify.annotations.Nullable;

/**
 * The changes the library makes to the immutable {@link Ticket} and {@link Escalation} values. They
 * live here, not on the public records, because only the library changes a ticket: a host goes
 * through the facade. None of them touches the version but {@link #nextVersion}.
 */
public final class TicketEdits {

    private TicketEdits() {}

    /** {@code t} with the given status, changed at {@code at}. */
    public static Ticket withStatus(Ticket t, TicketStatus status, Instant at) {
        return new Ticket(
                t.id(),
                t.owner(),
                t.ownerName(),
                t.school(),
                t.category(),
                t.subject(),
                t.description(),
                status,
                t.escalationStatus(),
                t.created(),
                at,
                at,
                t.version(),
                t.locale(),
                t.commentCount(),
                t.attachmentCount(),
                t.escalation(),
                t.descriptionHtml());
    }

    /** {@code t} with the given editable fields, modified at {@code at}; a plain-text description. */
    public static Ticket withFields(Ticket t, String subject, String category, String description, Instant at) {
        return withFields(t, subject, category, new RichText.Content(description, null), at);
    }

    /** {@code t} with the given editable fields, modified at {@code at}. */
    public static Ticket withFields(
            Ticket t, String subject, String category, RichText.Content description, Instant at) {
        return new Ticket(
                t.id(),
                t.owner(),
                t.ownerName(),
                t.school(),
                category,
                subject,
                description.plain(),
                t.status(),
                t.escalationStatus(),
                t.created(),
                at,
                t.statusChanged(),
                t.version(),
                t.locale(),
                t.commentCount(),
                t.attachmentCount(),
                t.escalation(),
                description.html());
    }

    /** {@code t} with more comments and attachments, modified at {@code at}. */
    public static Ticket withActivity(Ticket t, int addedComments, int addedAttachments, Instant at) {
        return new Ticket(
                t.id(),
                t.owner(),
                t.ownerName(),
                t.school(),
                t.category(),
                t.subject(),
                t.description(),
                t.status(),
                t.escalationStatus(),
                t.created(),
                at,
                t.statusChanged(),
                t.version(),
                t.locale(),
                t.commentCount() + addedComments,
                t.attachmentCount() + addedAttachments,
                t.escalation(),
                t.descriptionHtml());
    }

    /** {@code t} with the given escalation state, modified at {@code at}. */
    public static Ticket withEscalation(
            Ticket t, EscalationStatus status, @Nullable Escalation escalation, Instant at) {
        return new Ticket(
                t.id(),
                t.owner(),
                t.ownerName(),
                t.school(),
                t.category(),
                t.subject(),
                t.description(),
                t.status(),
                status,
                t.created(),
                at,
                t.statusChanged(),
                t.version(),
                t.locale(),
                t.commentCount(),
                t.attachmentCount(),
                escalation,
                t.descriptionHtml());
    }

    /** {@code t} with the next version: every change the store writes goes through it. */
    public static Ticket nextVersion(Ticket t) {
        return new Ticket(
                t.id(),
                t.owner(),
                t.ownerName(),
                t.school(),
                t.category(),
                t.subject(),
                t.description(),
                t.status(),
                t.escalationStatus(),
                t.created(),
                t.modified(),
                t.statusChanged(),
                t.version() + 1,
                t.locale(),
                t.commentCount(),
                t.attachmentCount(),
                t.escalation(),
                t.descriptionHtml());
    }

    /** A fresh escalation to {@code desk} asked for by {@code by} at {@code at}, not yet accepted. */
    public static Escalation requested(String by, Instant at, @Nullable String desk) {
        return new Escalation(by, at, desk, null, null, null, null, null);
    }

    /** {@code e}, accepted by the desk as the issue {@code id} at {@code url} in {@code status}. */
    public static Escalation accepted(Escalation e, String desk, String id, String url, String status) {
        return new Escalation(e.escalatedBy(), e.escalatedAt(), desk, id, url, e.lastSync(), null, status);
    }

    /** {@code e}, refused or given up for {@code reason}. */
    public static Escalation failed(Escalation e, String reason) {
        return new Escalation(
                e.escalatedBy(),
                e.escalatedAt(),
                e.desk(),
                e.externalId(),
                e.externalUrl(),
                e.lastSync(),
                reason,
                e.deskStatus());
    }

    /** {@code e}, synchronised at {@code at} with the desk status {@code status}. */
    public static Escalation synced(Escalation e, Instant at, String status) {
        return new Escalation(
                e.escalatedBy(), e.escalatedAt(), e.desk(), e.externalId(), e.externalUrl(), at, e.failure(), status);
    }
}

package org.entsupport.core.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.outbox.OutboxDraft;
import org.entsupport.core.spi.Directory;
import org.entsupport.core.spi.StoreTransaction;
import org.entsupport.notify.LinkTemplate;
import org.entsupport.notify.Notification;
import org.entsupport.notify.NotificationType;
import org.entsupport.notify.Notifier;
import org.entsupport.notify.Recipient;
import org.jspecify.annotations.Nullable;

/**
 * Computes who hears of a change (ARCHITECTURE §4; the actor is always left out) and writes one
 * outbox message per (notification, notifier) in the change's transaction.
 */
public final class Notifications {

    /** The actor id used for changes the library makes by itself. */
    public static final String SYSTEM_ID = "system";

    private final List<Notifier> notifiers;
    private final Directory directory;
    private final @Nullable LinkTemplate links;

    /** Creates the planner; {@code links} may be null only when there is no notifier. */
    public Notifications(List<Notifier> notifiers, Directory directory, @Nullable LinkTemplate links) {
        this.notifiers = List.copyOf(notifiers);
        this.directory = directory;
        this.links = links;
    }

    /** The registered notifiers. */
    public List<Notifier> notifiers() {
        return notifiers;
    }

    /** Who hears of a notification of {@code type} about {@code ticket}, before the actor is removed. */
    public Set<String> audience(NotificationType type, Ticket ticket, @Nullable String escalatedBy) {
        Set<String> ids = new LinkedHashSet<>();
        switch (type) {
            case TICKET_CREATED -> ids.addAll(new java.util.TreeSet<>(directory.localAdmins(ticket.school())));
            case TICKET_UPDATED, TICKET_COMMENTED, TICKET_ESCALATED, DESK_REPLIED, DESK_STATUS_CHANGED -> {
                ids.add(ticket.owner());
                ids.addAll(new java.util.TreeSet<>(directory.localAdmins(ticket.school())));
            }
            case ESCALATION_FAILED -> {
                if (escalatedBy != null) {
                    ids.add(escalatedBy);
                }
            }
            case TICKET_AUTO_CLOSED -> ids.add(ticket.owner());
            case DESK_ISSUE_GONE -> ids.addAll(new java.util.TreeSet<>(directory.localAdmins(ticket.school())));
        }
        return ids;
    }

    /**
     * Writes the notification of {@code type} for every notifier that supports it. Does nothing when
     * no notifier is registered or nobody but the actor would hear of it.
     *
     * @return the notification, if one was written
     */
    public Optional<Notification> publish(
            StoreTransaction tx,
            NotificationType type,
            Ticket ticket,
            String actorId,
            String actorName,
            Map<String, String> parameters,
            @Nullable String escalatedBy,
            Instant now) {
        if (notifiers.isEmpty()) {
            return Optional.empty();
        }
        List<Notifier> interested =
                notifiers.stream().filter(n -> n.supports(type)).toList();
        if (interested.isEmpty()) {
            return Optional.empty();
        }
        Set<String> ids = audience(type, ticket, escalatedBy);
        ids.remove(actorId);
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        List<Recipient> recipients = new ArrayList<>();
        for (String id : ids) {
            String name = directory.displayName(id).orElse(id.equals(ticket.owner()) ? ticket.ownerName() : id);
            Optional<String> email = directory.email(id);
            recipients.add(new Recipient(id, name, directory.locale(id), email));
        }
        Notification n = new Notification(
                UUID.randomUUID(),
                type,
                ticket.id(),
                Long.toString(ticket.id()),
                ticket.school(),
                directory.schoolName(ticket.school()),
                actorId,
                actorName,
                recipients,
                now,
                parameters,
                java.util.Objects.requireNonNull(links, "linkTemplate").expand(ticket.id()));
        String payload = NotificationCodec.encode(n);
        for (Notifier notifier : interested) {
            tx.enqueue(new OutboxDraft(
                    UUID.randomUUID(),
                    NotifierHandler.channel(notifier),
                    NotificationCodec.KIND,
                    ticket.id(),
                    payload,
                    now));
        }
        return Optional.of(n);
    }

    /** A comment shortened for a notification: at most 280 characters, on whole code points. */
    public static String excerpt(String body) {
        String flat = body.strip();
        if (flat.codePointCount(0, flat.length()) <= 280) {
            return flat;
        }
        return flat.substring(0, flat.offsetByCodePoints(0, 279)) + "…";
    }
}

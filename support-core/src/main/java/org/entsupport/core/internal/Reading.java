package org.entsupport.core.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.entsupport.core.Actor;
import org.entsupport.core.Page;
import org.entsupport.core.TicketCapabilities;
import org.entsupport.core.TicketQuery;
import org.entsupport.core.ValidationException;
import org.entsupport.core.model.Attachment;
import org.entsupport.core.model.Comment;
import org.entsupport.core.model.EventType;
import org.entsupport.core.model.HistoryEvent;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketStatus;
import org.entsupport.core.model.TimelineEntry;
import org.entsupport.core.spi.Category;
import org.entsupport.core.spi.Keyset;
import org.entsupport.core.spi.PageRequest;
import org.entsupport.core.spi.TicketFilter;

/**
 * Answers questions without changing anything: a ticket, pages of tickets (keyset paging), counts, the
 * timeline, the attachments and the statuses an actor may choose. A ticket the actor may not see is "not
 * found".
 */
public final class Reading {

    private final SupportContext ctx;

    /** Reads through {@code ctx}. */
    public Reading(SupportContext ctx) {
        this.ctx = ctx;
    }

    /** See {@link org.entsupport.core.Support#get}. */
    public Ticket get(Actor actor, long ticketId) {
        Objects.requireNonNull(actor, "actor");
        return ctx.store().inTransaction(tx -> SupportContext.visible(tx.findTicket(ticketId), actor, ticketId));
    }

    /** See {@link org.entsupport.core.Support#list}. */
    public Page<Ticket> list(Actor actor, TicketQuery query) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(query, "query");
        int maxPageSize = ctx.settings().maxPageSize();
        InputValidator v = new InputValidator();
        if (query.pageSize() < 1 || query.pageSize() > maxPageSize) {
            v.add(
                    "pageSize",
                    "out-of-range",
                    "must be between 1 and " + maxPageSize + ", but was " + query.pageSize(),
                    1,
                    maxPageSize,
                    query.pageSize());
        }
        TicketFilter filter = TicketFilters.of(actor, query, v, false);
        Keyset after = null;
        if (query.cursor() != null) {
            try {
                after = Cursors.decode(query.cursor(), query.sort(), query.direction());
            } catch (ValidationException e) {
                e.violations().forEach(x -> v.add(x.field(), x.code(), x.message()));
            }
        }
        v.throwIfAny();
        if (filter.scopes().isEmpty()) {
            return Page.last(List.of());
        }
        PageRequest page = new PageRequest(query.sort(), query.direction(), after, query.pageSize() + 1);
        List<Ticket> rows = ctx.store().inTransaction(tx -> tx.list(filter, page));
        if (rows.size() <= query.pageSize()) {
            return Page.last(rows);
        }
        List<Ticket> shown = rows.subList(0, query.pageSize());
        Ticket last = shown.get(shown.size() - 1);
        return new Page<>(shown, Optional.of(Cursors.encode(Keyset.of(query.sort(), last), query.direction())));
    }

    /** See {@link org.entsupport.core.Support#categories}. */
    public List<Category> categories(Actor actor) {
        Objects.requireNonNull(actor, "actor");
        return List.copyOf(ctx.categories().categories(actor));
    }

    /** See {@link org.entsupport.core.Support#count}. */
    public long count(Actor actor, TicketQuery query) {
        return countByStatus(actor, query, true).values().stream()
                .mapToLong(Long::longValue)
                .sum();
    }

    /** See {@link org.entsupport.core.Support#countByStatus}. */
    public Map<TicketStatus, Long> countByStatus(Actor actor, TicketQuery query) {
        return countByStatus(actor, query, false);
    }

    /** @param keepStatuses count only the query's statuses (else every status, with zeros) */
    private Map<TicketStatus, Long> countByStatus(Actor actor, TicketQuery query, boolean keepStatuses) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(query, "query");
        InputValidator v = new InputValidator();
        TicketFilter f = TicketFilters.of(actor, query, v, false);
        v.throwIfAny();
        TicketFilter filter = keepStatuses ? f : new TicketFilter(f.scopes(), Set.of(), f.words());
        Map<TicketStatus, Long> counts = new EnumMap<>(TicketStatus.class);
        for (TicketStatus s : TicketStatus.values()) {
            if (!keepStatuses
                    || filter.statuses().isEmpty()
                    || filter.statuses().contains(s)) {
                counts.put(s, 0L);
            }
        }
        if (!filter.scopes().isEmpty()) {
            counts.putAll(ctx.store().inTransaction(tx -> tx.countByStatus(filter)));
        }
        return counts;
    }

    /** See {@link org.entsupport.core.Support#timeline}. */
    public List<TimelineEntry> timeline(Actor actor, long ticketId) {
        Objects.requireNonNull(actor, "actor");
        return ctx.store().inTransaction(tx -> {
            SupportContext.visible(tx.findTicket(ticketId), actor, ticketId);
            List<TimelineEntry> entries = new ArrayList<>();
            for (Comment c : tx.comments(ticketId)) {
                entries.add(new TimelineEntry.CommentEntry(c));
            }
            for (HistoryEvent e : tx.events(ticketId)) {
                entries.add(new TimelineEntry.EventEntry(e));
            }
            entries.sort(Comparator.comparing(TimelineEntry::at)
                    // same instant: the creation first, then comments, then what they caused
                    .thenComparingInt(e -> e instanceof TimelineEntry.CommentEntry
                            ? 1
                            : ((TimelineEntry.EventEntry) e).event().type() == EventType.CREATED ? 0 : 2)
                    .thenComparingLong(e -> e instanceof TimelineEntry.CommentEntry c
                            ? c.comment().id()
                            : ((TimelineEntry.EventEntry) e).event().id()));
            return List.copyOf(entries);
        });
    }

    /** See {@link org.entsupport.core.Support#attachments}. */
    public List<Attachment> attachments(Actor actor, long ticketId) {
        Objects.requireNonNull(actor, "actor");
        return ctx.store().inTransaction(tx -> {
            SupportContext.visible(tx.findTicket(ticketId), actor, ticketId);
            return tx.attachments(ticketId);
        });
    }

    /** See {@link org.entsupport.core.Support#allowedStatuses}: the workflow table for the actor's roles. */
    public Set<TicketStatus> allowedStatuses(Actor actor, long ticketId) {
        return Rules.statusTargets(actor, get(actor, ticketId));
    }

    /** See {@link org.entsupport.core.Support#capabilities(Actor, long)}. */
    public TicketCapabilities capabilities(Actor actor, long ticketId) {
        Objects.requireNonNull(actor, "actor");
        Instant now = ctx.now();
        return Rules.capabilities(ctx, actor, get(actor, ticketId), now);
    }

    /** See {@link org.entsupport.core.Support#capabilities(Actor, Collection)}. */
    public Map<Long, TicketCapabilities> capabilities(Actor actor, Collection<Long> ticketIds) {
        Objects.requireNonNull(actor, "actor");
        Set<Long> ids = InputValidator.bulkIds(ticketIds, ctx.settings());
        Instant now = ctx.now();
        return ctx.store().inTransaction(tx -> {
            Map<Long, TicketCapabilities> out = new LinkedHashMap<>();
            for (Long id : ids) {
                tx.findTicket(id)
                        .filter(t -> Permissions.canRead(actor, t))
                        .ifPresent(t -> out.put(id, Rules.capabilities(ctx, actor, t, now)));
            }
            return Collections.unmodifiableMap(out);
        });
    }
}

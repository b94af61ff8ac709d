package org.entsupport.core.internal;

import static org.entsupport.core.internal.SupportContext.LOG;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import org.entsupport.core.AccessDeniedException;
import org.entsupport.core.Actor;
import org.entsupport.core.TicketQuery;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.spi.Keyset;
import org.entsupport.core.spi.PageRequest;
import org.entsupport.core.spi.TicketFilter;

/**
 * Writes the tickets an admin may see as CSV, page after page (keyset, a short transaction each), so an
 * export of a large platform never holds a long transaction nor the whole list in memory.
 */
public final class Export {

    private static final int BATCH = 500;

    private final SupportContext ctx;

    /** Exports through {@code ctx}. */
    public Export(SupportContext ctx) {
        this.ctx = ctx;
    }

    /** See {@link org.entsupport.core.Support#exportCsv}. */
    public void exportCsv(Actor actor, TicketQuery query, Appendable out) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(out, "out");
        if (!Permissions.canExport(actor)) {
            throw new AccessDeniedException(
                    actor.userId(), "export tickets", "export is for local and platform admins");
        }
        InputValidator v = new InputValidator();
        TicketFilter filter = TicketFilters.of(actor, query, v, true);
        v.throwIfAny();
        try {
            Csv.row(
                    out,
                    "id",
                    "created",
                    "modified",
                    "status",
                    "school",
                    "category",
                    "subject",
                    "owner",
                    "owner_name",
                    "escalation_status",
                    "comments",
                    "attachments");
            if (filter.scopes().isEmpty()) {
                return;
            }
            Keyset after = null;
            int batch = Math.min(BATCH, ctx.settings().maxPageSize());
            while (true) {
                PageRequest page = new PageRequest(query.sort(), query.direction(), after, batch);
                List<Ticket> rows = ctx.store().inTransaction(tx -> tx.list(filter, page));
                for (Ticket t : rows) {
                    Csv.row(
                            out,
                            t.id(),
                            t.created(),
                            t.modified(),
                            t.status(),
                            t.school(),
                            t.category(),
                            t.subject(),
                            t.owner(),
                            t.ownerName(),
                            t.escalationStatus(),
                            t.commentCount(),
                            t.attachmentCount());
                }
                if (rows.size() < batch) {
                    break;
                }
                after = Keyset.of(query.sort(), rows.get(rows.size() - 1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("CSV export failed while writing", e);
        }
        LOG.debug("export: user {} exported tickets", actor.userId());
    }
}

package org.entsupport.core.internal;

import static org.entsupport.core.internal.SupportContext.LOG;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.entsupport.core.AccessDeniedException;
import org.entsupport.core.Actor;
import org.entsupport.core.CsvDialect;
import org.entsupport.core.TicketQuery;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.spi.Keyset;
import org.entsupport.core.spi.PageRequest;
import org.entsupport.core.spi.TicketFilter;

/**
 * Writes the tickets an admin may see as CSV (jackson-dataformat-csv), page after page (keyset, a short
 * transaction each) and flushed after each page, so an export of a large platform never holds a long
 * transaction nor the whole list in memory. Cells are plain text; those a spreadsheet would run as a
 * formula are neutralised.
 */
public final class Export {

    private static final int BATCH = 500;
    private static final List<String> COLUMNS = List.of(
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
            "attachments",
            "description");
    private static final CsvMapper MAPPER = CsvMapper.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET) // the host's writer stays open
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING) // quote only the cells that need it
            .disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE) // flushed once per page, not per row
            .build();

    private final SupportContext ctx;

    /** Exports through {@code ctx}. */
    public Export(SupportContext ctx) {
        this.ctx = ctx;
    }

    /** See {@link org.entsupport.core.Support#exportCsv}. */
    public void exportCsv(Actor actor, TicketQuery query, Appendable out) {
        exportCsv(actor, query, CsvDialect.RFC4180, out);
    }

    /** See {@link org.entsupport.core.Support#exportCsv(Actor, TicketQuery, CsvDialect, Appendable)}. */
    public void exportCsv(Actor actor, TicketQuery query, CsvDialect dialect, Appendable out) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(out, "out");
        checkMayExport(actor);
        InputValidator v = new InputValidator();
        TicketFilter filter = TicketFilters.of(actor, query, v, true);
        v.throwIfAny();
        write(dialect, out, rows -> {
            if (filter.scopes().isEmpty()) {
                return;
            }
            Keyset after = null;
            int batch = Math.min(BATCH, ctx.settings().maxPageSize());
            while (true) {
                PageRequest page = new PageRequest(query.sort(), query.direction(), after, batch);
                List<Ticket> tickets = ctx.store().inTransaction(tx -> tx.list(filter, page));
                rows.write(tickets);
                if (tickets.size() < batch) {
                    break;
                }
                after = Keyset.of(query.sort(), tickets.get(tickets.size() - 1));
            }
        });
        LOG.debug("export: user {} exported tickets", actor.userId());
    }

    /**
     * See {@link org.entsupport.core.Support#exportCsv(Actor, Collection, CsvDialect, Appendable)}: the
     * selected tickets, in the order given, leaving out those the actor may not export.
     */
    public void exportCsv(Actor actor, Collection<Long> ticketIds, CsvDialect dialect, Appendable out) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(ticketIds, "ticketIds");
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(out, "out");
        checkMayExport(actor);
        Set<Long> ids = InputValidator.bulkIds(ticketIds, ctx.settings());
        InputValidator v = new InputValidator();
        TicketFilter filter = TicketFilters.of(actor, TicketQuery.all(), v, true);
        v.throwIfAny();
        write(dialect, out, rows -> {
            List<Long> all = List.copyOf(ids);
            for (int from = 0; from < all.size(); from += BATCH) {
                List<Long> slice = all.subList(from, Math.min(all.size(), from + BATCH));
                List<Ticket> tickets = ctx.store().inTransaction(tx -> {
                    List<Ticket> found = new ArrayList<>();
                    for (long id : slice) {
                        Optional<Ticket> t = tx.findTicket(id);
                        t.filter(filter::matches).ifPresent(found::add);
                    }
                    return found;
                });
                rows.write(tickets);
            }
        });
        LOG.debug("export: user {} exported {} selected tickets", actor.userId(), ids.size());
    }

    private static void checkMayExport(Actor actor) {
        if (!Permissions.canExport(actor)) {
            throw new AccessDeniedException(
                    actor.userId(), "export tickets", "export is for local and platform admins");
        }
    }

    /** Receives pages of tickets to write. */
    private interface Rows {
        void write(List<Ticket> tickets) throws IOException;
    }

    private interface Body {
        void run(Rows rows) throws IOException;
    }

    private static void write(CsvDialect dialect, Appendable out, Body body) {
        CsvSchema.Builder schema = CsvSchema.builder();
        COLUMNS.forEach(schema::addColumn);
        CsvSchema csv = schema.build()
                .withHeader()
                .withColumnSeparator(dialect.separator())
                .withLineSeparator("\r\n");
        try {
            Writer writer = out instanceof Writer w ? w : new AppendableWriter(out);
            if (dialect.byteOrderMark()) {
                writer.write('\uFEFF');
            }
            try (SequenceWriter rows = MAPPER.writer(csv).writeValues(writer)) {
                body.run(tickets -> {
                    for (Ticket t : tickets) {
                        rows.write(row(t));
                    }
                    rows.flush();
                });
            }
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("CSV export failed while writing", e);
        }
    }

    private static Object[] row(Ticket t) {
        return new Object[] {
            t.id(),
            t.created().toString(),
            t.modified().toString(),
            t.status().name(),
            cell(t.school()),
            cell(t.category()),
            cell(t.subject()),
            cell(t.owner()),
            cell(t.ownerName()),
            t.escalationStatus().name(),
            t.commentCount(),
            t.attachmentCount(),
            cell(t.description())
        };
    }

    /** Plain text a spreadsheet shows as text: a leading formula character gets a {@code '} in front. */
    static String cell(String value) {
        if (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) {
            return "'" + value;
        }
        return value;
    }

    /** A writer over the host's {@link Appendable}. */
    private static final class AppendableWriter extends Writer {
        private final Appendable out;

        AppendableWriter(Appendable out) {
            this.out = out;
        }

        @Override
        public void write(char[] buf, int off, int len) throws IOException {
            out.append(java.nio.CharBuffer.wrap(buf, off, len));
        }

        @Override
        public void write(String str, int off, int len) throws IOException {
            out.append(str, off, off + len);
        }

        @Override
        public void flush() throws IOException {
            if (out instanceof java.io.Flushable f) {
                f.flush();
            }
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}

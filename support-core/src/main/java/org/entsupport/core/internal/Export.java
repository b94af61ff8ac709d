package org.entsupport.core.internal;

import static org.entsupport.core.internal.SupportContext.LOG;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
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
import org.entsupport.core.spi.ExportRow;
import org.entsupport.core.spi.ExportSink;
import org.entsupport.core.spi.TicketFilter;

/**
 * Writes the tickets an admin may see as CSV with jackson-dataformat-csv's generator, row by row as the
 * store hands them ({@link org.entsupport.core.spi.TicketStore#export}: one cursor on the JDBC store, keyset
 * pages elsewhere), flushed every {@value #FLUSH_EVERY} rows, so an export of a large platform never holds the
 * whole list in memory. Cells are plain text; those a spreadsheet would run as a formula are neutralised.
 */
public final class Export {

    /** Selected tickets are read this many per transaction. */
    private static final int BATCH = 500;
    /** The writer is flushed after this many rows. */
    static final int FLUSH_EVERY = 500;

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
    private static final CsvFactory CSV = CsvFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET) // the host's writer stays open
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING) // quote only the cells that need it
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
        long rows = write(dialect, out, csv -> {
            if (filter.scopes().isEmpty()) {
                return 0;
            }
            return ctx.store().export(filter, query.sort(), query.direction(), csv);
        });
        LOG.debug("export: user {} exported {} tickets", actor.userId(), rows);
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
        write(dialect, out, csv -> {
            List<Long> all = List.copyOf(ids);
            long rows = 0;
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
                for (Ticket t : tickets) {
                    csv.accept(ExportRow.of(t));
                }
                rows += tickets.size();
            }
            return rows;
        });
        LOG.debug("export: user {} exported {} selected tickets", actor.userId(), ids.size());
    }

    private static void checkMayExport(Actor actor) {
        if (!Permissions.canExport(actor)) {
            throw new AccessDeniedException(
                    actor.userId(), "export tickets", "export is for local and platform admins");
        }
    }

    /** Hands the rows to write to the sink; returns how many. */
    private interface Body {
        long run(ExportSink csv);
    }

    private static long write(CsvDialect dialect, Appendable out, Body body) {
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
            long rows;
            try (CsvGenerator gen = CSV.createGenerator(writer)) {
                gen.setSchema(csv);
                rows = body.run(new RowWriter(gen));
            }
            writer.flush();
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("CSV export failed while writing", e);
        }
    }

    /** Writes each row straight to the generator, one cell after the other; flushes every few hundred rows. */
    private static final class RowWriter implements ExportSink {
        private final CsvGenerator gen;
        private final char[] time = new char[IsoInstants.MAX_LENGTH];
        private int sinceFlush;

        RowWriter(CsvGenerator gen) {
            this.gen = gen;
        }

        @Override
        public void accept(ExportRow t) {
            try {
                gen.writeStartArray();
                gen.writeNumber(t.id());
                writeInstant(t.created());
                writeInstant(t.modified());
                gen.writeString(t.status().name());
                gen.writeString(cell(t.school()));
                gen.writeString(cell(t.category()));
                gen.writeString(cell(t.subject()));
                gen.writeString(cell(t.owner()));
                gen.writeString(cell(t.ownerName()));
                gen.writeString(t.escalationStatus().name());
                gen.writeNumber(t.commentCount());
                gen.writeNumber(t.attachmentCount());
                gen.writeString(cell(t.description()));
                gen.writeEndArray();
                if (++sinceFlush == FLUSH_EVERY) {
                    sinceFlush = 0;
                    gen.flush();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("CSV export failed while writing", e);
            }
        }

        /** The cell {@code instant.toString()} would write, without a string per cell. */
        private void writeInstant(Instant instant) throws IOException {
            int length = IsoInstants.write(instant, time);
            if (length < 0) {
                gen.writeString(instant.toString());
            } else {
                gen.writeString(time, 0, length);
            }
        }
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

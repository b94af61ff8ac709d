package org.entsupport.jdbc.internal;

import static org.entsupport.jdbc.internal.schema.Tables.SUPPORT_DESK_FILES;
import static org.entsupport.jdbc.internal.schema.Tables.SUPPORT_TICKETS;

import java.util.List;
import java.util.Optional;
import org.entsupport.core.model.EscalationStatus;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.spi.DeskFileImport;
import org.jooq.DSLContext;

/** The desk rows a store transaction reads and writes: the import state of desk files, the followed escalations. */
final class JdbcDeskFiles {

    private JdbcDeskFiles() {}

    static Optional<DeskFileImport> find(DSLContext db, String desk, String fileId) {
        var f = SUPPORT_DESK_FILES;
        return db.selectFrom(f)
                .where(f.DESK.eq(desk).and(f.FILE_ID.eq(fileId)))
                .fetchOptional(r -> new DeskFileImport(
                        r.getDesk(),
                        r.getFileId(),
                        r.getTicketId(),
                        r.getFileName(),
                        DeskFileImport.State.of(r.getState()),
                        r.getAttempts(),
                        r.getLastError(),
                        r.getUpdatedAt().toInstant()));
    }

    static void save(DSLContext db, DeskFileImport file) {
        var f = SUPPORT_DESK_FILES;
        int updated = db.update(f)
                .set(f.TICKET_ID, file.ticketId())
                .set(f.FILE_NAME, file.fileName())
                .set(f.STATE, (short) file.state().code())
                .set(f.ATTEMPTS, file.attempts())
                .set(f.LAST_ERROR, file.lastError())
                .set(f.UPDATED_AT, JdbcTicketStore.utc(file.updated()))
                .where(f.DESK.eq(file.desk()).and(f.FILE_ID.eq(file.fileId())))
                .execute();
        if (updated == 0) {
            db.insertInto(f)
                    .set(f.DESK, file.desk())
                    .set(f.FILE_ID, file.fileId())
                    .set(f.TICKET_ID, file.ticketId())
                    .set(f.FILE_NAME, file.fileName())
                    .set(f.STATE, (short) file.state().code())
                    .set(f.ATTEMPTS, file.attempts())
                    .set(f.LAST_ERROR, file.lastError())
                    .set(f.UPDATED_AT, JdbcTicketStore.utc(file.updated()))
                    .execute();
        }
    }

    static List<Ticket> escalatedTo(DSLContext db, String desk, long afterTicketId, int limit) {
        var t = SUPPORT_TICKETS;
        return db.select(JdbcTicketStore.TICKET_COLUMNS)
                .from(t)
                .where(t.DESK.eq(desk)
                        .and(t.ESCALATION_STATUS.eq((short) EscalationStatus.SUCCESSFUL.code()))
                        .and(t.DESK_ISSUE_ID.isNotNull())
                        .and(t.ID.gt(afterTicketId)))
                .orderBy(t.ID)
                .limit(limit)
                .fetch(JdbcTicketStore::ticket);
    }
}

package org.entsupport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.verify;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.entsupport.core.Actor;
import org.entsupport.core.CsvDialect;
import org.entsupport.core.NewComment;
import org.entsupport.core.NewTicket;
import org.entsupport.core.Support;
import org.entsupport.core.TicketQuery;
import org.entsupport.core.model.Ticket;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/**
 * The export reads from one cursor in one read transaction on a connection of its own, and leaves that
 * connection as it found it (auto-commit on, transaction ended) whether the export ends or its writer fails.
 */
class H2ExportTransactionTest {

    /** Hands out H2 connections wrapped in spies, recording each. */
    private static final class RecordingDataSource extends JdbcStoreBehaviour.CapturingDataSource {
        final List<Connection> handedOut = new CopyOnWriteArrayList<>();

        RecordingDataSource(String url) {
            super(h2(url));
        }

        private static DataSource h2(String url) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL(url);
            return h2;
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection c = spy(super.getConnection());
            handedOut.add(c);
            return c;
        }
    }

    private final RecordingDataSource dataSource = new RecordingDataSource(
            "jdbc:h2:mem:" + TestDatabase.uniqueName() + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
    private final SupportJdbc jdbc =
            SupportJdbc.builder().dataSource(dataSource).build();
    private final Support support = Support.builder()
            .store(jdbc.store())
            .directory(school -> Set.of("u-admin"))
            .linkTemplate("https://ent.example/t/{id}")
            .build();
    private final Actor owner = Actor.user("u-owner", "Olivia").memberOf("s1").build();
    private final Actor admin = Actor.user("u-admin", "Adam").adminOf("s1").build();

    @AfterEach
    void close() {
        support.close();
        jdbc.close();
    }

    private Ticket file(String subject) {
        return file(subject, "d");
    }

    private Ticket file(String subject, String description) {
        return support.create(
                owner,
                NewTicket.builder()
                        .school("s1")
                        .category("/blog")
                        .subject(subject)
                        .description(description)
                        .build());
    }

    /** The one connection the export took. */
    private Connection exportConnection(int before) {
        assertThat(dataSource.handedOut).hasSize(before + 1);
        return dataSource.handedOut.get(before);
    }

    @Test
    void anExportCommitsItsReadTransactionAndRestoresAutoCommit() throws SQLException {
        Ticket t = file("deux commentaires");
        support.comment(admin, t.id(), NewComment.of("un"));
        support.comment(owner, t.id(), NewComment.of("deux"));
        int before = dataSource.handedOut.size();
        StringWriter out = new StringWriter();

        support.exportCsv(admin, TicketQuery.all(), CsvDialect.RFC4180, out);

        String[] lines = out.toString().split("\r\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[1]).as("comments and attachments columns").contains(",NOT_DONE,2,0,");
        Connection c = exportConnection(before);
        InOrder order = inOrder(c);
        order.verify(c).setAutoCommit(false);
        order.verify(c).commit();
        order.verify(c).setAutoCommit(true);
        order.verify(c).close();
        verify(c, never()).rollback();
    }

    @Test
    void aWriterThatFailsEndsTheTransactionAndItsErrorComesThroughUnchanged() throws SQLException {
        // descriptions larger than the generator's buffer: the writer is reached, and fails, while the cursor is open
        file("un", "Le texte. ".repeat(1_900));
        file("deux", "Le texte. ".repeat(1_900));
        int before = dataSource.handedOut.size();
        Writer broken = new Writer() {
            @Override
            public void write(char[] buf, int off, int len) throws IOException {
                throw new IOException("client gone");
            }

            @Override
            public void flush() throws IOException {
                throw new IOException("client gone");
            }

            @Override
            public void close() {}
        };

        assertThatThrownBy(() -> support.exportCsv(admin, TicketQuery.all(), CsvDialect.RFC4180, broken))
                .isInstanceOf(UncheckedIOException.class)
                .hasRootCauseMessage("client gone");

        Connection c = exportConnection(before);
        InOrder order = inOrder(c);
        order.verify(c).setAutoCommit(false);
        order.verify(c).rollback();
        order.verify(c).setAutoCommit(true);
        order.verify(c).close();
    }
}

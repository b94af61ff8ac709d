package org.entsupport.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link JdbcExport.Pipeline}: the cursor read on a thread of its own, its rows handed to the sink on the caller's
 * thread in their order, and every way out (end, a failing cursor, a failing sink, an interrupted caller) leaving
 * no reader thread behind.
 */
class ExportPipelineTest {

    private static final OffsetDateTime TIME = OffsetDateTime.of(2026, 12, 6, 3, 0, 0, 0, ZoneOffset.UTC);

    /** A cursor of {@code rows} rows whose id is the row number from 1, failing with {@code failure} after row {@code failAfter}. */
    private static ResultSet cursor(int rows, int failAfter, SQLException failure, AtomicInteger read)
            throws SQLException {
        ResultSet rs = mock(ResultSet.class);
        when(rs.next()).thenAnswer(inv -> {
            int n = read.incrementAndGet();
            if (n > failAfter) {
                throw failure;
            }
            return n <= rows;
        });
        when(rs.getLong(1)).thenAnswer(inv -> (long) read.get());
        when(rs.getObject(anyInt(), eq(OffsetDateTime.class))).thenReturn(TIME);
        when(rs.getShort(anyInt())).thenReturn((short) 1);
        when(rs.getString(anyInt())).thenReturn("x");
        return rs;
    }

    private static boolean readerAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().startsWith("support-export-reader-") && t.isAlive());
    }

    @AfterEach
    void noReaderLeft() {
        assertThat(readerAlive()).as("a reader thread is left").isFalse();
    }

    @Test
    void everyRowReachesTheSinkInTheCursorsOrderOnTheCallersThread() throws SQLException {
        int rows = JdbcExport.Pipeline.BATCH * JdbcExport.Pipeline.BATCHES * 3 + 17;
        AtomicInteger read = new AtomicInteger();
        List<Long> ids = new ArrayList<>();
        Thread caller = Thread.currentThread();
        List<Thread> sinkThreads = new ArrayList<>();
        List<Thread> readers = new ArrayList<>();

        long n = new JdbcExport.Pipeline(cursor(rows, Integer.MAX_VALUE, new SQLException("never"), read)).run(row -> {
            ids.add(row.id());
            if (sinkThreads.isEmpty() || sinkThreads.get(0) != Thread.currentThread()) {
                sinkThreads.add(Thread.currentThread());
                Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> t.getName().startsWith("support-export-reader-") && t.isAlive())
                        .forEach(readers::add);
            }
            assertThat(row.created()).isEqualTo(TIME.toInstant());
            assertThat(row.subject()).isEqualTo("x");
        });

        assertThat(n).isEqualTo(rows);
        assertThat(ids).hasSize(rows);
        for (int i = 0; i < rows; i++) {
            assertThat(ids.get(i)).isEqualTo(i + 1L);
        }
        assertThat(sinkThreads).containsExactly(caller);
        assertThat(readers)
                .as("the reader, seen while the first row was written")
                .hasSize(1);
        assertThat(readers.get(0).isDaemon())
                .as("a reader never keeps the JVM alive")
                .isTrue();
    }

    @Test
    void anEmptyCursorHandsNothing() throws SQLException {
        AtomicInteger read = new AtomicInteger();
        List<Long> ids = new ArrayList<>();

        long n = new JdbcExport.Pipeline(cursor(0, Integer.MAX_VALUE, new SQLException("never"), read))
                .run(row -> ids.add(row.id()));

        assertThat(n).isZero();
        assertThat(ids).isEmpty();
    }

    @Test
    void aCursorThatFailsEndsTheExportWithItsErrorAfterTheRowsReadBefore() throws SQLException {
        SQLException lost = new SQLException("connection lost", "08006");
        AtomicInteger read = new AtomicInteger();
        List<Long> ids = new ArrayList<>();

        assertThatThrownBy(() -> new JdbcExport.Pipeline(cursor(5_000, 700, lost, read)).run(row -> ids.add(row.id())))
                .isSameAs(lost);

        assertThat(ids).hasSize(700);
        assertThat(ids.get(699)).isEqualTo(700L);
    }

    @Test
    void aRowThatCannotBeReadIsNotHandedHalfRead() throws SQLException {
        AtomicInteger read = new AtomicInteger();
        ResultSet rs = cursor(5_000, Integer.MAX_VALUE, new SQLException("never"), read);
        SQLException bad = new SQLException("bad value", "22007");
        when(rs.getString(anyInt())).thenAnswer(inv -> {
            if (read.get() == 300) {
                throw bad;
            }
            return "x";
        });
        List<Long> ids = new ArrayList<>();

        assertThatThrownBy(() -> new JdbcExport.Pipeline(rs).run(row -> ids.add(row.id())))
                .isSameAs(bad);

        assertThat(ids).hasSize(299);
        assertThat(ids.get(298)).isEqualTo(299L);
    }

    @Test
    void aSinkThatFailsStopsTheReaderWithoutReadingTheRest() throws SQLException {
        AtomicInteger read = new AtomicInteger();
        IllegalStateException gone = new IllegalStateException("client gone");
        AtomicInteger seen = new AtomicInteger();

        assertThatThrownBy(() -> new JdbcExport.Pipeline(cursor(1_000_000, Integer.MAX_VALUE, new SQLException(), read))
                        .run(row -> {
                            if (seen.incrementAndGet() == 300) {
                                throw gone;
                            }
                        }))
                .isSameAs(gone);

        assertThat(read.get())
                .as("rows read: at most the batches going round, and one more")
                .isLessThanOrEqualTo(JdbcExport.Pipeline.BATCH * (JdbcExport.Pipeline.BATCHES + 1) + 1);
    }

    @Test
    void anInterruptedCallerGetsAnErrorKeepsItsInterruptAndWaitsForTheReader() throws Exception {
        CountDownLatch slowRow = new CountDownLatch(1);
        ResultSet rs = mock(ResultSet.class);
        when(rs.next()).thenAnswer(inv -> {
            slowRow.await(10, TimeUnit.SECONDS);
            return false;
        });
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> interruptedAfter = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                new JdbcExport.Pipeline(rs).run(row -> {});
            } catch (Throwable e) {
                thrown.set(e);
            }
            interruptedAfter.set(Thread.currentThread().isInterrupted());
        });
        caller.start();
        Thread.sleep(100);
        caller.interrupt();
        Thread.sleep(100);
        assertThat(caller.isAlive()).as("the caller waits for its reader").isTrue();
        slowRow.countDown();
        caller.join(10_000);

        assertThat(thrown.get()).isInstanceOf(SQLException.class).hasMessageContaining("interrupted");
        assertThat(((SQLException) thrown.get()).getSQLState()).isEqualTo("57014");
        assertThat(interruptedAfter.get()).isTrue();
    }
}

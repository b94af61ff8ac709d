package org.entsupport.core.attachment.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The limit at the limit and one beyond, through every way of reading; source failures told apart. */
class CheckingInputStreamTest {

    private static InputStream bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) ('a' + i % 26);
        }
        return new ByteArrayInputStream(b);
    }

    @Test
    void contentOfExactlyTheLimitIsReadWhole() throws IOException {
        CheckingInputStream in = new CheckingInputStream(bytes(10), 10, null);
        assertThat(in.readAllBytes()).hasSize(10);
        assertThat(in.count()).isEqualTo(10);
        assertThat(in.exceeded()).isFalse();
        assertThat(in.sourceFailure()).isNull();
        assertThat(in.read()).isEqualTo(-1);
        assertThat(in.count()).isEqualTo(10);
    }

    @Test
    void oneByteBeyondTheLimitStopsTheReadAndEveryLaterOne() throws IOException {
        CheckingInputStream in = new CheckingInputStream(bytes(11), 10, null);
        byte[] buffer = new byte[20];
        assertThatThrownBy(() -> in.readNBytes(buffer, 0, 20))
                .isInstanceOf(CheckingInputStream.LimitExceededException.class)
                .hasMessage("content exceeds 10 bytes");
        assertThat(in.exceeded()).isTrue();
        assertThat(in.count()).isEqualTo(11);
        assertThat(in.sourceFailure()).isNull();
        assertThatThrownBy(in::read).isInstanceOf(CheckingInputStream.LimitExceededException.class);
        assertThatThrownBy(() -> in.read(buffer, 0, 1))
                .isInstanceOf(CheckingInputStream.LimitExceededException.class)
                .hasMessage("content exceeds 10 bytes");
    }

    @Test
    void singleByteReadsCountAndGiveUnsignedValues() throws IOException {
        CheckingInputStream in =
                new CheckingInputStream(new ByteArrayInputStream(new byte[] {(byte) 0xFF, 0, 7}), 2, null);
        assertThat(in.read()).isEqualTo(0xFF);
        assertThat(in.read()).isZero();
        assertThat(in.count()).isEqualTo(2);
        assertThatThrownBy(in::read).isInstanceOf(CheckingInputStream.LimitExceededException.class);
        assertThat(in.exceeded()).isTrue();
    }

    @Test
    void skippedBytesCountLikeReadOnes() throws IOException {
        CheckingInputStream in = new CheckingInputStream(bytes(20_000), 20_000, null);
        assertThat(in.skip(0)).isZero();
        assertThat(in.skip(-5)).isZero();
        assertThat(in.skip(10_000)).isEqualTo(10_000);
        assertThat(in.count()).isEqualTo(10_000);
        assertThat(in.read()).isEqualTo('a' + 10_000 % 26);
        assertThat(in.skip(50_000)).isEqualTo(9_999);
        assertThat(in.count()).isEqualTo(20_000);
        assertThat(in.skip(1)).isZero();

        CheckingInputStream small = new CheckingInputStream(bytes(20), 10, null);
        assertThatThrownBy(() -> small.skip(11)).isInstanceOf(CheckingInputStream.LimitExceededException.class);
        assertThat(small.exceeded()).isTrue();
    }

    @Test
    void theTextCheckSeesExactlyTheBytesRead() throws IOException {
        Utf8TextCheck text = new Utf8TextCheck();
        byte[] content = {'o', 'k', 0, '!'};
        CheckingInputStream in = new CheckingInputStream(new ByteArrayInputStream(content), 100, text);
        byte[] buffer = new byte[10];
        assertThat(in.read(buffer, 5, 2)).isEqualTo(2);
        assertThat(text.error()).isNull();
        assertThat(in.read(buffer, 3, 2)).isEqualTo(2);
        assertThat(text.error()).isEqualTo("control character U+0000 at byte 2");
        assertThat(in.read(buffer, 0, 2)).isEqualTo(-1);
    }

    @Test
    void aZeroLengthReadCountsNothing() throws IOException {
        CheckingInputStream in = new CheckingInputStream(bytes(5), 5, new Utf8TextCheck());
        assertThat(in.read(new byte[4], 0, 0)).isZero();
        assertThat(in.count()).isZero();
    }

    @Test
    void aFailureOfTheSourceIsRememberedAndRethrownUnchanged() {
        IOException boom = new IOException("client went away");
        CheckingInputStream in = new CheckingInputStream(
                new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw boom;
                    }
                },
                100,
                null);
        assertThatThrownBy(in::read).isSameAs(boom);
        assertThat(in.sourceFailure()).isSameAs(boom);
        assertThat(in.exceeded()).isFalse();
    }

    @Test
    void closingLeavesTheSourceOpenAndMarkIsNotSupported() throws IOException {
        AtomicBoolean closed = new AtomicBoolean();
        InputStream source = new ByteArrayInputStream(new byte[] {1, 2}) {
            @Override
            public void close() {
                closed.set(true);
            }
        };
        CheckingInputStream in = new CheckingInputStream(source, 10, null);
        assertThat(in.markSupported()).isFalse();
        in.close();
        assertThat(closed).isFalse();
        assertThat(in.read()).isEqualTo(1);
    }
}

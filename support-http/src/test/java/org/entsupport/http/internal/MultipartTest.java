package org.entsupport.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MultipartTest {

    private static final String B = "XyZ-boundary";

    private static byte[] body(String preamble, Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(preamble.getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < parts.length; i += 2) {
            out.writeBytes(("--" + B + "\r\n" + parts[i] + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            Object c = parts[i + 1];
            out.writeBytes(c instanceof byte[] bytes ? bytes : c.toString().getBytes(StandardCharsets.UTF_8));
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + B + "--\r\nepilogue").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** Hands out the bytes a few at a time, so that boundaries straddle reads. */
    private static InputStream trickle(byte[] bytes, int step) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, step));
            }
        };
    }

    private static List<String> read(InputStream in) throws IOException {
        Multipart m = new Multipart(in, B, 10);
        List<String> out = new ArrayList<>();
        for (Multipart.Part p = m.next(); p != null; p = m.next()) {
            out.add(p.name() + "|" + p.fileName() + "|"
                    + new String(p.content().readAllBytes(), StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void readsFieldsAndFilesWhateverTheReadSizes() throws IOException {
        byte[] body = body(
                "preamble\r\n",
                "Content-Disposition: form-data; name=\"subject\"",
                "Écran\r\nblanc",
                "Content-Disposition: form-data; name=\"files\"; filename=\"a \\\"b\\\".txt\"\r\nContent-Type: text/plain",
                "--" + B + "x almost a boundary\r\n--" + B.substring(0, 5));
        for (int step : new int[] {1, 2, 3, 7, 64, 100_000}) {
            assertThat(read(trickle(body, step)))
                    .as("step " + step)
                    .containsExactly(
                            "subject|null|Écran\r\nblanc",
                            "files|a \"b\".txt|--" + B + "x almost a boundary\r\n--" + B.substring(0, 5));
        }
    }

    @Test
    void largeBinaryContentRoundTrips() throws IOException {
        byte[] data = new byte[300_000];
        new Random(7).nextBytes(data);
        byte[] body = body("", "Content-Disposition: form-data; name=\"files\"; filename=\"x.bin\"", data);
        Multipart m = new Multipart(trickle(body, 4093), B, 10);
        Multipart.Part p = m.next();
        assertThat(p.content().readAllBytes()).isEqualTo(data);
        assertThat(m.next()).isNull();
    }

    @Test
    void anUnreadPartIsSkipped() throws IOException {
        byte[] body = body(
                "",
                "Content-Disposition: form-data; name=\"a\"",
                "first",
                "Content-Disposition: form-data; name=\"b\"",
                "second");
        Multipart m = new Multipart(new ByteArrayInputStream(body), B, 10);
        assertThat(m.next().name()).isEqualTo("a");
        Multipart.Part b = m.next();
        assertThat(new String(b.content().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo("second");
        assertThat(m.next()).isNull();
    }

    @Test
    void malformedBodiesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> read(new ByteArrayInputStream("no boundary at all".getBytes())))
                .isInstanceOf(Multipart.MalformedException.class)
                .hasMessageContaining("no boundary");
        assertThatThrownBy(() -> read(new ByteArrayInputStream(
                        ("--" + B + "\r\nContent-Disposition: form-data; " + "name=\"a\"\r\n\r\ncut here").getBytes())))
                .isInstanceOf(Multipart.MalformedException.class)
                .hasMessageContaining("ends inside a part");
        assertThatThrownBy(() -> read(new ByteArrayInputStream(
                        ("--" + B + "\r\nContent-Type: text/plain\r\n\r\nx\r\n--" + B + "--").getBytes())))
                .hasMessageContaining("no Content-Disposition");
        byte[] many = body(
                "",
                "Content-Disposition: form-data; name=\"a\"",
                "1",
                "Content-Disposition: form-data; name=\"b\"",
                "2");
        assertThatThrownBy(() -> {
                    Multipart m = new Multipart(new ByteArrayInputStream(many), B, 1);
                    while (m.next() != null) {
                        // read all
                    }
                })
                .hasMessageContaining("more than 1 parts");
    }

    @Test
    void boundaryParameter() {
        assertThat(Multipart.boundary("multipart/form-data; boundary=abc")).isEqualTo("abc");
        assertThat(Multipart.boundary("multipart/form-data; charset=utf-8; BOUNDARY=\"a b\""))
                .isEqualTo("a b");
        assertThat(Multipart.boundary("multipart/form-data")).isNull();
    }
}

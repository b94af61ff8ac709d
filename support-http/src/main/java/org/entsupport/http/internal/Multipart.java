package org.entsupport.http.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads a {@code multipart/form-data} body (RFC 7578) part by part, in one pass, holding at most one
 * buffer: each part's content is a stream that reads up to the next boundary. A part not read to its end
 * is skipped when the next one is asked for.
 */
public final class Multipart {

    /** The body is not well-formed multipart. */
    public static final class MalformedException extends IOException {
        private static final long serialVersionUID = 1L;

        MalformedException(String message) {
            super(message);
        }
    }

    /**
     * One part.
     *
     * @param name        the form field's name
     * @param fileName    the file name, for file fields
     * @param contentType the declared type (not trusted; only informative)
     * @param content     the part's bytes, up to the boundary
     */
    public record Part(
            String name,
            @Nullable String fileName,
            @Nullable String contentType,
            InputStream content) {}

    private static final int BUFFER = 64 * 1024;
    private static final int MAX_HEADER_BYTES = 16 * 1024;

    private final InputStream in;
    private final byte[] delimiter; // CRLF "--" boundary
    private final byte[] buf;
    private int pos;
    private int limit;
    private boolean eof;
    private boolean finished;
    private @Nullable PartStream current;
    private int parts;
    private final int maxParts;

    /**
     * Reads {@code in} with the given boundary.
     *
     * @param maxParts how many parts at most (more is malformed)
     */
    public Multipart(InputStream in, String boundary, int maxParts) {
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.buf = new byte[BUFFER + delimiter.length];
        // the first boundary has no CRLF before it: pretend it has, so that one delimiter fits all
        buf[0] = '\r';
        buf[1] = '\n';
        this.limit = 2;
        this.maxParts = maxParts;
    }

    /** The boundary parameter of a multipart content type, or {@code null} when it has none. */
    public static @Nullable String boundary(String contentType) {
        for (String param : contentType.split(";")) {
            String p = param.trim();
            if (p.regionMatches(true, 0, "boundary=", 0, 9)) {
                String b = p.substring(9).trim();
                if (b.length() >= 2 && b.startsWith("\"") && b.endsWith("\"")) {
                    b = b.substring(1, b.length() - 1);
                }
                return b.isEmpty() || b.length() > 70 ? null : b;
            }
        }
        return null;
    }

    /**
     * The next part, or {@code null} after the last one.
     *
     * @throws MalformedException when the body is not well-formed
     */
    public @Nullable Part next() throws IOException {
        if (finished) {
            return null;
        }
        if (current == null) {
            // before the first part: skip the preamble up to the first delimiter
            skipToDelimiter();
        } else {
            current.skipRest();
        }
        // after a delimiter: "--" ends the body, CRLF starts a part
        ensure(2);
        if (limit - pos >= 2 && buf[pos] == '-' && buf[pos + 1] == '-') {
            finished = true;
            return null;
        }
        skipLinearWhitespace();
        ensure(2);
        if (limit - pos < 2 || buf[pos] != '\r' || buf[pos + 1] != '\n') {
            throw new MalformedException("a boundary is not followed by a line break");
        }
        pos += 2;
        if (++parts > maxParts) {
            throw new MalformedException("more than " + maxParts + " parts");
        }
        Map<String, String> headers = readHeaders();
        String disposition = headers.get("content-disposition");
        if (disposition == null) {
            throw new MalformedException("a part has no Content-Disposition");
        }
        Map<String, String> params = parameters(disposition);
        String name = params.get("name");
        if (name == null) {
            throw new MalformedException("a part has no name");
        }
        current = new PartStream();
        return new Part(name, params.get("filename"), headers.get("content-type"), current);
    }

    private void skipLinearWhitespace() throws IOException {
        while (true) {
            ensure(1);
            if (limit - pos >= 1 && (buf[pos] == ' ' || buf[pos] == '\t')) {
                pos++;
            } else {
                return;
            }
        }
    }

    private void skipToDelimiter() throws IOException {
        while (true) {
            ensure(delimiter.length);
            int found = indexOfDelimiter();
            if (found >= 0) {
                pos = found + delimiter.length;
                return;
            }
            if (eof) {
                throw new MalformedException("no boundary found");
            }
            pos = Math.max(pos, limit - delimiter.length + 1);
        }
    }

    private Map<String, String> readHeaders() throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int total = 0;
        while (true) {
            ensure(1);
            if (pos >= limit) {
                throw new MalformedException("the body ends inside a part's headers");
            }
            byte b = buf[pos++];
            if (++total > MAX_HEADER_BYTES) {
                throw new MalformedException("a part's headers are longer than " + MAX_HEADER_BYTES + " bytes");
            }
            if (b == '\n') {
                String text = line.toString(StandardCharsets.UTF_8);
                if (text.endsWith("\r")) {
                    text = text.substring(0, text.length() - 1);
                }
                line.reset();
                if (text.isEmpty()) {
                    return headers;
                }
                int colon = text.indexOf(':');
                if (colon <= 0) {
                    throw new MalformedException("a part's header has no name");
                }
                headers.put(
                        text.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        text.substring(colon + 1).trim());
            } else {
                line.write(b);
            }
        }
    }

    /** The parameters of a Content-Disposition value: {@code form-data; name="a"; filename="b.png"}. */
    static Map<String, String> parameters(String value) {
        Map<String, String> out = new LinkedHashMap<>();
        int i = value.indexOf(';');
        while (i >= 0 && i < value.length()) {
            i++;
            while (i < value.length() && value.charAt(i) == ' ') {
                i++;
            }
            int eq = value.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String key = value.substring(i, eq).trim().toLowerCase(Locale.ROOT);
            int j = eq + 1;
            StringBuilder v = new StringBuilder();
            if (j < value.length() && value.charAt(j) == '"') {
                j++;
                while (j < value.length() && value.charAt(j) != '"') {
                    char c = value.charAt(j);
                    if (c == '\\' && j + 1 < value.length()) {
                        c = value.charAt(++j);
                    }
                    v.append(c);
                    j++;
                }
                j++;
            } else {
                while (j < value.length() && value.charAt(j) != ';') {
                    v.append(value.charAt(j++));
                }
            }
            out.putIfAbsent(key, v.toString().trim());
            i = value.indexOf(';', j);
        }
        return out;
    }

    /** Makes at least {@code n} bytes available from {@code pos} unless the input ends. */
    private void ensure(int n) throws IOException {
        if (limit - pos >= n || eof) {
            return;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        while (limit - pos < n && !eof) {
            int r = in.read(buf, limit, buf.length - limit);
            if (r < 0) {
                eof = true;
            } else {
                limit += r;
            }
        }
    }

    private int indexOfDelimiter() {
        byte first = delimiter[0];
        outer:
        for (int i = pos; i <= limit - delimiter.length; i++) {
            if (buf[i] != first) {
                continue;
            }
            for (int k = 1; k < delimiter.length; k++) {
                if (buf[i + k] != delimiter[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The content of the current part: reads up to the next delimiter, which it consumes. */
    private final class PartStream extends InputStream {
        private boolean done;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            while (true) {
                ensure(delimiter.length);
                int found = indexOfDelimiter();
                int available;
                if (found == pos) {
                    pos += delimiter.length;
                    done = true;
                    return -1;
                } else if (found > pos) {
                    available = found - pos;
                } else if (eof) {
                    throw new MalformedException("the body ends inside a part");
                } else {
                    // bytes that cannot be the start of a delimiter
                    available = limit - pos - (delimiter.length - 1);
                    if (available <= 0) {
                        continue;
                    }
                }
                int n = Math.min(len, available);
                System.arraycopy(buf, pos, b, off, n);
                pos += n;
                return n;
            }
        }

        void skipRest() throws IOException {
            byte[] scratch = new byte[8192];
            while (read(scratch, 0, scratch.length) >= 0) {
                // discard
            }
        }
    }
}

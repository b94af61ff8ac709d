package org.entsupport.core.attachment.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.jspecify.annotations.Nullable;

/**
 * Counts what the store reads from an upload, stops it with an exception once a limit is passed, and feeds
 * the optional text check. Remembers whether a failure came from the source (the upload) or from the limit,
 * so that the caller can tell them from a failure of the store itself.
 */
final class CheckingInputStream extends FilterInputStream {

    /** Thrown to the store when the content passes the limit. */
    static final class LimitExceededException extends IOException {
        private static final long serialVersionUID = 1L;

        LimitExceededException(long limit) {
            super("content exceeds " + limit + " bytes");
        }
    }

    private final long limit;
    private final @Nullable Utf8TextCheck text;
    private long count;
    private boolean exceeded;
    private @Nullable IOException sourceFailure;

    CheckingInputStream(InputStream in, long limit, @Nullable Utf8TextCheck text) {
        super(in);
        this.limit = limit;
        this.text = text;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n == -1 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (exceeded) {
            throw new LimitExceededException(limit);
        }
        int n;
        try {
            n = in.read(b, off, len);
        } catch (IOException e) {
            sourceFailure = e;
            throw e;
        }
        if (n > 0) {
            count += n;
            if (count > limit) {
                exceeded = true;
                throw new LimitExceededException(limit);
            }
            if (text != null) {
                text.update(b, off, n);
            }
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipped bytes count like read ones: read them.
        byte[] buffer = new byte[(int) Math.min(8192, Math.max(0, n))];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (r == -1) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public void close() {
        // The intake closes the source; the store must not close it before the intake measured it.
    }

    long count() {
        return count;
    }

    boolean exceeded() {
        return exceeded;
    }

    @Nullable
    IOException sourceFailure() {
        return sourceFailure;
    }
}

package org.entsupport.http.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request body that fails with {@link TooLargeException} as soon as more than the limit is read, for
 * bodies whose length was not announced (chunked). An announced length over the limit is refused before
 * this stream is even opened.
 */
public final class LimitedInputStream extends FilterInputStream {

    /** The body passed its limit. */
    public static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;
        private final long limit;

        TooLargeException(long limit) {
            super("the request body is over its limit of " + limit + " bytes");
            this.limit = limit;
        }

        /** The limit. */
        public long limit() {
            return limit;
        }
    }

    private final long limit;
    private long count;

    /** Reads {@code in}, at most {@code limit} bytes. */
    public LimitedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        count(skipped);
        return skipped;
    }

    private void count(long n) throws TooLargeException {
        count += n;
        if (count > limit) {
            throw new TooLargeException(limit);
        }
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}

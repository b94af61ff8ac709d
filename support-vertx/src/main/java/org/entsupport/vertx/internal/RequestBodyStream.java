package org.entsupport.vertx.internal;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import org.jspecify.annotations.Nullable;

/**
 * A Vert.x request body as a blocking {@link InputStream} for a worker thread, with flow control: the
 * request stays paused until the API opens the body (so a body refused on its announced length is never
 * read), and is paused again whenever more than {@link #HIGH_WATER} bytes wait to be read. At most that much
 * of an upload is ever held in memory.
 */
public final class RequestBodyStream extends InputStream {

    /** Bytes queued before the request is paused. */
    static final int HIGH_WATER = 256 * 1024;

    /** Bytes queued below which a paused request resumes. */
    static final int LOW_WATER = 64 * 1024;

    private final HttpServerRequest request;
    private final Context context;
    private final long idleTimeoutMillis;
    private final ArrayDeque<Buffer> queue = new ArrayDeque<>();
    private int offset; // read position in the head buffer
    private long queued;
    private boolean paused = true;
    private boolean ended;
    private boolean opened;
    private boolean discarding;
    private @Nullable Throwable failure;

    /**
     * Takes over the request's body: pauses it and installs the handlers. Call on the request's event loop,
     * before it returns.
     *
     * @param idleTimeoutMillis how long a read waits for the client before failing
     */
    public RequestBodyStream(HttpServerRequest request, Context context, long idleTimeoutMillis) {
        this.request = request;
        this.context = context;
        this.idleTimeoutMillis = idleTimeoutMillis;
        if (request.isEnded()) {
            ended = true;
            return;
        }
        pauseQuietly();
        request.handler(this::onData);
        request.endHandler(v -> onEnd());
        request.exceptionHandler(this::onFailure);
    }

    /** Opens the body: the request starts flowing. Called once, on the worker thread. */
    public synchronized InputStream open() throws IOException {
        if (opened) {
            throw new IOException("the request body was already opened");
        }
        opened = true;
        if (!ended) {
            paused = false;
            context.runOnContext(v -> resumeQuietly());
        }
        return this;
    }

    /**
     * Called once the response is ready: what is left of the body is not wanted. On HTTP/1.x, a body that the
     * client announced and the API did not read (refused on its length) or stopped reading is never read:
     * the answer is {@code true}, the connection must close after the response. Otherwise (no body, HTTP/2,
     * a body that was read to its end) the rest is discarded as it arrives and the connection stays usable.
     */
    public synchronized boolean finish() {
        if (ended) {
            return false;
        }
        boolean http1 = request.version() != io.vertx.core.http.HttpVersion.HTTP_2;
        boolean announced = request.getHeader("Content-Length") != null
                && !request.getHeader("Content-Length").trim().equals("0");
        if (http1 && (announced || opened)) {
            return true;
        }
        discarding = true;
        queue.clear();
        queued = 0;
        if (paused) {
            paused = false;
            context.runOnContext(v -> resumeQuietly());
        }
        return false;
    }

    private synchronized void onData(Buffer buffer) {
        if (discarding) {
            return;
        }
        queue.add(buffer);
        queued += buffer.length();
        if (queued > HIGH_WATER && !paused) {
            paused = true;
            pauseQuietly();
        }
        notifyAll();
    }

    private synchronized void onEnd() {
        ended = true;
        notifyAll();
    }

    private synchronized void onFailure(Throwable t) {
        failure = t;
        notifyAll();
    }

    private void pauseQuietly() {
        try {
            if (!request.isEnded()) {
                request.pause();
            }
        } catch (IllegalStateException e) {
            // Vert.x 5 refuses pause() once the body has ended; nothing is left to pause then
        }
    }

    private void resumeQuietly() {
        try {
            if (!request.isEnded()) {
                request.resume();
            }
        } catch (IllegalStateException e) {
            // the body ended meanwhile
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        long deadline = System.currentTimeMillis() + idleTimeoutMillis;
        while (queue.isEmpty() && !ended && failure == null) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                throw new IOException("the client sent nothing for " + idleTimeoutMillis + " ms");
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading the request body");
            }
        }
        if (queue.isEmpty()) {
            if (failure != null) {
                throw new IOException("the request body failed: " + failure, failure);
            }
            return -1;
        }
        Buffer head = queue.peek();
        int n = Math.min(len, head.length() - offset);
        head.getBytes(offset, offset + n, b, off);
        offset += n;
        if (offset == head.length()) {
            queue.poll();
            offset = 0;
        }
        queued -= n;
        if (paused && opened && queued < LOW_WATER && !ended) {
            paused = false;
            context.runOnContext(v -> resumeQuietly());
        }
        return n;
    }
}

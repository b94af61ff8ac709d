package org.entsupport.vertx.internal;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Writes an API response to a Vert.x response from a worker thread: every call runs on the response's
 * event loop, and the worker waits for each write to be taken by the connection, so a slow client slows the
 * producer (a CSV export, a download) instead of filling memory.
 */
public final class ResponseWriter extends OutputStream {

    private static final int CHUNK = 64 * 1024;

    private final HttpServerResponse response;
    private final HttpConnection connection;
    private final Context context;
    private final long timeoutMillis;
    private final byte[] buffer = new byte[CHUNK];
    private int count;

    /**
     * Writes to {@code response} (of a request on {@code connection}) through {@code context}, waiting at
     * most {@code timeoutMillis} per write.
     */
    public ResponseWriter(HttpServerResponse response, HttpConnection connection, Context context, long timeoutMillis) {
        this.response = response;
        this.connection = connection;
        this.context = context;
        this.timeoutMillis = timeoutMillis;
    }

    /**
     * Sends the status and headers; chunked when no Content-Length is given; with {@code Connection: close}
     * when the request body was not read to its end (see {@link #end}).
     */
    public void head(int status, Map<String, List<String>> headers, boolean hasBody, boolean closeConnection)
            throws IOException {
        await(() -> {
            response.setStatusCode(status);
            if (closeConnection) {
                response.putHeader("Connection", "close");
            }
            boolean length = false;
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                length |= e.getKey().equalsIgnoreCase("Content-Length");
                for (String v : e.getValue()) {
                    response.headers().add(e.getKey(), v);
                }
            }
            if (hasBody && !length) {
                response.setChunked(true);
            }
            return Future.succeededFuture();
        });
    }

    @Override
    public void write(int b) throws IOException {
        if (count == buffer.length) {
            flushBuffer();
        }
        buffer[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (count == buffer.length) {
                flushBuffer();
            }
            int n = Math.min(len, buffer.length - count);
            System.arraycopy(b, off, buffer, count, n);
            count += n;
            off += n;
            len -= n;
        }
    }

    @Override
    public void flush() throws IOException {
        flushBuffer();
    }

    private void flushBuffer() throws IOException {
        if (count == 0) {
            return;
        }
        Buffer chunk = Buffer.buffer(count);
        chunk.appendBytes(buffer, 0, count);
        count = 0;
        await(() -> response.write(chunk));
    }

    /**
     * Ends the response. When the request body was not read to its end (refused on its announced length),
     * the connection cannot carry another request: it is closed once the response is sent.
     */
    public void end(boolean closeConnection) throws IOException {
        flushBuffer();
        await(() -> {
            Future<Void> ended = response.end();
            return closeConnection ? ended.compose(v -> connection.close()) : ended;
        });
    }

    private void await(Supplier<Future<?>> action) throws IOException {
        Promise<Object> done = Promise.promise();
        context.runOnContext(v -> {
            try {
                action.get().onComplete(ar -> {
                    if (ar.succeeded()) {
                        done.complete();
                    } else {
                        done.fail(ar.cause());
                    }
                });
            } catch (RuntimeException e) {
                done.fail(e);
            }
        });
        try {
            done.future().toCompletionStage().toCompletableFuture().get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing the response");
        } catch (ExecutionException e) {
            throw new IOException("the response could not be written: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("the client took no data for " + timeoutMillis + " ms");
        }
    }
}

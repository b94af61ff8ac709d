package org.entsupport.http;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The answer to an {@link ApiRequest}: a status, headers, and a body that the host writes to its own
 * output stream (large bodies, such as a CSV export or a file, are streamed from the library as they are
 * written, never held whole in memory).
 *
 * <pre>{@code
 * try (ApiResponse response = api.handle(request)) {
 *     servletResponse.setStatus(response.status());
 *     response.headers().forEach((name, values) -> values.forEach(v -> servletResponse.addHeader(name, v)));
 *     response.writeBody(servletResponse.getOutputStream());
 * }
 * }</pre>
 *
 * <p>A failure while the body is written (the client went away, the database failed mid-export) is thrown
 * by {@link #writeBody}: the status is already sent then, so the host should abort the connection, and the
 * client sees a cut response. Always {@link #close()} a response: it releases what an unwritten body holds
 * (an open file).
 */
public final class ApiResponse implements Closeable {

    /** Writes a response body. */
    @FunctionalInterface
    public interface Body {
        /**
         * Writes the body to {@code out}, which it does not close.
         *
         * @param out the out
         * @throws IOException when {@code out} fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    private final int status;
    private final Map<String, List<String>> headers;
    private final @Nullable Body body;
    private final @Nullable Closeable resource;
    private boolean closed;

    private ApiResponse(
            int status, Map<String, List<String>> headers, @Nullable Body body, @Nullable Closeable resource) {
        this.status = status;
        this.headers = headers;
        this.body = body;
        this.resource = resource;
    }

    /**
     * Starts a response with the given status.
     *
     * @param status the status
     * @return a new builder
     */
    public static Builder status(int status) {
        return new Builder(status);
    }

    /**
     * The HTTP status.
     *
     * @return the HTTP status
     */
    public int status() {
        return status;
    }

    /**
     * The headers, in the order set; names as written (compare ignoring case).
     *
     * @return the headers, in the order set; names as written (compare ignoring case)
     */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /**
     * The first value of a header (ignoring case), if set.
     *
     * @param name the name
     * @return the first value of a header (ignoring case), if set
     */
    public Optional<String> header(String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return Optional.of(e.getValue().get(0));
            }
        }
        return Optional.empty();
    }

    /**
     * Whether there is a body to write.
     *
     * @return whether there is a body to write
     */
    public boolean hasBody() {
        return body != null;
    }

    /**
     * Writes the body, if any, to {@code out} (which stays open), then releases what it held.
     *
     * @param out the out
     * @throws IOException when writing fails or the content cannot be read
     */
    public void writeBody(OutputStream out) throws IOException {
        Objects.requireNonNull(out, "out");
        try {
            if (body != null) {
                body.writeTo(out);
            }
        } finally {
            close();
        }
    }

    /**
     * Releases what the body holds if it was not written. Idempotent.
     *
     * @throws UncheckedIOException when the held resource fails to close
     */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            if (resource != null) {
                try {
                    resource.close();
                } catch (IOException e) {
                    throw new UncheckedIOException("could not release the body of a response", e);
                }
            }
        }
    }

    @Override
    public String toString() {
        return "ApiResponse[" + status + "]";
    }

    /** Builds an {@link ApiResponse}. */
    public static final class Builder {
        private final int status;
        private final Map<String, List<String>> headers = new LinkedHashMap<>();
        private @Nullable Body body;
        private @Nullable Closeable resource;

        private Builder(int status) {
            if (status < 100 || status > 599) {
                throw new IllegalArgumentException("status must be between 100 and 599, but was " + status);
            }
            this.status = status;
        }

        /**
         * Adds a header value.
         *
         * @param name the name
         * @param value the value
         * @return this builder
         */
        public Builder header(String name, String value) {
            headers.computeIfAbsent(Objects.requireNonNull(name, "name"), k -> new ArrayList<>())
                    .add(Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * The body.
         *
         * @param value the value
         * @return this builder
         */
        public Builder body(Body value) {
            this.body = Objects.requireNonNull(value, "body");
            return this;
        }

        /**
         * A body of bytes already in memory (small JSON documents).
         *
         * @param bytes the bytes
         * @return this builder
         */
        public Builder body(byte[] bytes) {
            byte[] copy = bytes.clone();
            this.body = out -> out.write(copy);
            return this;
        }

        /**
         * What the body holds open until written or the response closed (an attachment's stream).
         *
         * @param value the value
         * @return this builder
         */
        public Builder resource(Closeable value) {
            this.resource = Objects.requireNonNull(value, "resource");
            return this;
        }

        /**
         * Builds the response.
         *
         * @return the response
         */
        public ApiResponse build() {
            Map<String, List<String>> copy = new LinkedHashMap<>();
            headers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
            return new ApiResponse(status, Collections.unmodifiableMap(copy), body, resource);
        }
    }
}

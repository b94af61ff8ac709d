package org.entsupport.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP request as the host's router received it: method, path, query, headers and a body that is read
 * only when a route needs it (so a body over the limit is refused before a byte of it is read).
 *
 * <pre>{@code
 * ApiRequest request = ApiRequest.builder(method, path)
 *         .rawQuery(queryString)
 *         .header("Accept-Language", acceptLanguage)
 *         .body(servletRequest::getInputStream)
 *         .hostContext(session)          // for the host's ActorResolver
 *         .build();
 * }</pre>
 *
 * <p>Header names are matched ignoring case. Immutable and thread-safe, except the body, which is read once.
 */
public final class ApiRequest {

    /** Opens the request body; called at most once, on the thread that handles the request. */
    @FunctionalInterface
    public interface BodySource {
        /**
         * Opens the body.
         *
         * @return the body, from its first byte; the API closes it
         * @throws IOException when the body cannot be read
         */
        InputStream open() throws IOException;

        /**
         * A request without body.
         *
         * @return a request without body
         */
        static BodySource empty() {
            return InputStream::nullInputStream;
        }
    }

    private final String method;
    private final String path;
    private final Map<String, List<String>> query;
    private final Map<String, List<String>> headers;
    private final BodySource body;
    private final @Nullable Object hostContext;

    private ApiRequest(Builder b) {
        this.method = b.method;
        this.path = b.path;
        this.query = Collections.unmodifiableMap(copy(b.query, new LinkedHashMap<>()));
        this.headers = Collections.unmodifiableMap(copy(b.headers, new TreeMap<>(String.CASE_INSENSITIVE_ORDER)));
        this.body = b.body;
        this.hostContext = b.hostContext;
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> from, Map<String, List<String>> to) {
        from.forEach((k, v) -> to.put(k, List.copyOf(v)));
        return to;
    }

    /**
     * Starts a request.
     *
     * @param method the HTTP method, such as {@code GET} (any case)
     * @param path   the decoded path, such as {@code /api/v1/tickets/42}, without the query
     * @return a new builder
     */
    public static Builder builder(String method, String path) {
        return new Builder(method, path);
    }

    /**
     * The method, upper case.
     *
     * @return the method, upper case
     */
    public String method() {
        return method;
    }

    /**
     * The decoded path, without the query.
     *
     * @return the decoded path, without the query
     */
    public String path() {
        return path;
    }

    /**
     * The query parameters, decoded, in the order given; a name may have several values.
     *
     * @return the query parameters, decoded, in the order given; a name may have several values
     */
    public Map<String, List<String>> query() {
        return query;
    }

    /**
     * The headers; names are matched ignoring case.
     *
     * @return the headers; names are matched ignoring case
     */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /**
     * The first value of a header, if present.
     *
     * @param name the name
     * @return the first value of a header, if present
     */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /**
     * The {@code Content-Length} the client announced, if any and valid.
     *
     * @return the {@code Content-Length} the client announced, if any and valid
     */
    public OptionalLong contentLength() {
        Optional<String> v = header("Content-Length");
        if (v.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            long n = Long.parseLong(v.get().trim());
            return n < 0 ? OptionalLong.empty() : OptionalLong.of(n);
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * The body source.
     *
     * @return the body source
     */
    public BodySource body() {
        return body;
    }

    /**
     * What the host attached for its {@link ActorResolver} (a session, a routing context), if anything.
     * The API itself never looks at it.
     *
     * @return what the host attached for its {@link ActorResolver} (a session, a routing context), if anything
     */
    public Optional<Object> hostContext() {
        return Optional.ofNullable(hostContext);
    }

    @Override
    public String toString() {
        return method + " " + path;
    }

    /** Builds an {@link ApiRequest}. */
    public static final class Builder {
        private final String method;
        private final String path;
        private final Map<String, List<String>> query = new LinkedHashMap<>();
        private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        private BodySource body = BodySource.empty();
        private @Nullable Object hostContext;

        private Builder(String method, String path) {
            this.method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
            this.path = Objects.requireNonNull(path, "path");
        }

        /**
         * Adds a decoded query parameter value.
         *
         * @param name the name
         * @param value the value
         * @return this builder
         */
        public Builder query(String name, String value) {
            query.computeIfAbsent(Objects.requireNonNull(name, "name"), k -> new ArrayList<>())
                    .add(Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Adds the parameters of a raw (percent-encoded) query string such as {@code status=NEW&limit=20};
         * {@code null} or empty adds nothing.
         *
         * @param raw the raw
         * @return this builder
         */
        public Builder rawQuery(@Nullable String raw) {
            if (raw == null || raw.isEmpty()) {
                return this;
            }
            for (String pair : raw.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                query(decode(name), decode(value));
            }
            return this;
        }

        private static String decode(String s) {
            try {
                return URLDecoder.decode(s, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                // a broken escape is kept as written: the route reports the parameter as invalid
                return s;
            }
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
         * The body; empty when not set.
         *
         * @param value the value
         * @return this builder
         */
        public Builder body(BodySource value) {
            this.body = Objects.requireNonNull(value, "body");
            return this;
        }

        /**
         * What the host's {@link ActorResolver} needs to find the actor (a session, a routing context).
         *
         * @param value the value
         * @return this builder
         */
        public Builder hostContext(@Nullable Object value) {
            this.hostContext = value;
            return this;
        }

        /**
         * Builds the request.
         *
         * @return the request
         */
        public ApiRequest build() {
            return new ApiRequest(this);
        }
    }
}

package org.entsupport.desk.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.entsupport.core.desk.DeskException;
import org.entsupport.core.desk.DeskFileUnavailableException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of a connector: one {@link HttpClient} that never follows redirects, the desk's
 * credential headers (sent only to the desk's own origin), the mapping of answers to
 * {@link DeskException}s, and a bounded in-call wait on 429/503 with {@code Retry-After}.
 *
 * <p>Downloads of desk files start on the desk's origin and follow redirects by hand, only to the
 * desk's origin or to one of its documented attachment hosts, over https (http only to a loopback
 * host, for tests); the credentials go to the desk's origin only, and a file larger than the limit
 * is refused.
 *
 * <p>Credentials are kept in a private map that no message, log line or {@link #toString()} shows.
 * Paths passed to it must not carry credentials (they appear in messages and logs).
 */
public final class DeskHttp {

    private static final Logger LOG = LoggerFactory.getLogger(DeskHttp.class);
    private static final int MAX_ERROR_TEXT = 300;
    private static final int MAX_DOWNLOAD_REDIRECTS = 5;

    private final String desk;
    private final URI base;
    private final String where;
    private final Map<String, String> credentials;
    private final List<String> attachmentHosts;
    private final long maxDownloadSize;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final Duration maxRetryWait;
    private final HttpClient client;
    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock;

    /**
     * Creates the client.
     *
     * @param desk           the desk name, for messages
     * @param base           the desk's base URL (scheme, host, port, optional path prefix); no trailing slash
     * @param credentials    headers that authenticate us; sent only to {@code base}'s origin
     * @param connectTimeout the connect timeout
     * @param requestTimeout the timeout of each request
     * @param maxRetryWait   the longest {@code Retry-After} waited for inside a call (once); zero never waits
     * @param clock          the clock for HTTP-date {@code Retry-After} values
     * @param attachmentHosts hosts that desk files may be downloaded from besides the desk's origin:
     *                       exact names, or {@code *.example.com} for any sub-domain (never credentials)
     * @param maxDownloadSize the largest desk file downloaded, in bytes
     */
    public DeskHttp(
            String desk,
            URI base,
            Map<String, String> credentials,
            Duration connectTimeout,
            Duration requestTimeout,
            Duration maxRetryWait,
            Clock clock,
            List<String> attachmentHosts,
            long maxDownloadSize) {
        Settings.requireBetween("connectTimeout", connectTimeout, Duration.ofMillis(1), Duration.ofMinutes(5));
        Settings.requireBetween("requestTimeout", requestTimeout, Duration.ofMillis(1), Duration.ofMinutes(30));
        Settings.requireBetween("maxRetryWait", maxRetryWait, Duration.ZERO, Duration.ofMinutes(5));
        if (maxDownloadSize < 1 || maxDownloadSize > (1L << 40)) {
            throw new IllegalArgumentException(
                    "maxDownloadSize must be between 1 and " + (1L << 40) + " bytes, but was " + maxDownloadSize);
        }
        for (String host : attachmentHosts) {
            if (!host.matches("(\\*\\.)?[a-z0-9]([a-z0-9.-]*[a-z0-9])?")) {
                throw new IllegalArgumentException("attachmentHosts must hold lower-case host names, optionally"
                        + " starting with *. for any sub-domain, but held '" + host + "'");
            }
        }
        this.desk = desk;
        this.base = base;
        this.where = desk + " at " + base.getHost() + ":" + port(base);
        this.credentials = Map.copyOf(credentials);
        this.attachmentHosts = List.copyOf(attachmentHosts);
        this.maxDownloadSize = maxDownloadSize;
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
        this.maxRetryWait = maxRetryWait;
        this.clock = clock;
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** An HTTP answer with a 2xx status. */
    public record Response(int status, HttpHeaders headers, byte[] body) {
        /** The body as text. */
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** The base URL. */
    public URI base() {
        return base;
    }

    /** The JSON mapper. */
    public ObjectMapper json() {
        return json;
    }

    /** {@code GET path} and parse the JSON answer. */
    public JsonNode getJson(String path, String operation) throws DeskException {
        return parse(send("GET", path, null, null, Map.of(), operation), operation);
    }

    /** {@code method path} with a JSON body, and parse the JSON answer (an empty answer gives an empty object). */
    public JsonNode sendJson(String method, String path, JsonNode body, Map<String, String> headers, String operation)
            throws DeskException {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw DeskException.permanent(desk + ": cannot write the JSON to " + operation, e);
        }
        return parse(send(method, path, bytes, "application/json", headers, operation), operation);
    }

    /** Parses a JSON answer; an empty body gives an empty object. */
    public JsonNode parse(Response response, String operation) throws DeskException {
        if (response.body().length == 0) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw DeskException.permanent(
                    desk + " answered " + operation + " with something that is not JSON: "
                            + abbreviate(response.text()),
                    e);
        }
    }

    /**
     * Sends a request to the desk's origin, with the credentials.
     *
     * @param method      the HTTP method
     * @param path        the path and query, relative to the base URL (starting with {@code /})
     * @param body        the body, or {@code null}
     * @param contentType the body's type, or {@code null}
     * @param headers     more headers
     * @param operation   what we do, for messages ("create the issue for ticket 42")
     * @return the 2xx answer
     * @throws DeskException see {@link DeskException}; 3xx are refused, not followed
     */
    public Response send(
            String method,
            String path,
            byte @Nullable [] body,
            @Nullable String contentType,
            Map<String, String> headers,
            String operation)
            throws DeskException {
        return sendWith(
                method,
                path,
                () -> body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body),
                contentType,
                headers,
                operation);
    }

    /**
     * Uploads one of our files as the request body, streamed from its opener (never read whole into
     * memory), with its declared size as the content length. A retry opens the file again.
     *
     * @param path        the upload path and query, relative to the base URL
     * @param file        the file
     * @param contentType the body's type
     * @param operation   for messages
     * @return the 2xx answer
     */
    public Response sendFile(
            String path, org.entsupport.core.desk.OutgoingAttachment file, String contentType, String operation)
            throws DeskException {
        java.util.function.Supplier<InputStream> opener = () -> {
            try {
                return file.content().open();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        try {
            return sendWith(
                    "POST",
                    path,
                    () -> file.size() > 0
                            ? HttpRequest.BodyPublishers.fromPublisher(
                                    HttpRequest.BodyPublishers.ofInputStream(opener), file.size())
                            : HttpRequest.BodyPublishers.ofByteArray(new byte[0]),
                    contentType,
                    Map.of(),
                    operation);
        } catch (java.io.UncheckedIOException e) {
            IOException cause = e.getCause();
            throw DeskException.retryable(
                    desk + " could not read attachment " + file.fileName() + " from our storage: "
                            + (cause == null ? e.getMessage() : cause.getMessage()),
                    cause == null ? e : cause);
        }
    }

    private Response sendWith(
            String method,
            String path,
            java.util.function.Supplier<HttpRequest.BodyPublisher> body,
            @Nullable String contentType,
            Map<String, String> headers,
            String operation)
            throws DeskException {
        URI uri = URI.create(base.toString() + path);
        for (int attempt = 0; ; attempt++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                    .timeout(requestTimeout)
                    .method(method, body.get())
                    .header("Accept", "application/json");
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            credentials.forEach(request::header);
            headers.forEach(request::header);
            HttpResponse<byte[]> response = exchange(request.build(), method, path, operation);
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return new Response(status, response.headers(), response.body());
            }
            Optional<Duration> retryAfter = retryAfter(response.headers());
            if ((status == 429 || status == 503)
                    && attempt == 0
                    && retryAfter.isPresent()
                    && retryAfter.get().compareTo(maxRetryWait) <= 0) {
                LOG.debug("{}: {} {} answered {}, waiting {} as asked", desk, method, path, status, retryAfter.get());
                sleep(retryAfter.get(), operation);
                continue;
            }
            throw failure(method, path, operation, status, response.headers(), response.body(), retryAfter);
        }
    }

    private HttpResponse<byte[]> exchange(HttpRequest request, String method, String path, String operation)
            throws DeskException {
        long start = System.nanoTime();
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            LOG.debug(
                    "{}: {} {} -> {} in {} ms",
                    desk,
                    method,
                    path,
                    response.statusCode(),
                    (System.nanoTime() - start) / 1_000_000);
            return response;
        } catch (IOException e) {
            throw DeskException.retryable(
                    where + " could not " + operation + " (" + method + " " + path + "): " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DeskException.retryable(desk + ": interrupted while trying to " + operation, e);
        }
    }

    /**
     * What went wrong on the wire, as an operator reads it: "connection refused", "host not found",
     * "no connection within 10 s", "no answer within 60 s", "TLS handshake failed: ...".
     */
    private String describe(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return "host " + base.getHost() + " not found";
            }
        }
        if (e instanceof HttpConnectTimeoutException) {
            return "no connection within " + seconds(connectTimeout);
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer within " + seconds(requestTimeout);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLHandshakeException) {
                return "TLS handshake failed: " + t.getMessage();
            }
            if (t instanceof SSLException) {
                return "TLS failure: " + t.getMessage();
            }
            if (t instanceof NoRouteToHostException) {
                return "no route to host";
            }
            if (t instanceof ConnectException) {
                return "connection refused";
            }
        }
        return "the connection failed (" + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")";
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private DeskException failure(
            String method,
            String path,
            String operation,
            int status,
            HttpHeaders headers,
            byte[] body,
            Optional<Duration> retryAfter) {
        String text = abbreviate(new String(body, StandardCharsets.UTF_8));
        if (status >= 300 && status < 400) {
            String location =
                    headers.firstValue("Location").map(DeskHttp::withoutQuery).orElse("nowhere");
            return DeskException.permanent(
                    desk + " answered " + status + " to " + method + " " + path
                            + " (" + operation + "), redirecting to " + location
                            + "; redirects are not followed, check the desk's base URL",
                    status);
        }
        String message = desk + " could not " + operation + " (" + method + " " + path + "): HTTP " + status
                + (text.isEmpty() ? "" : ": " + text);
        if (status == 429 || status == 503) {
            return retryAfter
                    .map(d -> DeskException.retryable(message + " (retry after " + d.toSeconds() + " s)", d, status))
                    .orElseGet(() -> new DeskException(message, true, null, status, null));
        }
        if (status == 408 || status >= 500) {
            return new DeskException(message, true, null, status, null);
        }
        return DeskException.permanent(message, status);
    }

    /**
     * Downloads a desk file. The URL and every redirect must be the desk's origin or one of its
     * attachment hosts (https, or http to a loopback host); credentials go to the desk's origin
     * only. Redirects are followed by hand, at most five.
     *
     * @param url       the file's URL
     * @param operation for messages ("download attachment 12")
     * @return the content, streamed as it arrives (close it); reading past the size limit fails
     * @throws DeskFileUnavailableException when the desk will not give the file (404, 410, 401, 403,
     *         another 4xx, a host we do not trust, too large)
     * @throws IOException when the desk is unavailable for now (try again later)
     */
    public InputStream download(URI url, String operation) throws IOException {
        URI current = url;
        for (int hop = 0; hop <= MAX_DOWNLOAD_REDIRECTS; hop++) {
            String refusal = downloadRefusal(current);
            if (refusal != null) {
                throw new DeskFileUnavailableException(desk + " could not " + operation + ": "
                        + (hop == 0 ? "its URL " : "it was redirected to ") + withoutQuery(current.toString())
                        + ", " + refusal + "; not fetched");
            }
            HttpRequest.Builder request =
                    HttpRequest.newBuilder(current).timeout(requestTimeout).GET();
            if (sameOrigin(base, current)) {
                credentials.forEach(request::header);
            }
            HttpResponse<InputStream> response;
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(desk + ": interrupted while trying to " + operation, e);
            } catch (IOException e) {
                throw new IOException(
                        desk + " at " + current.getHost() + ":" + port(current) + " could not " + operation + ": "
                                + describe(e),
                        e);
            }
            int status = response.statusCode();
            LOG.debug("{}: GET {} -> {}", desk, withoutQuery(current.toString()), status);
            if (status >= 200 && status < 300) {
                long declared =
                        response.headers().firstValueAsLong("Content-Length").orElse(-1);
                if (declared > maxDownloadSize) {
                    response.body().close();
                    throw new DeskFileUnavailableException(desk + " could not " + operation + ": the file has "
                            + declared + " bytes, more than the limit of " + maxDownloadSize);
                }
                return new Bounded(response.body(), maxDownloadSize, desk + " could not " + operation);
            }
            byte[] errorBody;
            try (InputStream in = response.body()) {
                errorBody = in.readNBytes(16 * 1024);
            }
            Optional<String> location = response.headers().firstValue("Location");
            if (status >= 300 && status < 400 && location.isPresent()) {
                current = current.resolve(location.get());
                continue;
            }
            DeskException e = failure(
                    "GET",
                    withoutQuery(current.toString()),
                    operation,
                    status,
                    response.headers(),
                    errorBody,
                    retryAfter(response.headers()));
            if (e.retryable()) {
                throw new IOException(e.getMessage(), e);
            }
            throw new DeskFileUnavailableException(String.valueOf(e.getMessage()));
        }
        throw new DeskFileUnavailableException(
                desk + " could not " + operation + ": more than " + MAX_DOWNLOAD_REDIRECTS + " redirects");
    }

    /** Why a download URL is not followed, or {@code null} when it may be. */
    private @Nullable String downloadRefusal(URI uri) {
        if (sameOrigin(base, uri)) {
            return null;
        }
        String host = lower(uri.getHost());
        String scheme = lower(uri.getScheme());
        if (host == null || scheme == null) {
            return "which is not an absolute URL";
        }
        boolean listed = attachmentHosts.stream()
                .anyMatch(h -> h.startsWith("*.") ? host.endsWith(h.substring(1)) : host.equals(h));
        if (!listed) {
            return "which is neither the desk's origin (" + base.getScheme() + "://" + base.getHost() + ":" + port(base)
                    + ") nor one of its attachment hosts " + attachmentHosts;
        }
        if (!scheme.equals("https") && !(scheme.equals("http") && isLoopback(host))) {
            return "which is not https";
        }
        return null;
    }

    /** Whether a host name is a loopback one, without asking DNS: localhost, 127.x.y.z, ::1. */
    static boolean isLoopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return h.equals("localhost")
                || h.matches("127(\\.\\d{1,3}){3}")
                || h.equals("::1")
                || h.equals("0:0:0:0:0:0:0:1");
    }

    /** A stream that fails once more than {@code max} bytes came through. */
    private static final class Bounded extends FilterInputStream {
        private final long max;
        private final String what;
        private long count;

        Bounded(InputStream in, long max, String what) {
            super(in);
            this.max = max;
            this.what = what;
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
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            count += n;
            if (count > max) {
                throw new DeskFileUnavailableException(what + ": the file has more than " + max + " bytes, the limit");
            }
        }
    }

    /** Whether two URIs share scheme, host and port (default ports made explicit). */
    public static boolean sameOrigin(URI a, URI b) {
        return Objects.equals(lower(a.getScheme()), lower(b.getScheme()))
                && Objects.equals(lower(a.getHost()), lower(b.getHost()))
                && port(a) == port(b);
    }

    /** The path and query of {@code url} when it is on the desk's origin, else empty. */
    public Optional<String> relativeToBase(String url) {
        URI uri = URI.create(url);
        if (!sameOrigin(base, uri)) {
            return Optional.empty();
        }
        String raw = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        String prefix = base.getRawPath() == null ? "" : base.getRawPath();
        return Optional.of(raw.startsWith(prefix) ? raw.substring(prefix.length()) : raw);
    }

    private static @Nullable String lower(@Nullable String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    private static int port(URI u) {
        if (u.getPort() != -1) {
            return u.getPort();
        }
        return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    private Optional<Duration> retryAfter(HttpHeaders headers) {
        Optional<String> value = headers.firstValue("Retry-After").map(String::strip);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            long seconds = Long.parseLong(value.get());
            return Optional.of(Duration.ofSeconds(Math.max(0, seconds)));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value.get(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(clock.instant(), at.toInstant());
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    private void sleep(Duration d, String operation) throws DeskException {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DeskException.retryable(desk + ": interrupted while waiting to " + operation, e);
        }
    }

    /** The text cut to a bounded length, on one line. */
    public static String abbreviate(String text) {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= MAX_ERROR_TEXT ? oneLine : oneLine.substring(0, MAX_ERROR_TEXT) + "…";
    }

    private static String withoutQuery(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    @Override
    public String toString() {
        return "DeskHttp[" + desk + " at " + base + "]";
    }
}

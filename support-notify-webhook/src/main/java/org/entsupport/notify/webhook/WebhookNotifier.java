package org.entsupport.notify.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.entsupport.notify.DeliveryException;
import org.entsupport.notify.Notification;
import org.entsupport.notify.Notifier;
import org.entsupport.notify.webhook.internal.Payload;
import org.entsupport.notify.webhook.internal.RetryAfter;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A notifier that POSTs each notification as a signed JSON document to one URL.
 *
 * <pre>{@code
 * WebhookNotifier webhook = WebhookNotifier.builder()
 *         .url(URI.create("https://hooks.ent.example/support"))
 *         .secret(System.getenv("SUPPORT_WEBHOOK_SECRET"))
 *         .build();
 * }</pre>
 *
 * <h2>The request</h2>
 * {@code POST} with the headers
 * <ul>
 * <li>{@code Content-Type: application/json; charset=utf-8}</li>
 * <li>{@value #DELIVERY_HEADER}: the notification id, the same on every redelivery: deduplicate on it</li>
 * <li>{@value #EVENT_HEADER}: the type code, such as {@code ticket-created}</li>
 * <li>{@value #TIMESTAMP_HEADER}: when the request was signed, in seconds since the epoch</li>
 * <li>{@value #SIGNATURE_HEADER}: the signature, see below</li>
 * <li>the {@linkplain Builder#header(String, String) extra headers} configured</li>
 * </ul>
 * and the body
 * <pre>{@code
 * {"id":"6f1c2b4e-...","type":"ticket-created","occurredAt":"2025-03-14T09:26:53Z",
 *  "ticket":{"id":42,"number":"42","link":"https://ent.example/support#/ticket/42"},
 *  "school":{"id":"0750001A","name":"Collège Jean Moulin"},
 *  "actor":{"id":"u-owner","name":"Camille Martin"},
 *  "recipients":[{"userId":"u-admin","displayName":"Dominique Petit","locale":"fr"}],
 *  "parameters":{"subject":"Cannot publish"}}
 * }</pre>
 * {@code school.name} may be {@code null}; e-mail addresses are never sent. Receivers should ignore
 * fields they do not know.
 *
 * <h2>The signature</h2>
 * {@code signature = lowercase-hex(HMAC-SHA256(key = UTF-8 bytes of the secret,
 * message = UTF-8 bytes of the timestamp header, then ".", then the raw body bytes))}.
 * A receiver recomputes it over the body exactly as received (before any JSON parsing), compares in
 * constant time and rejects old timestamps to stop replays; {@link #verify(String, String, byte[],
 * String, Instant, Duration)} does all of that.
 *
 * <h2>Failures</h2>
 * A 2xx answer is a success. Retryable: connection errors, timeouts, 5xx, 408 and 429 (with the
 * {@code Retry-After} delay, in seconds or as an HTTP-date, as {@link DeliveryException#retryAfter()}).
 * Permanent: any other answer, including redirects, which are never followed, and a body larger
 * than {@linkplain Builder#maxBodySize(int) maxBodySize}. The secret and the header values never
 * appear in messages, logs or {@link #toString()}; the URL is shown without its query.
 *
 * <p>Thread-safe; one shared {@link HttpClient}.
 */
public final class WebhookNotifier implements Notifier {

    /** The header carrying the notification id. */
    public static final String DELIVERY_HEADER = "X-Entsupport-Delivery";
    /** The header carrying the notification type code. */
    public static final String EVENT_HEADER = "X-Entsupport-Event";
    /** The header carrying the signing time, in seconds since the epoch. */
    public static final String TIMESTAMP_HEADER = "X-Entsupport-Timestamp";
    /** The header carrying the hex HMAC-SHA256 signature. */
    public static final String SIGNATURE_HEADER = "X-Entsupport-Signature";

    private static final Logger LOG = LoggerFactory.getLogger(WebhookNotifier.class);
    private static final String HMAC = "HmacSHA256";
    private static final int EXCERPT_BYTES = 256;

    private final String name;
    private final URI url;
    private final String shownUrl;
    private final byte[] secret;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final int maxBodySize;
    private final Map<String, String> headers;
    private final Clock clock;
    private final HttpClient client;
    private final AtomicBoolean closed = new AtomicBoolean();

    private WebhookNotifier(Builder b) {
        this.name = b.name;
        this.url = Objects.requireNonNull(b.url);
        this.shownUrl = redact(b.url);
        this.secret = Objects.requireNonNull(b.secret).getBytes(StandardCharsets.UTF_8);
        this.connectTimeout = b.connectTimeout;
        this.requestTimeout = b.requestTimeout;
        this.maxBodySize = b.maxBodySize;
        this.headers = Map.copyOf(b.headers);
        this.clock = b.clock;
        this.client = HttpClient.newBuilder()
                .connectTimeout(b.connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /**
     * Starts the settings of a webhook notifier.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * POSTs {@code notification} as signed JSON.
     *
     * @throws DeliveryException retryable on connection errors, timeouts, 5xx, 408 and 429;
     *                           permanent on any other non-2xx answer or an oversized body
     */
    @Override
    public void deliver(Notification notification) throws DeliveryException {
        Objects.requireNonNull(notification, "notification");
        if (closed.get()) {
            throw new IllegalStateException(this + " is closed");
        }
        String what = "Webhook POST of notification " + notification.id() + " ("
                + notification.type().code() + ", ticket " + notification.ticketNumber() + ") to " + shownUrl;
        byte[] body = Payload.of(notification).toJson();
        if (body.length > maxBodySize) {
            throw DeliveryException.permanent(
                    what + " not sent: its body of " + body.length + " bytes exceeds maxBodySize " + maxBodySize, null);
        }
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        HttpRequest.Builder request =
                HttpRequest.newBuilder(url).timeout(requestTimeout).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        request.header("Content-Type", "application/json; charset=utf-8")
                .header(DELIVERY_HEADER, notification.id().toString())
                .header(EVENT_HEADER, notification.type().code())
                .header(TIMESTAMP_HEADER, timestamp)
                .header(SIGNATURE_HEADER, sign(secret, timestamp, body));

        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException e) {
            throw DeliveryException.retryable(what + " failed: no connection within " + connectTimeout, e);
        } catch (HttpTimeoutException e) {
            throw DeliveryException.retryable(
                    what + " failed: no answer within " + requestTimeout + " (request timed out)", e);
        } catch (ConnectException e) {
            throw DeliveryException.retryable(what + " failed: cannot connect: " + e, e);
        } catch (IOException e) {
            throw DeliveryException.retryable(what + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DeliveryException.retryable(what + " interrupted", e);
        }
        int status = response.statusCode();
        String excerpt = excerpt(response.body());
        if (status >= 200 && status < 300) {
            LOG.debug("{} answered {}", what, status);
            return;
        }
        String answer = what + " answered HTTP " + status + (excerpt.isEmpty() ? "" : ": " + excerpt);
        if (status == 429 || status == 503 || status == 408 || status >= 500) {
            Optional<Duration> retryAfter = RetryAfter.parse(
                    response.headers().firstValue("Retry-After").orElse(null), clock.instant());
            if (retryAfter.isPresent()) {
                throw DeliveryException.retryable(
                        answer + " (retry after " + retryAfter.get() + ")", null, retryAfter.get());
            }
            throw DeliveryException.retryable(answer, null);
        }
        if (status >= 300 && status < 400) {
            throw DeliveryException.permanent(
                    answer + "; redirects are never followed: configure the final URL"
                            + response.headers()
                                    .firstValue("Location")
                                    .map(l -> " (Location: " + redact(l) + ")")
                                    .orElse(""),
                    null);
        }
        throw DeliveryException.permanent(answer, null);
    }

    /** The name given to the builder; {@code webhook} by default. */
    @Override
    public String name() {
        return name;
    }

    /** Marks this notifier closed. Idempotent. */
    @Override
    public void close() {
        closed.set(true);
    }

    @Override
    public String toString() {
        return "WebhookNotifier[name=" + name + ", url=" + shownUrl + ", secret=****, headers=" + headers.keySet()
                + ", connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout
                + ", maxBodySize=" + maxBodySize + "]";
    }

    /**
     * The signature of a request: lowercase hex of HMAC-SHA256 keyed with the UTF-8 bytes of
     * {@code secret}, over the UTF-8 bytes of {@code timestamp}, a {@code "."} and {@code body}.
     *
     * @param secret    the shared secret, not empty
     * @param timestamp the value of the {@value #TIMESTAMP_HEADER} header
     * @param body      the raw request body
     * @return 64 lowercase hex digits
     */
    public static String sign(String secret, String timestamp, byte[] body) {
        Objects.requireNonNull(secret, "secret");
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("secret must not be empty");
        }
        return sign(secret.getBytes(StandardCharsets.UTF_8), timestamp, body);
    }

    /**
     * Checks a request's signature, for a receiver. Compares in constant time. Does not look at the
     * timestamp's age; prefer {@link #verify(String, String, byte[], String, Instant, Duration)}.
     *
     * @param secret    the shared secret
     * @param timestamp the value of the {@value #TIMESTAMP_HEADER} header
     * @param body      the raw request body, as received
     * @param signature the value of the {@value #SIGNATURE_HEADER} header
     * @return whether the signature matches
     */
    public static boolean verify(String secret, String timestamp, byte[] body, String signature) {
        Objects.requireNonNull(body, "body");
        if (secret == null || secret.isEmpty() || timestamp == null || signature == null) {
            return false;
        }
        byte[] expected = sign(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII);
        byte[] given = signature.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given);
    }

    /**
     * Checks a request's signature and that it was signed recently, for a receiver.
     *
     * <pre>{@code
     * boolean ok = WebhookNotifier.verify(secret, request.header("X-Entsupport-Timestamp"), rawBody,
     *         request.header("X-Entsupport-Signature"), Instant.now(), Duration.ofMinutes(5));
     * }</pre>
     *
     * @param secret    the shared secret
     * @param timestamp the value of the {@value #TIMESTAMP_HEADER} header
     * @param body      the raw request body, as received
     * @param signature the value of the {@value #SIGNATURE_HEADER} header
     * @param now       the receiver's current time
     * @param tolerance how far the timestamp may be from {@code now}, either way
     * @return whether the signature matches and the timestamp is within {@code tolerance} of {@code now}
     */
    public static boolean verify(
            String secret, String timestamp, byte[] body, String signature, Instant now, Duration tolerance) {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(tolerance, "tolerance");
        if (timestamp == null || !verify(secret, timestamp, body, signature)) {
            return false;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return false;
        }
        return Duration.between(Instant.ofEpochSecond(seconds), now).abs().compareTo(tolerance) <= 0;
    }

    private static String sign(byte[] secret, String timestamp, byte[] body) {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(body, "body");
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(secret, HMAC));
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) '.');
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is always available", e);
        }
    }

    private static String excerpt(InputStream body) {
        try (body) {
            byte[] bytes = body.readNBytes(EXCERPT_BYTES);
            String text = new String(bytes, StandardCharsets.UTF_8)
                    .replaceAll("\\p{Cntrl}+", " ")
                    .strip();
            return bytes.length == EXCERPT_BYTES ? text + "…" : text;
        } catch (IOException e) {
            return "";
        }
    }

    /** The URL without user info, query or fragment, which may carry credentials. */
    private static String redact(URI uri) {
        StringBuilder out =
                new StringBuilder().append(uri.getScheme()).append("://").append(uri.getHost());
        if (uri.getPort() >= 0) {
            out.append(':').append(uri.getPort());
        }
        out.append(uri.getRawPath() == null ? "" : uri.getRawPath());
        if (uri.getRawQuery() != null) {
            out.append("?…");
        }
        return out.toString();
    }

    private static String redact(String location) {
        try {
            URI uri = URI.create(location);
            return uri.getScheme() != null && uri.getHost() != null ? redact(uri) : uri.getRawPath();
        } catch (IllegalArgumentException e) {
            return "(unreadable)";
        }
    }

    /**
     * The settings of a {@link WebhookNotifier}. {@link #build()} validates them all, with messages
     * that name the property, the limit and the value (never the secret's value).
     *
     * <table>
     * <caption>Settings</caption>
     * <tr><th>property</th><th>default</th><th>constraint</th></tr>
     * <tr><td>url</td><td>(required)</td><td>absolute http or https, with a host, no user info</td></tr>
     * <tr><td>secret</td><td>(required)</td><td>16..1024 characters</td></tr>
     * <tr><td>connectTimeout</td><td>5 s</td><td>1 ms..5 min</td></tr>
     * <tr><td>requestTimeout</td><td>10 s</td><td>1 ms..5 min</td></tr>
     * <tr><td>maxBodySize</td><td>1 MiB</td><td>1 KiB..16 MiB</td></tr>
     * <tr><td>header</td><td>none</td><td>token name, not one we set, single-line value</td></tr>
     * <tr><td>name</td><td>{@code webhook}</td><td>not blank</td></tr>
     * </table>
     */
    public static final class Builder {
        private static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);
        private static final int MIN_BODY = 1024;
        private static final int MAX_BODY = 16 * 1024 * 1024;
        private static final int MIN_SECRET = 16;
        private static final int MAX_SECRET = 1024;
        private static final Set<String> RESERVED_HEADERS = Set.of(
                "content-type",
                "content-length",
                "host",
                "connection",
                "expect",
                "upgrade",
                "transfer-encoding",
                DELIVERY_HEADER.toLowerCase(Locale.ROOT),
                EVENT_HEADER.toLowerCase(Locale.ROOT),
                TIMESTAMP_HEADER.toLowerCase(Locale.ROOT),
                SIGNATURE_HEADER.toLowerCase(Locale.ROOT));

        private String name = "webhook";
        private @Nullable URI url;
        private @Nullable String secret;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(10);
        private int maxBodySize = 1024 * 1024;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /**
         * The notifier's {@linkplain Notifier#name() name}; set it when a host uses two webhooks.
         *
         * @param value the notifier's {@linkplain Notifier#name() name}; set it when a host uses two webhooks
         * @return this builder
         */
        public Builder name(String value) {
            this.name = Objects.requireNonNull(value, "name");
            return this;
        }

        /**
         * Where to POST.
         *
         * @param value where to POST
         * @return this builder
         */
        public Builder url(URI value) {
            this.url = Objects.requireNonNull(value, "url");
            return this;
        }

        /**
         * Where to POST.
         *
         * @param value where to POST
         * @return this builder
         */
        public Builder url(String value) {
            Objects.requireNonNull(value, "url");
            try {
                return url(new URI(value));
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException(
                        "url must be a valid URI, but was '" + value + "': " + e.getReason(), e);
            }
        }

        /**
         * The secret shared with the receiver, the key of the signature.
         *
         * @param value the secret shared with the receiver, the key of the signature
         * @return this builder
         */
        public Builder secret(String value) {
            this.secret = Objects.requireNonNull(value, "secret");
            return this;
        }

        /**
         * How long to wait for the TCP (and TLS) connection.
         *
         * @param value how long to wait for the TCP (and TLS) connection
         * @return this builder
         */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = Objects.requireNonNull(value, "connectTimeout");
            return this;
        }

        /**
         * How long to wait for the answer, once connected.
         *
         * @param value how long to wait for the answer, once connected
         * @return this builder
         */
        public Builder requestTimeout(Duration value) {
            this.requestTimeout = Objects.requireNonNull(value, "requestTimeout");
            return this;
        }

        /**
         * The largest body, in bytes, this notifier sends; larger notifications fail permanently.
         *
         * @param value the largest body, in bytes, this notifier sends; larger notifications fail permanently
         * @return this builder
         */
        public Builder maxBodySize(int value) {
            this.maxBodySize = value;
            return this;
        }

        /**
         * Adds a header to every request, such as an {@code Authorization} the receiver expects.
         * Values are never logged.
         *
         * @param name  a header name, not one this notifier sets itself
         * @param value a single-line value
         * @return this builder
         */
        public Builder header(String name, String value) {
            Objects.requireNonNull(name, "header name");
            Objects.requireNonNull(value, "header value");
            if (name.isEmpty() || !name.chars().allMatch(Builder::isTokenChar)) {
                throw new IllegalArgumentException("header name must be an HTTP token, but was '" + name + "'");
            }
            if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("header " + name + " is set by the notifier and cannot be"
                        + " configured; reserved: " + new java.util.TreeSet<>(RESERVED_HEADERS));
            }
            if (value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                throw new IllegalArgumentException("header " + name + " must have a single-line value");
            }
            headers.put(name, value);
            return this;
        }

        /**
         * The clock of the timestamp header and of {@code Retry-After} dates; the system clock by default.
         *
         * @param value the clock of the timestamp header and of {@code Retry-After} dates; the system clock by
         *         default
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Validates the settings and creates the notifier. Does not connect.
         *
         * @return the notifier
         * @throws IllegalArgumentException naming the first invalid property, its limit and its value
         */
        public WebhookNotifier build() {
            if (name.isBlank()) {
                throw new IllegalArgumentException("name must not be blank, but was '" + name + "'");
            }
            if (url == null) {
                throw new IllegalArgumentException("url is required: where to POST the notifications");
            }
            String scheme = url.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                throw new IllegalArgumentException("url must be an absolute http or https URL, but was '"
                        + (url.getRawUserInfo() == null ? url.toString() : redact(url)) + "'");
            }
            if (url.getHost() == null || url.getHost().isEmpty()) {
                throw new IllegalArgumentException("url must name a host, but was '" + url + "'");
            }
            if (url.getRawUserInfo() != null) {
                throw new IllegalArgumentException("url must not carry credentials (user info), but '" + redact(url)
                        + "' does; send them with header(\"Authorization\", ...)");
            }
            if (secret == null) {
                throw new IllegalArgumentException("secret is required: the key of the HMAC-SHA256 signature");
            }
            if (secret.length() < MIN_SECRET || secret.length() > MAX_SECRET) {
                throw new IllegalArgumentException("secret must be between " + MIN_SECRET + " and " + MAX_SECRET
                        + " characters long, but had " + secret.length());
            }
            checkTimeout("connectTimeout", connectTimeout);
            checkTimeout("requestTimeout", requestTimeout);
            if (maxBodySize < MIN_BODY || maxBodySize > MAX_BODY) {
                throw new IllegalArgumentException("maxBodySize must be between " + MIN_BODY + " and " + MAX_BODY
                        + " bytes, but was " + maxBodySize);
            }
            return new WebhookNotifier(this);
        }

        private static void checkTimeout(String property, Duration value) {
            if (value.compareTo(Duration.ofMillis(1)) < 0 || value.compareTo(MAX_TIMEOUT) > 0) {
                throw new IllegalArgumentException(
                        property + " must be between PT0.001S and " + MAX_TIMEOUT + ", but was " + value);
            }
        }

        private static boolean isTokenChar(int c) {
            return c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
        }
    }
}

package org.entsupport.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.entsupport.core.Support;
import org.entsupport.core.spi.Directory;
import org.entsupport.http.internal.Api;
import org.entsupport.http.internal.Call;
import org.entsupport.http.internal.Json;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP API of the library, for any web framework: the host's router passes each request under the
 * base path ({@code /api/v1} by default) to {@link #handle}, on a thread that may block, and writes the
 * response back.
 *
 * <pre>{@code
 * SupportHttp api = SupportHttp.builder(support, request -> session(request).map(this::actorOf))
 *         .feed(NewsFeedSource.of(jdbc.newsFeed()))
 *         .build();
 *
 * // in the host's handler, on a worker thread
 * try (ApiResponse response = api.handle(ApiRequest.builder(method, path)
 *         .rawQuery(query).header(...).body(request::getInputStream).hostContext(session).build())) {
 *     // copy response.status() and response.headers(), then
 *     response.writeBody(out);
 * }
 * }</pre>
 *
 * <p>Routes (all JSON unless said): {@code GET /tickets} (filters {@code status}, {@code school},
 * {@code ownership}, {@code q}, {@code sort}, {@code direction}; {@code limit}, {@code cursor}),
 * {@code GET /tickets/counts}, {@code GET /tickets/export.csv}, {@code POST /tickets} (JSON or multipart with
 * files; {@code Idempotency-Key}), {@code GET|PATCH /tickets/{id}} ({@code ETag}, {@code If-Match}),
 * {@code GET /tickets/{id}/timeline}, {@code GET /tickets/{id}/capabilities},
 * {@code POST /tickets/{id}/comments}, {@code POST /tickets/{id}/escalation},
 * {@code GET /tickets/{id}/attachments/{attachmentId}}, {@code POST /tickets/bulk/status},
 * {@code POST /tickets/bulk/escalation}, {@code GET /categories}, {@code GET /me}, {@code GET /feed},
 * {@code POST /feed/read} and {@code GET /openapi.json}, which describes them all.
 *
 * <p>What an actor may do ({@code GET /tickets/{id}/capabilities}) and the categories of the filing form
 * ({@code GET /categories}) are answered by the facade: {@link Support#capabilities(org.entsupport.core.Actor,
 * long)} and the {@link org.entsupport.core.spi.CategoryCatalog} given to {@link Support.Builder#categories}.
 *
 * <p>Errors are RFC 9457 {@code application/problem+json} in the reader's language ({@code Accept-Language},
 * else the actor's): a stable {@code type} per failure, the bad {@code field}s of a refused request. No
 * library exception becomes a 500. Thread-safe.
 */
public final class SupportHttp {

    /** The default base path. */
    public static final String DEFAULT_BASE_PATH = "/api/v1";

    private final Api api;
    private final Api.Config config;

    private SupportHttp(Api.Config config) {
        this.config = config;
        this.api = new Api(config);
    }

    /**
     * Starts building the API over {@code support}, acting as the actors {@code actors} resolves.
     *
     * @param support the facade
     * @param actors  the host's authentication
     * @return a new builder
     */
    public static Builder builder(Support support, ActorResolver actors) {
        return new Builder(support, actors);
    }

    /**
     * Answers one request. Blocks (it calls the library, which calls the database): run it off any event
     * loop. Never throws for a bad request or a library exception: those are problem responses.
     *
     * @param request the request, with a path under {@link #basePath()}
     * @return the response, to be written and closed by the caller
     */
    public ApiResponse handle(ApiRequest request) {
        return api.handle(Objects.requireNonNull(request, "request"));
    }

    /**
     * The base path every route is under, such as {@code /api/v1}.
     *
     * @return the base path every route is under, such as {@code /api/v1}
     */
    public String basePath() {
        return config.basePath();
    }

    /**
     * The largest JSON body accepted, in bytes.
     *
     * @return the largest JSON body accepted, in bytes
     */
    public long maxJsonBytes() {
        return config.limits().maxJsonBytes();
    }

    /**
     * The largest multipart body accepted (all files and fields together), in bytes.
     *
     * @return the largest multipart body accepted (all files and fields together), in bytes
     */
    public long maxUploadBytes() {
        return config.limits().maxUploadBytes();
    }

    /**
     * The routes served, as {@code METHOD /template} relative to {@link #basePath()}, such as
     * {@code GET /tickets/{id}}.
     *
     * @return the routes served, as {@code METHOD /template} relative to {@link #basePath()}, such as {@code GET /tickets/{id}}
     */
    public List<String> routes() {
        return api.routes().stream().map(r -> r.method() + " " + r.template()).toList();
    }

    /**
     * A new Jackson mapper with the API's configuration (ISO-8601 times, strict reading).
     *
     * @return a new Jackson mapper with the API's configuration (ISO-8601 times, strict reading)
     */
    public static ObjectMapper objectMapper() {
        return Json.create();
    }

    /** Builds a {@link SupportHttp}. */
    public static final class Builder {
        private final Support support;
        private final ActorResolver actors;
        private @Nullable FeedSource feed;
        private Directory directory = Directory.empty();
        private String basePath = DEFAULT_BASE_PATH;
        private long maxJsonBytes = 1024 * 1024;
        private long maxUploadBytes = 60L * 1024 * 1024;
        private int maxFilesPerRequest = 20;
        private @Nullable Path uploadDirectory;
        private Locale defaultLocale = Locale.FRENCH;

        private Builder(Support support, ActorResolver actors) {
            this.support = Objects.requireNonNull(support, "support");
            this.actors = Objects.requireNonNull(actors, "actors");
        }

        /**
         * The news feed; without one, the feed routes answer 404.
         *
         * @param value the news feed
         * @return this builder
         */
        public Builder feed(FeedSource value) {
            this.feed = Objects.requireNonNull(value, "feed");
            return this;
        }

        /**
         * The host's directory, for school names in {@code GET /me}; ids are shown when not set.
         *
         * @param value the value
         * @return this builder
         */
        public Builder directory(Directory value) {
            this.directory = Objects.requireNonNull(value, "directory");
            return this;
        }

        /**
         * The path every route is under: {@code /api/v1} by default; starts with {@code /}, no trailing one.
         *
         * @param value the value
         * @return this builder
         */
        public Builder basePath(String value) {
            Objects.requireNonNull(value, "basePath");
            if (!value.startsWith("/") || value.endsWith("/") || value.contains("?") || value.contains("#")) {
                throw new IllegalArgumentException(
                        "basePath must start with / and not end with /, such as /api/v1, but was '" + value + "'");
            }
            this.basePath = value;
            return this;
        }

        /**
         * The largest JSON body, in bytes (default 1 MiB; 1 KiB..64 MiB). Also bounds each multipart text field.
         *
         * @param value the value
         * @return this builder
         */
        public Builder maxJsonBytes(long value) {
            if (value < 1024 || value > 64L * 1024 * 1024) {
                throw new IllegalArgumentException("maxJsonBytes must be between 1024 and 67108864, but was " + value);
            }
            this.maxJsonBytes = value;
            return this;
        }

        /**
         * The largest multipart body, in bytes (default 60 MiB; 1 KiB..1 TiB). Keep it a little above the
         * attachment policy's per-request total, so that the policy, not this limit, refuses big files.
         *
         * @param value the value
         * @return this builder
         */
        public Builder maxUploadBytes(long value) {
            if (value < 1024 || value > 1L << 40) {
                throw new IllegalArgumentException(
                        "maxUploadBytes must be between 1024 and 1099511627776, but was " + value);
            }
            this.maxUploadBytes = value;
            return this;
        }

        /**
         * The most files one multipart request may carry (default 20; 1..1,000).
         *
         * @param value the value
         * @return this builder
         */
        public Builder maxFilesPerRequest(int value) {
            if (value < 1 || value > 1000) {
                throw new IllegalArgumentException("maxFilesPerRequest must be between 1 and 1000, but was " + value);
            }
            this.maxFilesPerRequest = value;
            return this;
        }

        /**
         * Where uploaded files wait while the library checks and stores them (deleted right after); the
         * system's temporary directory when not set.
         *
         * @param value the value
         * @return this builder
         */
        public Builder uploadDirectory(Path value) {
            Objects.requireNonNull(value, "uploadDirectory");
            if (!Files.isDirectory(value)) {
                throw new IllegalArgumentException("uploadDirectory must be an existing directory, but was " + value);
            }
            this.uploadDirectory = value;
            return this;
        }

        /**
         * The language of answers to requests that name none and have no actor yet (French by default).
         *
         * @param value the value
         * @return this builder
         */
        public Builder defaultLocale(Locale value) {
            this.defaultLocale = Objects.requireNonNull(value, "defaultLocale");
            return this;
        }

        /**
         * Builds the API.
         *
         * @return the API
         */
        public SupportHttp build() {
            Path uploads = uploadDirectory != null ? uploadDirectory : Path.of(System.getProperty("java.io.tmpdir"));
            return new SupportHttp(new Api.Config(
                    support,
                    actors,
                    feed,
                    directory,
                    basePath,
                    new Call.Limits(maxJsonBytes, maxUploadBytes),
                    uploads,
                    defaultLocale,
                    maxFilesPerRequest));
        }
    }
}

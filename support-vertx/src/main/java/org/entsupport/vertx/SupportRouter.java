package org.entsupport.vertx;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Objects;
import org.entsupport.http.ApiRequest;
import org.entsupport.http.ApiResponse;
import org.entsupport.http.SupportHttp;
import org.entsupport.vertx.internal.RequestBodyStream;
import org.entsupport.vertx.internal.ResponseWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves support-http's API on a Vert.x 5 {@link Router}. Every library call runs on a worker pool, never on
 * an event loop; request bodies stream to the API as it reads them (paused until then, and whenever it falls
 * behind), so a body over the limit is refused before it is read and an upload is never held whole in
 * memory; response bodies (CSV exports, downloads) stream back with the client's pace.
 *
 * <pre>{@code
 * SupportHttp api = SupportHttp.builder(support, request -> request.hostContext()
 *                 .map(ctx -> actorOf(((RoutingContext) ctx).user())))
 *         .feed(NewsFeedSource.of(jdbc.newsFeed()))
 *         .build();
 * Router router = Router.router(vertx);
 * SupportRouter.builder(vertx, api).build().mount(router);     // serves /api/v1/...
 * vertx.createHttpServer().requestHandler(router).listen(8080);
 * }</pre>
 *
 * <p>The {@link RoutingContext} is the request's {@link ApiRequest#hostContext()}: the host's
 * {@link org.entsupport.http.ActorResolver} reads its user or session from it. Do not put a
 * {@code BodyHandler} in front of the API's routes: it would read whole bodies into memory.
 */
public final class SupportRouter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SupportRouter.class);

    private final SupportHttp api;
    private final WorkerExecutor workers;
    private final long idleTimeoutMillis;

    private SupportRouter(Builder b) {
        this.api = b.api;
        this.workers = b.vertx.createSharedWorkerExecutor(b.poolName, b.poolSize);
        this.idleTimeoutMillis = b.idleTimeoutMillis;
    }

    /**
     * Starts building a router binding for {@code api} on {@code vertx}.
     *
     * @param vertx the Vert.x instance
     * @param api the HTTP API to serve
     * @return a new builder
     */
    public static Builder builder(Vertx vertx, SupportHttp api) {
        return new Builder(vertx, api);
    }

    /**
     * Adds the API's routes to {@code router}, under {@link SupportHttp#basePath()}.
     *
     * @param router the router
     */
    public void mount(Router router) {
        router.route(api.basePath() + "/*").handler(handler());
        router.route(api.basePath()).handler(handler());
        LOG.info(
                "support API mounted at {} ({} routes)",
                api.basePath(),
                api.routes().size());
    }

    /**
     * The handler that answers every request under the base path, for hosts that route themselves.
     *
     * @return the handler that answers every request under the base path, for hosts that route themselves
     */
    public Handler<RoutingContext> handler() {
        return this::handle;
    }

    private void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        Context context = Vertx.currentContext();
        if (context == null) {
            ctx.fail(new IllegalStateException("the Support API handler must run on a Vert.x context"));
            return;
        }
        RequestBodyStream body = new RequestBodyStream(request, context, idleTimeoutMillis);
        ApiRequest.Builder b = ApiRequest.builder(request.method().name(), ctx.normalizedPath())
                .rawQuery(request.query())
                .body(body::open)
                .hostContext(ctx);
        for (Map.Entry<String, String> h : request.headers()) {
            b.header(h.getKey(), h.getValue());
        }
        ApiRequest apiRequest = b.build();
        HttpServerResponse response = ctx.response();
        workers.executeBlocking(
                        () -> {
                            respond(apiRequest, body, response, request.connection(), context);
                            return null;
                        },
                        false)
                .onFailure(e -> {
                    LOG.warn("{} failed after its response started: {}", apiRequest, e.toString());
                    if (!response.ended()) {
                        if (response.headWritten()) {
                            response.reset(); // a cut body must not look complete
                        } else {
                            ctx.fail(e);
                        }
                    }
                });
    }

    private void respond(
            ApiRequest request,
            RequestBodyStream body,
            HttpServerResponse response,
            io.vertx.core.http.HttpConnection connection,
            Context context)
            throws java.io.IOException {
        ResponseWriter writer = new ResponseWriter(response, connection, context, idleTimeoutMillis);
        try (ApiResponse r = api.handle(request)) {
            // a body the API did not read to its end (refused on its announced length) is never read
            boolean unread = body.finish();
            writer.head(r.status(), r.headers(), r.hasBody(), unread);
            r.writeBody(writer);
            writer.end(unread);
        }
    }

    /** Stops the worker pool. The router's routes stay; requests then fail. */
    @Override
    public void close() {
        workers.close();
    }

    /** Builds a {@link SupportRouter}. */
    public static final class Builder {
        private final Vertx vertx;
        private final SupportHttp api;
        private String poolName = "support-http";
        private int poolSize = 16;
        private long idleTimeoutMillis = 60_000;

        private Builder(Vertx vertx, SupportHttp api) {
            this.vertx = Objects.requireNonNull(vertx, "vertx");
            this.api = Objects.requireNonNull(api, "api");
        }

        /**
         * The worker pool that runs the library's blocking calls: its name (shared by name) and size (default 16; 1..512).
         *
         * @param name the name
         * @param size the size
         * @return this builder
         */
        public Builder workerPool(String name, int size) {
            Objects.requireNonNull(name, "name");
            if (size < 1 || size > 512) {
                throw new IllegalArgumentException("worker pool size must be between 1 and 512, but was " + size);
            }
            this.poolName = name;
            this.poolSize = size;
            return this;
        }

        /**
         * How long a read or write may wait on the client before the request fails (default 60 s; 1 s..1 h).
         *
         * @param value the value
         * @return this builder
         */
        public Builder idleTimeout(java.time.Duration value) {
            long ms = Objects.requireNonNull(value, "idleTimeout").toMillis();
            if (ms < 1000 || ms > 3_600_000) {
                throw new IllegalArgumentException("idleTimeout must be between PT1S and PT1H, but was " + value);
            }
            this.idleTimeoutMillis = ms;
            return this;
        }

        /**
         * Builds the binding (and its worker pool).
         *
         * @return the binding (and its worker pool)
         */
        public SupportRouter build() {
            return new SupportRouter(this);
        }
    }
}

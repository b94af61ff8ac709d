package org.entsupport.desk.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A JDK HttpServer on 127.0.0.1 that records every request and answers through a handler. */
public final class LoopbackServer implements AutoCloseable {

    /** A recorded request. */
    public record Request(String method, String path, Map<String, List<String>> headers, byte[] body) {
        /** The first value of a header, or null. */
        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }

        /** The body as text. */
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** An answer. */
    public record Answer(int status, Map<String, String> headers, byte[] body) {
        /** A JSON answer. */
        public static Answer json(int status, String json) {
            return new Answer(
                    status, Map.of("Content-Type", "application/json"), json.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Answers a request. */
    @FunctionalInterface
    public interface Handler {
        /** The answer to {@code request}. */
        Answer handle(Request request) throws Exception;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private final String host;

    /** Starts a server on an ephemeral port of 127.0.0.1. */
    public LoopbackServer(Handler handler) throws IOException {
        this("127.0.0.1", handler);
    }

    /**
     * Starts a server on an ephemeral port of another loopback address ({@code 127.0.0.2}...), which
     * stands for another host than 127.0.0.1.
     */
    public LoopbackServer(String loopbackAddress, Handler handler) throws IOException {
        InetAddress address = InetAddress.getByName(loopbackAddress);
        if (!address.isLoopbackAddress()) {
            throw new IllegalArgumentException(loopbackAddress + " is not a loopback address");
        }
        this.host = loopbackAddress;
        server = HttpServer.create(new InetSocketAddress(address, 0), 0);
        server.createContext("/", exchange -> serve(exchange, handler));
        server.setExecutor(executor);
        server.start();
    }

    private void serve(HttpExchange exchange, Handler handler) throws IOException {
        try (exchange) {
            Request request = new Request(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().toString(),
                    Map.copyOf(exchange.getRequestHeaders()),
                    exchange.getRequestBody().readAllBytes());
            requests.add(request);
            Answer answer;
            try {
                answer = handler.handle(request);
            } catch (Exception e) {
                answer = Answer.json(500, "{\"error\":\"" + e.getClass().getSimpleName() + "\"}");
            }
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
            if (answer.body().length > 0) {
                exchange.getResponseBody().write(answer.body());
            }
        }
    }

    /** The base URL, {@code http://127.0.0.1:PORT}. */
    public String url() {
        return "http://" + host + ":" + server.getAddress().getPort();
    }

    /** Every request so far. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}

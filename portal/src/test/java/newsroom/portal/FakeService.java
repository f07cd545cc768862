package newsroom.portal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A stand-in for one of the services: canned JSON answers by method and path, every request recorded, and switches
 * for "answers 503" and "answers too slowly" to see how the portal degrades.
 */
final class FakeService implements AutoCloseable {

    record Reply(int status, String contentType, String body) {
        static Reply json(String body) {
            return new Reply(200, "application/json", body);
        }

        static Reply status(int status) {
            return new Reply(status, "application/problem+json", "{\"status\":" + status + ",\"detail\":\"fake\"}");
        }
    }

    /** {@code query} is decoded; {@code rawQuery} as sent. */
    record Request(String method, String path, String query, Map<String, List<String>> headers, String body,
            String rawQuery) {
        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().isEmpty() ? null : e.getValue().get(0);
                }
            }
            return null;
        }
    }

    private final HttpServer server;
    private final Map<String, Function<Request, Reply>> routes = new ConcurrentHashMap<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile Reply override;
    private volatile Duration delay = Duration.ZERO;
    /** Held responses wait on this until their delay is over or the test resets the fake. */
    private volatile CountDownLatch release = new CountDownLatch(1);

    FakeService() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    FakeService on(String method, String path, Reply reply) {
        routes.put(method + " " + path, request -> reply);
        return this;
    }

    FakeService on(String method, String path, Function<Request, Reply> handler) {
        routes.put(method + " " + path, handler);
        return this;
    }

    void down() {
        override = Reply.status(503);
    }

    void slow(Duration by) {
        delay = by;
    }

    void reset() {
        routes.clear();
        requests.clear();
        override = null;
        delay = Duration.ZERO;
        release.countDown();
        release = new CountDownLatch(1);
    }

    long count(String method, String path) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).count();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getQuery(), Map.copyOf(exchange.getRequestHeaders()), body,
                exchange.getRequestURI().getRawQuery());
        requests.add(request);
        if (!delay.isZero()) {
            try {
                release.await(delay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Reply reply = override;
        if (reply == null) {
            Function<Request, Reply> route = routes.get(request.method() + " " + request.path());
            reply = route == null ? Reply.status(404) : route.apply(request);
        }
        byte[] bytes = reply.body() == null ? new byte[0] : reply.body().getBytes(StandardCharsets.UTF_8);
        if (reply.contentType() != null) {
            exchange.getResponseHeaders().set("Content-Type", reply.contentType() + ";charset=UTF-8");
        }
        try {
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (IOException clientGone) {
            // the portal gave up waiting (read timeout): nothing to answer
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

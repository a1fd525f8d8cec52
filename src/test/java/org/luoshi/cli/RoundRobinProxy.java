package org.luoshi.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What an nginx {@code upstream} in front of the nodes does, and no more: each request to the next
 * node in turn, a node that refuses the connection skipped, a read cut off mid-way tried on the next
 * node, a write cut off mid-way answered 502 and not retried (it may have been applied). The node that answered is named in {@code X-Upstream},
 * as nginx's {@code $upstream_addr} would be logged.
 */
final class RoundRobinProxy implements AutoCloseable {

    static final String UPSTREAM = "X-Upstream";
    // hop-by-hop headers, and those the JDK client sets itself
    private static final Set<String> NOT_FORWARDED = Set.of(
            "connection",
            "keep-alive",
            "proxy-connection",
            "transfer-encoding",
            "te",
            "trailer",
            "upgrade",
            "host",
            "content-length",
            "expect");

    private final List<String> nodes;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicInteger next = new AtomicInteger();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    RoundRobinProxy(int port, List<String> nodes) throws IOException {
        this.nodes = List.copyOf(nodes);
        this.server = HttpServer.create(new InetSocketAddress("localhost", port), 64);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    String base() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            URI uri = exchange.getRequestURI();
            String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            boolean idempotent = Set.of("GET", "HEAD").contains(exchange.getRequestMethod());
            int first = next.getAndIncrement();
            for (int i = 0; i < nodes.size(); i++) {
                int n = Math.floorMod(first + i, nodes.size());
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(nodes.get(n) + target))
                        .timeout(Duration.ofSeconds(60))
                        .method(
                                exchange.getRequestMethod(),
                                body.length == 0
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofByteArray(body));
                exchange.getRequestHeaders().forEach((name, values) -> {
                    if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                        values.forEach(v -> request.header(name, v));
                    }
                });
                HttpResponse<byte[]> response;
                try {
                    response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                } catch (ConnectException | HttpConnectTimeoutException e) {
                    continue; // this node is down: the next one
                } catch (IOException e) {
                    if (idempotent) {
                        continue; // as proxy_next_upstream does for a request that may be repeated
                    }
                    answer(exchange, 502, "upstream cut off: " + e.getMessage());
                    return;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                response.headers().map().forEach((name, values) -> {
                    String lower = name.toLowerCase(Locale.ROOT);
                    if (NOT_FORWARDED.contains(lower) || lower.startsWith(":")) {
                        return;
                    }
                    for (String v : values) {
                        // what nginx's proxy_redirect default does: the node's own address becomes ours
                        exchange.getResponseHeaders()
                                .add(name, lower.equals("location") ? v.replace(nodes.get(n), base()) : v);
                    }
                });
                exchange.getResponseHeaders().set(UPSTREAM, Integer.toString(n));
                byte[] out = response.body();
                boolean empty = out.length == 0
                        || exchange.getRequestMethod().equals("HEAD")
                        || response.statusCode() == 204
                        || response.statusCode() == 304;
                exchange.sendResponseHeaders(response.statusCode(), empty ? -1 : out.length);
                if (!empty) {
                    exchange.getResponseBody().write(out);
                }
                return;
            }
            answer(exchange, 502, "no node answered");
        }
    }

    private static void answer(HttpExchange exchange, int status, String text) throws IOException {
        byte[] out = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, out.length);
        exchange.getResponseBody().write(out);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}

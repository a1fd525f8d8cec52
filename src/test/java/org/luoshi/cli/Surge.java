package org.luoshi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** A server's API spoken to from outside, and a surge of comments whose acknowledged texts are remembered. */
final class Surge {

    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Reply(int status, String body, String retryAfter, long millis) {}

    private Surge() {}

    /** Comments written as fast as the server takes them, each acknowledged text remembered. */
    static final class Writers {
        final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        final List<String> odd = new CopyOnWriteArrayList<>();
        private final List<Throwable> failures = new CopyOnWriteArrayList<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong next = new AtomicLong();
        private final ExecutorService pool;
        private final String base;
        private final String token;
        private final long item;
        private final String mark;
        private final int threads;
        private final Set<Integer> expected;

        Writers(String base, String token, long item, String mark, int threads, Set<Integer> expected) {
            this.expected = expected;
            this.base = base;
            this.token = token;
            this.item = item;
            this.mark = mark;
            this.threads = threads;
            this.pool = Executors.newFixedThreadPool(threads);
        }

        void start() {
            for (int i = 0; i < threads; i++) {
                pool.submit(() -> {
                    while (running.get()) {
                        String text = mark + "-" + next.incrementAndGet() + "号";
                        try {
                            Reply r = send(
                                    base + "/api/v1/items/" + item + "/comment", token, "{\"text\":\"" + text + "\"}");
                            statuses.computeIfAbsent(r.status(), s -> new AtomicInteger())
                                    .incrementAndGet();
                            if (!expected.contains(r.status())) {
                                odd.add(r.status() + " " + r.body());
                            }
                            if (r.status() == 200) {
                                acknowledged.add(text);
                            }
                        } catch (IOException e) {
                            // the server went away mid-request: not acknowledged, so nothing is owed
                        } catch (InterruptedException e) {
                            return;
                        } catch (RuntimeException e) {
                            failures.add(e);
                        }
                    }
                });
            }
        }

        void runFor(Duration d) throws InterruptedException {
            start();
            Thread.sleep(d.toMillis());
        }

        void stop() throws InterruptedException {
            running.set(false);
            pool.shutdown();
            pool.awaitTermination(60, TimeUnit.SECONDS);
            assertThat(failures).isEmpty();
        }
    }

    static Reply send(String url, String token, String json) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
        if (json != null) {
            b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        }
        long started = System.nanoTime();
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(
                r.statusCode(),
                r.body(),
                r.headers().firstValue("Retry-After").orElse(null),
                (System.nanoTime() - started) / 1_000_000);
    }

    /** The answer once the platform has settled after an outage (a cut connection may still surface once). */
    static String settled(String url, String token) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        Reply r = send(url, token, null);
        while (r.status() == 503 && Instant.now().isBefore(deadline)) {
            Thread.sleep(1_000);
            r = send(url, token, null);
        }
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    /** The supervisor's token once the demo city has loaded. */
    static String token(String base, String password) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (true) {
            HttpResponse<String> r = HTTP.send(
                    HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/token"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"username\":\"supervisor\",\"password\":\"" + password + "\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                return r.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
            }
            assertThat(Instant.now()).as("a token within two minutes").isBefore(deadline);
            Thread.sleep(500);
        }
    }

    static long firstItem(String base, String token) throws IOException, InterruptedException {
        String body = send(base + "/api/v1/items?size=1&status=IN_PROGRESS", token, null)
                .body();
        return Long.parseLong(body.replaceAll("(?s).*?\"id\":(\\d+).*", "$1"));
    }
}

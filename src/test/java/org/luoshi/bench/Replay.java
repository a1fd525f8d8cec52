package org.luoshi.bench;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The bare SQL of one endpoint, replayed in short turns between the loaded ones: one connection runs
 * the captured requests one after another, and as many connections as there are leaders run them at
 * once. Every connection is opened and warmed before the first turn, so a turn measures the SQL and
 * not a new backend filling its catalog caches.
 */
final class Replay implements AutoCloseable {

    private final List<SqlCapture.Request> requests;
    private final Connection single;
    private final List<Connection> several = new ArrayList<>();
    private final List<Long> oneAtATime = new ArrayList<>();
    private final List<Long> atOnce = Collections.synchronizedList(new ArrayList<>());
    private int next; // one at a time goes on where its last turn stopped, so the turns cover every request
    private int turn;

    Replay(Server s, List<SqlCapture.Request> requests, int users) throws Exception {
        this.requests = requests;
        single = warm(s.database());
        for (int u = 0; u < users; u++) {
            several.add(warm(s.database()));
        }
    }

    private Connection warm(Connection db) throws Exception {
        for (SqlCapture.Request request : requests) {
            SqlCapture.replay(db, request);
        }
        return db;
    }

    /** Replays on the one connection for {@code budget}, and at least {@code least} requests. */
    void oneAtATime(Duration budget, int least) throws Exception {
        long end = System.nanoTime() + budget.toNanos();
        for (int n = 0; n < least || System.nanoTime() < end; n++) {
            oneAtATime.add(SqlCapture.replay(single, requests.get(next++ % requests.size())));
        }
    }

    /**
     * Replays on every connection at once for {@code budget}, and at least {@code least} requests on
     * each; each connection starts at another request, and each turn shifts where they start.
     */
    void atOnce(Duration budget, int least) throws InterruptedException {
        long end = System.nanoTime() + budget.toNanos();
        int users = several.size();
        List<Thread> threads = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            Connection db = several.get(u);
            int offset = u * requests.size() / users + turn;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    for (int n = 0; n < least || System.nanoTime() < end; n++) {
                        atOnce.add(SqlCapture.replay(db, requests.get((offset + n) % requests.size())));
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        turn++;
    }

    double oneAtATimeMs(int percentile) {
        return percentile(oneAtATime, percentile);
    }

    double atOnceMs(int percentile) {
        return percentile(atOnce, percentile);
    }

    /** Statements per request, on average. */
    double statements() {
        return requests.stream().mapToInt(q -> q.statements().size()).average().orElse(0);
    }

    static double percentile(List<Long> nanos, int p) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return sorted.get(Math.max(0, (int) Math.ceil(sorted.size() * p / 100.0) - 1)) / 1e6;
    }

    @Override
    public void close() throws Exception {
        single.close();
        for (Connection db : several) {
            db.close();
        }
    }
}

package org.luoshi.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Two ways of loading a server. A closed loop (users who wait for their page, then ask again)
 * gives a capacity; a constant rate (requests sent on a timetable, whether or not the last one has
 * answered) gives latencies without coordinated omission: each is measured from the moment it was
 * due to be sent, so a stall counts against every request it delays.
 */
final class Load {

    private Load() {}

    /** Latencies in microseconds, how many answered 2xx and how many did not, over how long. */
    record Result(Histogram latency, long ok, long errors, double seconds) {

        double perSecond() {
            return ok / seconds;
        }

        double ms(double percentile) {
            return latency.getTotalCount() == 0 ? Double.NaN : latency.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    /** One request: returns the HTTP status. */
    interface Call {
        int call(int user, long seq) throws Exception;
    }

    static Result closedLoop(int users, Duration duration, Call call) throws InterruptedException {
        Recorder recorder = new Recorder(3);
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int u = 0; u < users; u++) {
                int user = u;
                pool.submit(() -> {
                    long seq = 0;
                    while (System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        count(call, user, seq++, ok, errors);
                        recorder.recordValue(Math.max(1, (System.nanoTime() - t0) / 1000));
                    }
                    return null;
                });
            }
        }
        return new Result(recorder.getIntervalHistogram(), ok.get(), errors.get(), (System.nanoTime() - start) / 1e9);
    }

    /**
     * Sends {@code perSecond} requests a second for {@code duration}, spread over {@code users}
     * (request i goes to user i mod users), each on its own virtual thread; waits for the last.
     */
    static Result constantRate(double perSecond, int users, Duration duration, Call call) throws InterruptedException {
        Recorder recorder = new Recorder(3);
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long interval = (long) (1e9 / perSecond);
        long start = System.nanoTime();
        long total = (long) (duration.toNanos() / (double) interval);
        List<Future<?>> sent = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long i = 0; i < total; i++) {
                long due = start + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                long seq = i;
                sent.add(pool.submit(() -> {
                    count(call, (int) (seq % users), seq / users, ok, errors);
                    recorder.recordValue(Math.max(1, (System.nanoTime() - due) / 1000));
                    return null;
                }));
            }
        }
        return new Result(recorder.getIntervalHistogram(), ok.get(), errors.get(), (System.nanoTime() - start) / 1e9);
    }

    private static void count(Call call, int user, long seq, AtomicLong ok, AtomicLong errors) {
        try {
            int status = call.call(user, seq);
            (status >= 200 && status < 300 ? ok : errors).incrementAndGet();
        } catch (Exception e) {
            errors.incrementAndGet();
        }
    }

    /** Runs {@code tasks} on {@code threads} at once and returns their results in order. */
    static <T> List<T> parallel(int threads, List<Callable<T>> tasks) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<T> out = new ArrayList<>();
            for (Future<T> f : pool.invokeAll(tasks)) {
                out.add(f.get());
            }
            return out;
        }
    }
}

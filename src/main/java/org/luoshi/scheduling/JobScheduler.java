package org.luoshi.scheduling;

import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Runs the jobs. Every node ticks; on each tick it tries to take the lease of each job that is due,
 * with one conditional update, so a job runs on one node at a time and a node that dies mid-run
 * only holds it until its lease ends.
 */
@Service
public class JobScheduler {

    private static final Logger log = LoggerFactory.getLogger(JobScheduler.class);
    static final int MAX_RESULT = 2_000;

    private final JdbcClient jdbc;
    private final Map<String, Job> jobs;
    private final boolean enabled;
    private final String node;
    private final ExecutorService runner = Executors.newVirtualThreadPerTaskExecutor();

    JobScheduler(JdbcClient jdbc, List<Job> jobs, @Value("${luoshi.jobs.enabled:true}") boolean enabled, Node node) {
        this.jdbc = jdbc;
        this.jobs = jobs.stream().collect(Collectors.toMap(Job::name, Function.identity()));
        this.enabled = enabled;
        this.node = node.name();
    }

    /** Registers the jobs this build has, keeping an administrator's enable/disable choice. */
    @EventListener(ContextRefreshedEvent.class)
    void register() {
        for (Job job : jobs.values()) {
            jdbc.sql("""
                            INSERT INTO scheduled_job (name, description, interval_seconds, next_run_at)
                            VALUES (:name, :description, :interval, now() + make_interval(secs => 30))
                            ON CONFLICT (name) DO UPDATE SET description = EXCLUDED.description,
                                                             interval_seconds = EXCLUDED.interval_seconds
                            """)
                    .param("name", job.name())
                    .param("description", job.description())
                    .param("interval", (int) job.interval().toSeconds())
                    .update();
        }
    }

    @Scheduled(fixedDelayString = "${luoshi.jobs.tick:PT10S}", initialDelayString = "PT15S")
    void tick() {
        if (enabled) {
            runDue();
        }
    }

    /**
     * Starts every due job whose lease this node gets, each on a thread of its own, so that a long
     * run (a province's bulletins) does not hold back the others (reminders every 30 s); returns
     * how many started.
     */
    public int runDue() {
        int ran = 0;
        for (Job job : jobs.values()) {
            if (claim(job, false)) {
                runner.submit(() -> execute(job));
                ran++;
            }
        }
        return ran;
    }

    @PreDestroy
    void stop() {
        // a job cut off here rolls back; its lease runs out and another node or the next start runs it
        runner.shutdownNow();
    }

    /** Runs one job now if no node is running it ("立即运行"); false when another node holds it. */
    public boolean runNow(String name) {
        Job job = jobs.get(name);
        if (job == null || !claim(job, true)) {
            return false;
        }
        execute(job);
        return true;
    }

    public List<JobRun> list() {
        return jdbc.sql("SELECT * FROM scheduled_job ORDER BY name")
                .query(JobRun.class)
                .list();
    }

    public void setEnabled(String name, boolean on) {
        jdbc.sql("UPDATE scheduled_job SET enabled = :on WHERE name = :n")
                .param("on", on)
                .param("n", name)
                .update();
    }

    public String node() {
        return node;
    }

    private boolean claim(Job job, boolean now) {
        // the lease outlasts a normal run; a crashed node's lease simply runs out
        Duration lease = job.interval().multipliedBy(2).plusMinutes(5);
        return jdbc.sql("""
                        UPDATE scheduled_job SET lease_until = now() + make_interval(secs => :lease),
                               last_started_at = now(), last_node = :node
                         WHERE name = :name AND (lease_until IS NULL OR lease_until < now())
                           AND (:now OR (enabled AND next_run_at <= now()))
                        """)
                        .param("lease", (double) lease.toSeconds())
                        .param("node", node)
                        .param("name", job.name())
                        .param("now", now)
                        .update()
                == 1;
    }

    private void execute(Job job) {
        String status = "OK";
        String result;
        try {
            result = job.run();
        } catch (RuntimeException e) {
            status = "FAILED";
            result = e.getClass().getSimpleName() + ": " + e.getMessage();
            log.warn("定时任务 {} 运行失败：{}", job.name(), result, e);
        }
        jdbc.sql("""
                        UPDATE scheduled_job SET lease_until = NULL, last_finished_at = now(), last_status = :status,
                               last_result = :result, runs = runs + 1,
                               failures = failures + CASE WHEN :status = 'FAILED' THEN 1 ELSE 0 END,
                               next_run_at = now() + make_interval(secs => interval_seconds)
                         WHERE name = :name
                        """)
                .param("status", status)
                .param(
                        "result",
                        result == null ? null : result.length() > MAX_RESULT ? result.substring(0, MAX_RESULT) : result)
                .param("name", job.name())
                .update();
    }
}

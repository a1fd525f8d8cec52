package org.luoshi.progress;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** The pace of one item from its facts: run for every open item of a province each morning (bench/run). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PaceBenchmark {

    private final PacePolicy policy = new PacePolicy(10, 25);
    private final PacePolicy.Facts reported = new PacePolicy.Facts(
            LocalDate.of(2026, 1, 1),
            LocalDate.of(2026, 12, 31),
            LocalDate.of(2026, 11, 30),
            false,
            List.of(),
            0,
            0,
            62.5,
            false);
    private final PacePolicy.Facts milestones = new PacePolicy.Facts(
            LocalDate.of(2026, 3, 1),
            LocalDate.of(2027, 6, 30),
            LocalDate.of(2026, 11, 30),
            false,
            List.of(),
            3,
            8,
            null,
            true);

    @Benchmark
    public Pace fromReportedPercent() {
        return policy.assess(reported);
    }

    @Benchmark
    public Pace fromMilestones() {
        return policy.assess(milestones);
    }
}

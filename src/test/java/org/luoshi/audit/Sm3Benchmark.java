package org.luoshi.audit;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Hashing one audit record into the SM3 chain: the chainer's cost per row (bench/run). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class Sm3Benchmark {

    private final String record = "41|2026-11-30T08:15:02Z|g4739|127.0.0.1|progress.submitted|SUCCESS|report|9912|"
            + "修改并报送2026年11月进展，完成43%".repeat(8);

    @Benchmark
    public String chainOneRecord() {
        return Sm3.hex(record);
    }
}

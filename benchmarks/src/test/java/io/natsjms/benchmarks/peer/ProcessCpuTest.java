package io.natsjms.benchmarks.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProcessCpuTest {

    @Test
    void addsUserAndSystemTicksCountedAfterTheCommandName() {
        // a command name with blanks and a ')' must not shift the fields
        String stat = "4242 (my (odd) srv) S 1 4242 4242 0 -1 4194560 2318 0 0 0 731 269 0 0 20 0 9 0 1000 0 0\n";

        assertThat(ProcessCpu.ticks(stat)).isEqualTo(731 + 269);
    }

    @Test
    void tellsTheJitCompilerThreadsByTheirTruncatedNames() {
        assertThat(ProcessCpu.command("31 (C2 CompilerThre) S 1 2")).isEqualTo("C2 CompilerThre");
        assertThat(ProcessCpu.isCompiler("C2 CompilerThre")).isTrue();
        assertThat(ProcessCpu.isCompiler("C1 CompilerThre")).isTrue();
        assertThat(ProcessCpu.isCompiler("natsjms-engine-")).isFalse();
        assertThat(ProcessCpu.isCompiler("GC Thread#0")).isFalse();
        assertThatThrownBy(() -> ProcessCpu.command("31 C2 S 1")).hasMessageContaining("(expected: pid (comm)");
    }

    @Test
    void cpuTimeRefusesMoreCompilerTimeThanInAll() {
        assertThat(new CpuTime(10, 4).since(new CpuTime(6, 1))).isEqualTo(new CpuTime(4, 3));
        // a compiler thread with 3 ns ended in between: its time stays in the total only
        assertThat(new CpuTime(10, 2).since(new CpuTime(6, 3))).isEqualTo(new CpuTime(4, 0));
        assertThatThrownBy(() -> new CpuTime(5, 6))
                .hasMessage("cpu time: total 5, compiler 6 (expected: 0 <= compiler <= total)");
    }

    @Test
    void refusesALineWithoutTheFields() {
        assertThatThrownBy(() -> ProcessCpu.ticks("4242 (srv) S 1 2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/proc stat: \"4242 (srv) S 1 2\"");
        assertThatThrownBy(() -> ProcessCpu.ticks("4242 (srv) S 1 2 3 4 5 6 7 8 9 10 x 6"))
                .hasMessageContaining("utime and stime as integers");
    }

    @Test
    void countsAtLeastTheCpuTimeThisJvmBurns() throws Exception {
        ProcessCpu cpu = ProcessCpu.ofThisMachine();
        long pid = ProcessHandle.current().pid();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long before = cpu.nanos(pid);
        long busyUntil = os.getProcessCpuTime() + TimeUnit.MILLISECONDS.toNanos(300);
        long sink = 0;
        while (os.getProcessCpuTime() < busyUntil) {
            sink += Long.numberOfTrailingZeros(sink + System.nanoTime());
        }
        long spent = cpu.nanos(pid) - before;

        assertThat(sink).isNotNegative();
        // the 300 ms burnt, less a few 10 ms ticks of rounding; other threads (GC, JIT) may add more
        assertThat(spent).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(250));
        assertThat(cpu.nanos(Long.MAX_VALUE)).as("a process that is gone").isZero();
        assertThat(cpu.compilerNanos(Long.MAX_VALUE)).as("a process that is gone").isZero();
        // this JVM has compiled something by now (the busy loop at least); its compilers' time is part of the whole
        assertThat(cpu.compilerNanos(pid)).isPositive().isLessThanOrEqualTo(cpu.nanos(pid));
    }
}

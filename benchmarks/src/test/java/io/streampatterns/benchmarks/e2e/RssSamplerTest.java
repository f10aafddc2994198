package io.streampatterns.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RssSamplerTest {

    @Test
    void vmRssIsReadInKib() {
        String status = "Name:\tjava\nVmPeak:\t 9000000 kB\nVmHWM:\t  1400000 kB\nVmRSS:\t  1234567 kB\nThreads:\t90\n";
        assertThat(RssSampler.parseVmRss(status)).hasValue(1_234_567);
        assertThat(RssSampler.parseVmRss("Name:\tzombie\n")).isEmpty();
    }

    @Test
    void cpuTicksAreUserPlusSystemCountedAfterTheCommandName() {
        String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 51234 0 12 0 1500 250 0 0 20 0 90 0 7000 "
                + "9000000000 300000 18446744073709551615 1 1 0 0 0 0 0 4096 17663 0 0 0 17 1 0 0 0 0 0";
        assertThat(RssSampler.parseCpuTicks(stat)).hasValue(1_750);
        assertThat(RssSampler.parseCpuTicks("garbage")).isEmpty();
    }

    @Test
    void thisJvmHasAPeakAndUsesCpu() {
        RssSampler sampler = RssSampler.start(Map.of("self", ProcessHandle.current().pid(), "gone", Long.MAX_VALUE));
        long end = System.nanoTime() + 300_000_000L;
        long spin = 0;
        while (System.nanoTime() < end) {
            spin += Long.toString(spin).length();
        }
        RssSampler.Usage usage = sampler.stop();
        if (Files.exists(Path.of("/proc/self/status"))) {
            assertThat(usage.peakRssMiB()).containsOnlyKeys("self");
            assertThat(usage.peakRssMiB().get("self")).isGreaterThan(10);
            assertThat(usage.cpuCores()).containsOnlyKeys("self");
            assertThat(usage.cpuCores().get("self")).isPositive();
        }
        assertThat(spin).isPositive();
    }
}

package io.streampatterns.benchmarks.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class JmhRunTest {

    @Test
    void forksGetTheHeapJitGcAndModuleFlagsOnly() {
        List<String> flags = JmhRun.forkFlags(List.of("-Xmx2g", "-XX:+UseG1GC", "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "-Dio.netty.tryReflectionSetAccessible=true", "-Dkafka.broker.libs=/x", "-agentlib:jdwp=transport=dt_socket",
                "-Dfile.encoding=UTF-8"));
        assertThat(flags).containsExactly("-Xmx2g", "-XX:+UseG1GC", "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "-Dio.netty.tryReflectionSetAccessible=true");
    }

    @Test
    void everyBenchmarkIsListed() {
        for (String name : JmhRun.BENCHMARKS) {
            assertThat(TransformBenchmarks.class.getDeclaredMethods()).anySatisfy(m -> assertThat(m.getName()).isEqualTo(name));
        }
    }
}

package io.streampatterns.benchmarks.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JfrProfileTest {

    @Test
    void sharesAreTheLargestFirst() {
        Map<String, Double> shares = JfrProfile.shares(Map.of("a", 1L, "b", 6L, "c", 3L), 10);
        assertThat(shares.keySet()).containsExactly("b", "c", "a");
        assertThat(shares.get("b")).isEqualTo(0.6);
    }

    @Test
    void namesAreFolded() {
        assertThat(JfrProfile.simplify("org.apache.spark.sql.catalyst.expressions.GeneratedClass$GeneratedIteratorForCodegenStage1"))
                .isEqualTo("GeneratedClass(whole-stage codegen)");
        assertThat(JfrProfile.packageOf("org.apache.kafka.clients.consumer.KafkaConsumer")).isEqualTo("org.apache.kafka.clients");
        assertThat(JfrProfile.packageOf("com.fasterxml.jackson.core.json.UTF8StreamJsonParser")).isEqualTo("com.fasterxml.jackson");
        assertThat(JfrProfile.packageOf("Top")).isEqualTo("Top");
        assertThat(JfrProfile.threadGroup("Executor task launch worker for task 3.0 in stage 12.0 (TID 42)"))
                .isEqualTo("Spark task threads");
        assertThat(JfrProfile.threadGroup("stream execution thread for lat_rtm_60s_1000 [id = 1f2e-33, runId = 9a-8b]"))
                .isEqualTo("stream execution thread for lat_rtm_Ns_N");
        assertThat(JfrProfile.threadGroup("kafka-producer-network-thread | producer-12"))
                .isEqualTo("kafka-producer-network-thread | producer-N");
    }

    @Test
    void aSampleCountsForTheMostSpecificComponentOnItsStack() {
        assertThat(JfrProfile.component(List.of("org.apache.spark.unsafe.types.UTF8String",
                "com.fasterxml.jackson.core.json.UTF8StreamJsonParser",
                "org.apache.spark.sql.catalyst.expressions.GeneratedClass$GeneratedIteratorForCodegenStage1",
                "org.apache.spark.executor.Executor$TaskRunner"))).isEqualTo("JSON parsing");
        assertThat(JfrProfile.component(List.of("org.apache.parquet.column.values.dictionary.DictionaryValuesWriter",
                "org.apache.spark.sql.delta.files.DelayedCommitProtocol"))).isEqualTo("Parquet encoding and writing");
        assertThat(JfrProfile.component(List.of("java.util.regex.Pattern$Slice", "scala.util.matching.Regex",
                "org.apache.spark.sql.catalyst.expressions.codegen.CodeFormatter$",
                "org.apache.spark.sql.execution.WholeStageCodegenExec"))).isEqualTo("code generation and compilation");
        assertThat(JfrProfile.component(List.of("org.apache.spark.unsafe.types.UTF8String",
                "org.apache.spark.sql.catalyst.expressions.codegen.UnsafeRowWriter",
                "org.apache.spark.sql.delta.files.DeltaFileFormatWriter$", "org.apache.spark.scheduler.ResultTask",
                "org.apache.spark.scheduler.Task")))
                .isEqualTo("row processing (generated code, UnsafeRow)");
        assertThat(JfrProfile.component(List.of("org.apache.spark.unsafe.types.UTF8String",
                "org.apache.spark.sql.delta.stats.DeltaTaskStatisticsTracker")))
                .isEqualTo("Delta per-row statistics (data skipping)");
        assertThat(JfrProfile.component(List.of("java.lang.Thread"))).isEqualTo("other");
    }

    @Test
    void aRecordingOfThisJvmIsSummarized(@TempDir Path dir) {
        JfrProfile profile = JfrProfile.start(dir.resolve("test.jfr"));
        long sum = 0;
        long end = System.nanoTime() + 300_000_000L;
        while (System.nanoTime() < end) {
            sum += Long.toString(sum).hashCode();
        }
        JfrProfile.Summary summary = profile.stop();
        assertThat(Files.exists(dir.resolve("test.jfr"))).isTrue();
        assertThat(summary.file()).endsWith("test.jfr");
        assertThat(summary.topMethods().size()).isLessThanOrEqualTo(12);
        assertThat(sum).isNotZero();
    }
}

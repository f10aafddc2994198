package io.streampatterns.benchmarks.e2e;

import io.streampatterns.benchmarks.BenchSettings;
import io.streampatterns.harness.data.EventGenerator;
import io.streampatterns.harness.delta.DeltaWorkspace;
import io.streampatterns.harness.kafka.KafkaCluster;
import io.streampatterns.harness.kafka.KafkaEndpoint;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/** What every end-to-end run shares: the Kafka, the Spark session, the folders and the settings. */
public record BenchEnvironment(KafkaEndpoint kafka, String kafkaDescription, SparkSession spark,
                               DeltaWorkspace workspace, EventGenerator events, String prefix,
                               Optional<Path> clientPropertiesFile, Path output, BenchSettings settings,
                               PrintStream out) {
    /** Every topic has this many partitions: as many as local[2] has task slots (Real-Time Mode needs one per partition). */
    public static final int PARTITIONS = 2;

    public String topic(String name) {
        return prefix + "_" + name;
    }

    /** This run's topic for {@code name}, created. */
    public String newTopic(String name) {
        String topic = topic(name);
        kafka.createTopic(topic, PARTITIONS);
        return topic;
    }

    /**
     * An input topic whose records carry the broker's append time as timestamp, so a latency can be
     * split at the broker; only on brokers the harness started (an external cluster keeps its defaults).
     */
    public String newInputTopic(String name) {
        String topic = topic(name);
        if (kafka instanceof KafkaCluster cluster) {
            cluster.createTopic(topic, PARTITIONS, Map.of("message.timestamp.type", "LogAppendTime"));
        } else {
            kafka.createTopic(topic, PARTITIONS);
        }
        return topic;
    }

    /** The processes whose memory a run reports: the given driver and every broker the harness runs. */
    public Map<String, Long> processes(String driverLabel, long driverPid) {
        Map<String, Long> pids = new LinkedHashMap<>();
        pids.put(driverLabel, driverPid);
        if (kafka instanceof KafkaCluster cluster) {
            for (int id : cluster.nodeIds()) {
                if (cluster.isRunning(id)) {
                    pids.put("broker-" + id, cluster.pid(id));
                }
            }
        }
        return pids;
    }

    /** This JVM: the Spark driver (local mode: executors too). */
    public static long self() {
        return ProcessHandle.current().pid();
    }
}

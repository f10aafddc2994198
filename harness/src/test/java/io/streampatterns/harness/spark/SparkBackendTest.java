package io.streampatterns.harness.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which backend the environment asks for, and the values it refuses before anything starts. */
class SparkBackendTest {

    /** Purpose: local[n] stays the default. Pass: no variable, or SPARK_CLUSTER=local, gives local[2]. */
    @Test
    void localByDefault() {
        SparkBackend unset = SparkBackend.choose(Map.of(), null);
        assertThat(unset.isCluster()).isFalse();
        assertThat(unset.master(SparkParallelism.DEFAULT)).isEqualTo("local[2]");
        assertThat(SparkBackend.choose(Map.of("SPARK_CLUSTER", "local"), null).isCluster()).isFalse();
        assertThat(unset.asJvmFlags()).isEmpty();
    }

    /** Purpose: an existing cluster is used as given. Pass: its URL whatever the slots; nothing passed to children. */
    @Test
    void anExistingClusterByItsUrl() {
        SparkBackend external = SparkBackend.choose(Map.of("SPARK_MASTER_URL", "spark://spark-master:7077"), null);
        assertThat(external.isCluster()).isTrue();
        assertThat(external.master(new SparkParallelism(3, 3))).isEqualTo("spark://spark-master:7077");
        assertThat(external.asJvmFlags()).as("children read SPARK_MASTER_URL themselves").isEmpty();
    }

    /** Purpose: a child joins the cluster its parent started. Pass: the inherited master wins over the environment. */
    @Test
    void aChildJoinsItsParentsCluster() {
        SparkBackend child = SparkBackend.choose(Map.of("SPARK_CLUSTER", "standalone"), "spark://127.0.0.1:20001");
        assertThat(child.master(SparkParallelism.DEFAULT)).isEqualTo("spark://127.0.0.1:20001");
        assertThat(child.asJvmFlags()).containsExactly("-Dstreampatterns.spark.master=spark://127.0.0.1:20001");
    }

    /** Purpose: a typo fails before a broker or a JVM starts. Pass: each refusal names the variable and what it takes. */
    @Test
    void refusesWhatItCannotRunOn() {
        assertThatThrownBy(() -> SparkBackend.choose(Map.of("SPARK_CLUSTER", "yarn"), null))
                .hasMessage("SPARK_CLUSTER: expected local or standalone, got 'yarn'");
        assertThatThrownBy(() -> SparkBackend.choose(Map.of("SPARK_MASTER_URL", "local[4]"), null))
                .hasMessage("SPARK_MASTER_URL: expected a standalone master's URL, spark://host:port, got 'local[4]'");
        assertThatThrownBy(() -> SparkBackend.choose(Map.of("SPARK_MASTER_URL", "k8s://https://api:6443"), null))
                .hasMessageStartingWith("SPARK_MASTER_URL: expected a standalone master's URL");
    }
}

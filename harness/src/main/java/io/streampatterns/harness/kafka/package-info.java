/**
 * Real Kafka brokers for tests: {@link io.streampatterns.harness.kafka.KafkaCluster} starts one or
 * three combined broker+controller KRaft nodes, each in its own child JVM, on free loopback ports.
 *
 * <p>Why child JVMs: the broker (Kafka 4.x) needs its own kafka-clients, while the harness and Spark
 * use kafka-clients 3.9.2. Keeping the broker in a separate process keeps the two versions apart, and
 * it lets chaos tests kill, stop, pause and restart a node exactly as an operator would.
 *
 * <p>The broker's jars come from the {@code kafka-broker} module ({@link
 * io.streampatterns.harness.kafka.BrokerLibraries}).
 */
package io.streampatterns.harness.kafka;

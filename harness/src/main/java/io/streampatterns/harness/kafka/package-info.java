/**
 * Real Kafka brokers for tests, and the one client layer every Kafka the harness uses goes through.
 *
 * <p>{@link io.streampatterns.harness.kafka.KafkaCluster} starts one or three combined
 * broker+controller KRaft nodes, each in its own child JVM, on free loopback ports. It is a façade:
 * {@code ClusterStartup} writes the configuration ({@code ServerProperties}, {@code TlsMaterial}),
 * formats storage and launches and waits for the nodes ({@code SaslSslSetup} finishes a SASL_SSL
 * listener); {@code ClusterNodes} and {@code BrokerNode} are node control (kill, stop, pause,
 * resume, log tails); {@code KafkaClients} is the admin and client layer that
 * {@link io.streampatterns.harness.kafka.ExternalKafka}, a cluster the harness did not start, uses
 * as well. Both are a {@link io.streampatterns.harness.kafka.KafkaEndpoint}, which is all checks see.
 *
 * <p>Why child JVMs: the broker (Kafka 4.x) needs its own kafka-clients, while the harness and Spark
 * use kafka-clients 3.9.2. Keeping the broker in a separate process keeps the two versions apart, and
 * it lets chaos tests kill, stop, pause and restart a node exactly as an operator would.
 *
 * <p>The broker's jars come from the {@code kafka-broker} module ({@link
 * io.streampatterns.harness.kafka.BrokerLibraries}).
 */
package io.streampatterns.harness.kafka;

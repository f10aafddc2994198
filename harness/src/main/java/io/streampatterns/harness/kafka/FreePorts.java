package io.streampatterns.harness.kafka;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks free loopback ports below the kernel's ephemeral range.
 *
 * <p>Why not port 0: a node keeps its ports across a restart, and while it is down an ephemeral port
 * may be handed to some client's outgoing connection, so the restarted node could not bind again.
 * Ports below {@code ip_local_port_range} are never assigned to outgoing connections.
 */
public final class FreePorts {

    private static final int LOWEST = 20_000;
    /** Ports handed out by this JVM, so two clusters of one test run never get the same one. */
    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private FreePorts() {
    }

    /**
     * @param count how many distinct ports
     * @return ports that were free (bindable on 127.0.0.1) a moment ago
     */
    public static synchronized List<Integer> allocate(int count) {
        int highest = ephemeralLow() - 1;
        List<Integer> ports = new ArrayList<>();
        for (int attempts = 0; ports.size() < count; attempts++) {
            if (attempts > 10_000) {
                throw new KafkaClusterException("no free loopback ports between " + LOWEST + " and " + highest);
            }
            int port = ThreadLocalRandom.current().nextInt(LOWEST, highest + 1);
            if (!HANDED_OUT.contains(port) && isFree(port)) {
                HANDED_OUT.add(port);
                ports.add(port);
            }
        }
        return ports;
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getByName(NodeAddress.HOST), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Lower bound of Linux's ephemeral port range, 32768 where it cannot be read. */
    static int ephemeralLow() {
        Path range = Paths.get("/proc/sys/net/ipv4/ip_local_port_range");
        try {
            String[] parts = Files.readString(range, StandardCharsets.US_ASCII).trim().split("\\s+");
            int low = Integer.parseInt(parts[0]);
            return low > LOWEST + 1_000 ? low : 32_768;
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }
}

package io.streampatterns.harness.delta;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A temporary folder for a test's Delta tables and checkpoints, deleted on close (and on JVM exit
 * if a test dies first). Every name gets its own table and checkpoint folder.
 */
public final class DeltaWorkspace implements AutoCloseable {
    private final Path root;

    private DeltaWorkspace(Path root) {
        this.root = root;
    }

    public static DeltaWorkspace create() {
        try {
            Path root = Files.createTempDirectory("streampatterns-delta-");
            DeltaWorkspace workspace = new DeltaWorkspace(root);
            Runtime.getRuntime().addShutdownHook(new Thread(workspace::deleteQuietly, "delete " + root));
            return workspace;
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a Delta workspace", e);
        }
    }

    /**
     * A workspace another process created, for a child JVM that works in its parent's folders;
     * deleting it stays the creator's job.
     */
    public static DeltaWorkspace existing(Path root) {
        return new DeltaWorkspace(root);
    }

    public Path root() {
        return root;
    }

    /** Where the table {@code name} lives. */
    public String tablePath(String name) {
        return root.resolve("tables").resolve(name).toString();
    }

    /** The checkpoint folder of the pipeline {@code name}. */
    public String checkpointPath(String name) {
        return root.resolve("checkpoints").resolve(name).toString();
    }

    @Override
    public void close() {
        deleteQuietly();
    }

    private void deleteQuietly() {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // Best effort: the OS's temp cleaning removes what is left.
        }
    }
}

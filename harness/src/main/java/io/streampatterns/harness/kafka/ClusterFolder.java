package io.streampatterns.harness.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A cluster's temporary folder, locked by its owner for as long as the cluster lives.
 *
 * <p>Why the lock: when the test JVM is killed with SIGKILL, its brokers halt by themselves
 * ({@link ParentWatchdog}) but nothing can delete the folder. The operating system releases the lock
 * when its owner dies, so the next cluster can tell an abandoned folder (lock free) from one that
 * another test JVM is using right now (lock held) and delete only the abandoned ones.
 */
final class ClusterFolder implements AutoCloseable {

    /** Name prefix of every cluster folder in the temporary directory. */
    static final String PREFIX = "streampatterns-kafka-";
    /** The lock file inside each folder. */
    static final String LOCK_FILE = ".owner.lock";
    /** Folders younger than this are never swept, whatever their lock says (creation race). */
    static final Duration MIN_AGE = Duration.ofMinutes(1);

    private final Path path;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private ClusterFolder(Path path, FileChannel lockChannel, FileLock lock) {
        this.path = path;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Creates and locks a new folder in the temporary directory, then deletes abandoned ones.
     *
     * @return the locked folder
     */
    static ClusterFolder create() {
        Path path;
        try {
            path = Files.createTempDirectory(PREFIX);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder for the cluster", e);
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(path.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            ClusterFolder folder = new ClusterFolder(path, channel, channel.lock());
            sweepAbandoned(path.getParent(), MIN_AGE);
            return folder;
        } catch (IOException e) {
            closeQuietly(channel);
            deleteRecursively(path);
            throw new UncheckedIOException("cannot lock " + path, e);
        }
    }

    /** @return the folder */
    Path path() {
        return path;
    }

    /** Releases the lock and deletes the folder. */
    @Override
    public void close() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } catch (IOException ignored) {
            // closing the channel releases it as well
        }
        closeQuietly(lockChannel);
        deleteRecursively(path);
    }

    /**
     * Deletes cluster folders under {@code parent} whose lock file exists, is older than
     * {@code minAge} and is not locked by any process. Folders without a lock file are left alone.
     *
     * @return the deleted folders
     */
    static List<Path> sweepAbandoned(Path parent, Duration minAge) {
        List<Path> deleted = new ArrayList<>();
        Instant youngest = Instant.now().minus(minAge);
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(parent, PREFIX + "*")) {
            for (Path dir : dirs) {
                Path lockFile = dir.resolve(LOCK_FILE);
                if (!Files.isRegularFile(lockFile)
                        || Files.getLastModifiedTime(lockFile).compareTo(FileTime.from(youngest)) > 0) {
                    continue;
                }
                if (deleteIfAbandoned(dir, lockFile)) {
                    deleted.add(dir);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Sweeping is a courtesy; a folder that cannot be inspected is left alone.
        }
        return deleted;
    }

    private static boolean deleteIfAbandoned(Path dir, Path lockFile) {
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock probe = channel.tryLock();
            if (probe == null) {
                return false;
            }
            try {
                deleteRecursively(dir);
                return true;
            } finally {
                if (probe.isValid()) {
                    probe.release();
                }
            }
        } catch (OverlappingFileLockException e) {
            return false; // locked by this very JVM: a live cluster
        } catch (IOException e) {
            return false;
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            List<Path> all = paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList());
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.err.println("KafkaCluster: could not delete " + dir + ": " + e);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}

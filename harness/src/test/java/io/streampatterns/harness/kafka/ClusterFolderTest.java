package io.streampatterns.harness.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks which leftover cluster folders are swept: only abandoned ones, never a live cluster's.
 */
class ClusterFolderTest {

    /**
     * Purpose: a folder left by a killed test JVM (lock file present, no lock held, old) is deleted.
     * How: create such a folder with some content and sweep its parent.
     * Pass: the folder is reported and gone.
     */
    @Test
    void abandonedFolderIsDeleted(@TempDir Path tmp) throws Exception {
        // 1. An abandoned folder
        Path dir = folder(tmp, "streampatterns-kafka-1", true, Duration.ofHours(2));
        Files.createDirectories(dir.resolve("node-1/data"));

        // 2. Sweep
        assertThat(ClusterFolder.sweepAbandoned(tmp, ClusterFolder.MIN_AGE)).containsExactly(dir);
        assertThat(dir).doesNotExist();
    }

    /**
     * Purpose: a live cluster's folder is never touched.
     * How: hold the folder's lock (as its owner does) and sweep.
     * Pass: nothing is deleted.
     */
    @Test
    void lockedFolderIsKept(@TempDir Path tmp) throws Exception {
        // 1. A folder whose lock is held
        Path dir = folder(tmp, "streampatterns-kafka-2", true, Duration.ofHours(2));
        try (FileChannel channel = FileChannel.open(dir.resolve(ClusterFolder.LOCK_FILE), StandardOpenOption.WRITE)) {
            FileLock lock = channel.lock();
            // 2. Sweep while it is held
            assertThat(ClusterFolder.sweepAbandoned(tmp, ClusterFolder.MIN_AGE)).isEmpty();
            lock.release();
        }
        assertThat(dir).isDirectory();
    }

    /**
     * Purpose: folders that may be someone else's are left alone: no lock file, a young lock file,
     * or a name without the cluster prefix.
     * How: create one of each and sweep.
     * Pass: nothing is deleted.
     */
    @Test
    void foldersThatMayBeInUseAreKept(@TempDir Path tmp) throws Exception {
        // 1. Candidates that must survive
        Path noLock = folder(tmp, "streampatterns-kafka-3", false, Duration.ofHours(2));
        Path young = folder(tmp, "streampatterns-kafka-4", true, Duration.ZERO);
        Path other = folder(tmp, "something-else", true, Duration.ofHours(2));

        // 2. Sweep
        assertThat(ClusterFolder.sweepAbandoned(tmp, ClusterFolder.MIN_AGE)).isEmpty();
        assertThat(noLock).isDirectory();
        assertThat(young).isDirectory();
        assertThat(other).isDirectory();
    }

    /**
     * Purpose: a folder made by {@link ClusterFolder#create()} is locked until closed, then removed.
     * How: create one, sweep with no minimum age, close it.
     * Pass: the sweep keeps it; close deletes it.
     */
    @Test
    void createdFolderIsLockedUntilClosed() {
        // 1. Create
        ClusterFolder folder = ClusterFolder.create();
        try {
            // 2. A sweep keeps it
            assertThat(ClusterFolder.sweepAbandoned(folder.path().getParent(), Duration.ZERO))
                    .doesNotContain(folder.path());
            assertThat(folder.path()).isDirectory();
        } finally {
            // 3. Close deletes it
            folder.close();
        }
        assertThat(folder.path()).doesNotExist();
    }

    private static Path folder(Path parent, String name, boolean withLock, Duration age) throws Exception {
        Path dir = Files.createDirectories(parent.resolve(name));
        if (withLock) {
            Path lock = Files.createFile(dir.resolve(ClusterFolder.LOCK_FILE));
            Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minus(age)));
        }
        return dir;
    }
}

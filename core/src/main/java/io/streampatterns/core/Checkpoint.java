package io.streampatterns.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A pipeline's checkpoint folder: where Spark records the offsets each micro-batch read and which
 * batches were committed. It is what makes a restart resume instead of starting over, so it must
 * belong to exactly one pipeline.
 *
 * <p>Read through Hadoop's file system API, so a checkpoint on object storage works as a local one.
 */
public final class Checkpoint {
    private static final Pattern BATCH_FILE = Pattern.compile("\\d+");
    private static final String APP_ID_FILE = "streampatterns/txn-app-id";
    /** The query id in Spark's {@code metadata} file, e.g. {@code {"id":"5c2e…"}}. */
    private static final Pattern QUERY_ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    private final Path root;
    private final Configuration hadoopConf;

    private Checkpoint(Path root, Configuration hadoopConf) {
        this.root = root;
        this.hadoopConf = hadoopConf;
    }

    public static Checkpoint at(String location, Configuration hadoopConf) {
        return new Checkpoint(new Path(location), hadoopConf);
    }

    /** The location as given, for Spark's {@code checkpointLocation} option. */
    public String location() {
        return root.toString();
    }

    /**
     * The highest micro-batch id whose offsets this checkpoint holds: when present, a query started
     * on it resumes from there and ignores {@code startingOffsets}.
     */
    public Optional<Long> latestPlannedBatch() {
        return latestBatchIn("offsets");
    }

    /**
     * The highest micro-batch id this checkpoint records as committed (its output written). A
     * planned batch above it was interrupted: a restart runs it again.
     */
    public Optional<Long> latestCommittedBatch() {
        return latestBatchIn("commits");
    }

    /**
     * The id of the query that runs on this checkpoint: Spark writes it to the {@code metadata} file
     * at the query's first start and keeps it across restarts; empty before the first start.
     */
    public Optional<String> queryId() {
        Path file = new Path(root, "metadata");
        try {
            FileSystem fs = file.getFileSystem(hadoopConf);
            if (!fs.exists(file)) {
                return Optional.empty();
            }
            try (FSDataInputStream in = fs.open(file)) {
                Matcher id = QUERY_ID.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                return id.find() ? Optional.of(id.group(1)) : Optional.empty();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the checkpoint's metadata at " + file, e);
        }
    }

    /**
     * A session setting as Spark recorded it with the latest planned batch, e.g.
     * {@code spark.sql.shuffle.partitions}. Spark writes a few settings into each offsets file and,
     * on restart, uses the recorded value over the session's: the number of shuffle partitions (and
     * with it the layout of the state store) is fixed by the checkpoint's first batch. Empty before
     * the first batch or for a setting not recorded.
     */
    public Optional<String> recordedSetting(String name) {
        Optional<Long> batch = latestPlannedBatch();
        if (batch.isEmpty()) {
            return Optional.empty();
        }
        Path file = new Path(new Path(root, "offsets"), Long.toString(batch.get()));
        try (FSDataInputStream in = file.getFileSystem(hadoopConf).open(file)) {
            Matcher value = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"")
                    .matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return value.find() ? Optional.of(value.group(1)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the checkpoint's offsets at " + file, e);
        }
    }

    /**
     * What the latest committed batch read up to: one offsets document per source, in Spark's form
     * (a Kafka source's is {@code {"topic":{"0":42}}}, the next offset to read in each partition);
     * a source without offsets is left out. Empty before the first commit. Everything before these
     * offsets is processed and written; a batch planned after them is not.
     */
    public java.util.List<String> committedSourceOffsets() {
        Optional<Long> batch = latestCommittedBatch();
        if (batch.isEmpty()) {
            return java.util.List.of();
        }
        Path file = new Path(new Path(root, "offsets"), Long.toString(batch.get()));
        try (FSDataInputStream in = file.getFileSystem(hadoopConf).open(file)) {
            // Spark's offsets log: a version line, the batch's metadata, then one line per source.
            java.util.List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            return lines.stream().skip(2).map(String::strip).filter(line -> line.startsWith("{")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the checkpoint's offsets at " + file, e);
        }
    }

    private Optional<Long> latestBatchIn(String log) {
        Path offsets = new Path(root, log);
        try {
            FileSystem fs = offsets.getFileSystem(hadoopConf);
            if (!fs.exists(offsets)) {
                return Optional.empty();
            }
            long latest = -1;
            for (FileStatus status : fs.listStatus(offsets)) {
                String name = status.getPath().getName();
                if (BATCH_FILE.matcher(name).matches()) {
                    latest = Math.max(latest, Long.parseLong(name));
                }
            }
            return latest < 0 ? Optional.empty() : Optional.of(latest);
        } catch (IOException e) {
            throw new UncheckedIOException("could not list the checkpoint's " + log + " at " + offsets, e);
        }
    }

    /**
     * An id for idempotent writes (Delta's {@code txnAppId}) that lives as long as this checkpoint.
     *
     * <p>Batch ids restart at 0 in a new checkpoint; were the app id reused, Delta would take batch 0
     * of the new run for one it had already written and silently skip it. Keeping a random id inside
     * the checkpoint makes a new checkpoint mean a new id.
     */
    public String transactionAppId() {
        Path file = new Path(root, APP_ID_FILE);
        try {
            FileSystem fs = file.getFileSystem(hadoopConf);
            if (fs.exists(file)) {
                try (FSDataInputStream in = fs.open(file)) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
                }
            }
            String id = UUID.randomUUID().toString();
            try (FSDataOutputStream out = fs.create(file, false)) {
                out.write(id.getBytes(StandardCharsets.UTF_8));
            }
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or create the transaction app id at " + file, e);
        }
    }

    @Override
    public String toString() {
        return location();
    }
}

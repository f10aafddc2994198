package io.streampatterns.harness.spark;

import java.util.List;

/**
 * How wide the local SparkSession of a JVM is: its task slots ({@code local[n]}) and
 * {@code spark.sql.shuffle.partitions}. A JVM gets the default unless started with the system
 * properties {@link #asJvmFlags()} writes, which is how a check restarts a pipeline on other
 * parallelism: one SparkContext per JVM, so other parallelism means another JVM.
 *
 * @param taskSlots the session's task slots, at least 1
 * @param shufflePartitions partitions of a shuffle (joins, aggregations), at least 1
 */
public record SparkParallelism(int taskSlots, int shufflePartitions) {
    static final String TASK_SLOTS = "streampatterns.spark.taskSlots";
    static final String SHUFFLE_PARTITIONS = "streampatterns.spark.shufflePartitions";

    /** The kit's default on a 2-core machine: 2 slots, 2 shuffle partitions. */
    public static final SparkParallelism DEFAULT = new SparkParallelism(2, 2);

    public SparkParallelism {
        if (taskSlots < 1 || shufflePartitions < 1) {
            throw new IllegalArgumentException("expected at least 1 task slot and 1 shuffle partition, got "
                    + taskSlots + " and " + shufflePartitions);
        }
    }

    /** This JVM's: from the system properties when set, else {@link #DEFAULT}. */
    public static SparkParallelism ofThisJvm() {
        return new SparkParallelism(Integer.getInteger(TASK_SLOTS, DEFAULT.taskSlots),
                Integer.getInteger(SHUFFLE_PARTITIONS, DEFAULT.shufflePartitions));
    }

    /** The flags that give a child JVM this parallelism. */
    public List<String> asJvmFlags() {
        return List.of("-D" + TASK_SLOTS + "=" + taskSlots, "-D" + SHUFFLE_PARTITIONS + "=" + shufflePartitions);
    }

    /** Spark's master URL for it: {@code local[n]}. */
    public String localMaster() {
        return "local[" + taskSlots + "]";
    }

    @Override
    public String toString() {
        return taskSlots + (taskSlots == 1 ? " task slot, " : " task slots, ") + shufflePartitions + " shuffle partitions";
    }
}

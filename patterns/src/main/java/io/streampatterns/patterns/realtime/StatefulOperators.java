package io.streampatterns.patterns.realtime;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.planning.ExtractEquiJoinKeys$;
import org.apache.spark.sql.catalyst.plans.logical.BROADCAST$;
import org.apache.spark.sql.catalyst.plans.logical.Join;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.ResolvedHint;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Finds, in a streaming query's analyzed plan, the operators that Spark 4.2's Real-Time Mode does
 * not run, before the query starts.
 *
 * <p>Spark's own check works on the physical plan of the first batch and names physical operators
 * ({@code StateStoreSaveExec}, {@code SortMergeJoinExec}); its allowlist is stateless operators
 * (project, filter, explode, union, typed map functions, watermarks) and broadcast hash joins with
 * a static side. Here the logical plan is read instead, which exists before start, and each
 * refusal says which DataFrame operation caused it. Only the streaming path is inspected: the
 * static side of a join is computed once and broadcast, as Spark's check also treats it.
 *
 * <p>A stream-static join runs only as a broadcast hash join, so it is refused when Spark could not
 * plan one: without an equality condition (a nested-loop join), with a join type that cannot
 * broadcast the static side (full outer, or an outer join that keeps the static side), or with a
 * static side estimated above {@code spark.sql.autoBroadcastJoinThreshold} and no
 * {@code broadcast(...)} hint (a sort-merge join). The estimate is the analyzed plan's, before
 * column pruning, so a static side just above the threshold may be refused where Spark would have
 * broadcast it; a {@code broadcast()} hint settles it either way.
 */
final class StatefulOperators {
    private static final String REFUSED = " which Real-Time Mode in Spark 4.2 does not run (it runs stateless"
            + " operators and broadcast stream-static joins only); expected a stateless query, or a micro-batch trigger";

    /** Logical operators by node name, and what the user wrote to get them. */
    private static final Map<String, String> NOT_RUN = Map.ofEntries(
            Map.entry("Aggregate", "an aggregation (groupBy/agg, count, or a window(...) grouping) keeps state,"),
            Map.entry("Deduplicate", "dropDuplicates/distinct keeps state,"),
            Map.entry("DeduplicateWithinWatermark", "dropDuplicatesWithinWatermark keeps state,"),
            Map.entry("Distinct", "distinct() keeps state,"),
            Map.entry("FlatMapGroupsWithState", "mapGroupsWithState/flatMapGroupsWithState keeps state,"),
            Map.entry("TransformWithState", "transformWithState keeps state,"),
            Map.entry("TransformWithStateInPySpark", "transformWithStateInPandas keeps state,"),
            Map.entry("FlatMapGroupsInPandasWithState", "applyInPandasWithState keeps state,"),
            Map.entry("MapGroups", "groupByKey(...).mapGroups groups records (a shuffle),"),
            Map.entry("FlatMapGroupsInPandas", "groupBy(...).applyInPandas groups records (a shuffle),"),
            Map.entry("FlatMapGroupsInArrow", "groupBy(...).applyInArrow groups records (a shuffle),"),
            Map.entry("CoGroup", "cogroup groups records of two inputs (a shuffle),"),
            Map.entry("FlatMapCoGroupsInPandas", "cogroup(...).applyInPandas groups records (a shuffle),"),
            Map.entry("Window", "a window function (over(Window...)) needs all rows of a partition,"),
            Map.entry("WindowGroupLimit", "a window function (over(Window...)) needs all rows of a partition,"),
            Map.entry("GlobalLimit", "limit(...) keeps a count as state,"),
            Map.entry("LocalLimit", "limit(...) keeps a count as state,"),
            Map.entry("Offset", "offset(...) keeps a count as state,"),
            Map.entry("Tail", "tail(...) needs the end of the stream,"),
            Map.entry("Sort", "orderBy/sort needs all rows,"),
            Map.entry("Intersect", "intersect keeps state,"),
            Map.entry("Except", "except/subtract keeps state,"),
            Map.entry("Repartition", "repartition/coalesce moves records between tasks (a shuffle),"),
            Map.entry("RepartitionByExpression", "repartition(...) moves records between tasks (a shuffle),"),
            Map.entry("RebalancePartitions", "a rebalance moves records between tasks (a shuffle),"),
            Map.entry("Sample", "sample(...) is an operator outside the allowlist,"));

    private static final Set<String> BROADCAST_RIGHT = Set.of("INNER", "CROSS", "LEFT OUTER", "LEFT SEMI", "LEFT ANTI");
    private static final Set<String> BROADCAST_LEFT = Set.of("INNER", "CROSS", "RIGHT OUTER");

    private StatefulOperators() {
    }

    /** One problem per kind of operator found, in plan order. */
    static List<String> problems(LogicalPlan analyzed, SparkSession spark) {
        Set<String> problems = new LinkedHashSet<>();
        walk(analyzed, broadcastThreshold(spark), problems);
        return new ArrayList<>(problems);
    }

    private static void walk(LogicalPlan node, long threshold, Set<String> problems) {
        if (!node.isStreaming()) {
            return;
        }
        String what = NOT_RUN.get(node.nodeName());
        if (what != null) {
            problems.add("operators: " + what + REFUSED);
        }
        if (node instanceof Join join) {
            joinProblem(join, threshold).ifPresent(problems::add);
        }
        for (LogicalPlan child : CollectionConverters.asJava(node.children())) {
            walk(child, threshold, problems);
        }
    }

    private static java.util.Optional<String> joinProblem(Join join, long threshold) {
        boolean leftStreams = join.left().isStreaming();
        boolean rightStreams = join.right().isStreaming();
        String type = join.joinType().sql();
        if (leftStreams && rightStreams) {
            return java.util.Optional.of("operators: a stream-stream join (" + type.toLowerCase(java.util.Locale.ROOT)
                    + ") keeps both streams as state," + REFUSED);
        }
        LogicalPlan staticSide = leftStreams ? join.right() : join.left();
        Set<String> broadcastable = leftStreams ? BROADCAST_RIGHT : BROADCAST_LEFT;
        String prefix = "operators: a stream-static " + type.toLowerCase(java.util.Locale.ROOT) + " join ";
        if (!broadcastable.contains(type)) {
            return java.util.Optional.of(prefix + "cannot broadcast its static side (the "
                    + (leftStreams ? "right" : "left") + " one), and Real-Time Mode runs stream-static joins only"
                    + " as broadcast hash joins; expected an inner join, or an outer, semi or anti join that keeps"
                    + " the streaming side");
        }
        if (ExtractEquiJoinKeys$.MODULE$.unapply(join).isEmpty()) {
            return java.util.Optional.of(prefix + "has no equality condition, so Spark would plan a nested-loop"
                    + " join, which Real-Time Mode does not run; expected a join on equal keys");
        }
        if (!hintedBroadcast(staticSide)) {
            BigInteger size = staticSide.stats().sizeInBytes().bigInteger();
            if (threshold < 0 || size.compareTo(BigInteger.valueOf(threshold)) > 0) {
                return java.util.Optional.of(prefix + "has a static side estimated at " + size + " bytes, over"
                        + " spark.sql.autoBroadcastJoinThreshold (" + threshold + "), so Spark would plan a"
                        + " sort-merge join, which Real-Time Mode does not run; expected broadcast(staticSide) if it"
                        + " fits in memory, or a micro-batch trigger");
            }
        }
        return java.util.Optional.empty();
    }

    /** Whether the static side's top carries a {@code broadcast(...)} hint. */
    private static boolean hintedBroadcast(LogicalPlan plan) {
        LogicalPlan node = plan;
        while (true) {
            if (node instanceof ResolvedHint hint && hint.hints().strategy().isDefined()
                    && hint.hints().strategy().get() == BROADCAST$.MODULE$) {
                return true;
            }
            List<LogicalPlan> children = CollectionConverters.asJava(node.children());
            if (children.size() != 1) {
                return false;
            }
            node = children.get(0);
        }
    }

    /** {@code spark.sql.autoBroadcastJoinThreshold} in bytes; negative when broadcasting by size is off. */
    static long broadcastThreshold(SparkSession spark) {
        String value = spark.conf().get("spark.sql.autoBroadcastJoinThreshold", "10MB").trim();
        if (value.startsWith("-")) {
            return -1;
        }
        return org.apache.spark.network.util.JavaUtils.byteStringAsBytes(value);
    }
}

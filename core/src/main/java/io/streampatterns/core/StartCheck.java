package io.streampatterns.core;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A condition on a pipeline that can only be judged at start: it needs the SparkSession (a session
 * setting, how many task slots the application has), the query's plan (what the transforms
 * actually do), or a broker (how many partitions a topic has).
 *
 * <p>{@link Pipeline#start(SparkSession)} runs every check added with
 * {@link Pipeline.Builder#startCheck(StartCheck)} once the plan is built and before the query
 * starts, and throws one {@link InvalidPipelineException} listing every problem they found; no query
 * has started then.
 */
@FunctionalInterface
public interface StartCheck {

    /**
     * @param pipeline the pipeline about to start
     * @param plan the streaming DataFrame its sink is about to write (source and transforms applied)
     * @param spark the session it is about to start in
     * @return problems, each naming the cause and what was expected; empty when the query may start
     */
    List<String> problems(Pipeline pipeline, Dataset<Row> plan, SparkSession spark);
}

package io.streampatterns.jobs.run;

import io.streampatterns.jobs.config.PipelineConfig;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * The job's SparkSession: Delta's extension and catalog, then the configuration's {@code spark.*}
 * settings over them. Under {@code spark-submit} the master and the rest come from the submission;
 * {@code master} (the command's {@code --master}, else {@code spark.master}) is for running locally.
 */
final class JobSession {
    private JobSession() {
    }

    static SparkSession start(PipelineConfig config, Optional<String> master) {
        SparkSession.Builder builder = SparkSession.builder().appName(config.get("name").orElse("streampatterns"))
                .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
        config.sparkSettings().forEach(builder::config);
        master.or(() -> config.get("spark.master")).ifPresent(builder::master);
        return builder.getOrCreate();
    }
}

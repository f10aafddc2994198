package io.streampatterns.jobs.config;

import java.util.List;

/** The patterns a configuration's {@code pattern} key can name, as the conformance report names them. */
public final class PatternNames {
    public static final List<String> ALL = List.of("bronze", "enrichment", "realtime", "metrics", "schema-validation",
            "schema-validation-realtime", "routing", "avro", "secured");
    /** The patterns that run only in Real-Time Mode: without a {@code trigger} key, they still do. */
    public static final List<String> REAL_TIME_ONLY = List.of("realtime", "schema-validation-realtime");

    private PatternNames() {
    }
}

package io.streampatterns.jobs.config;

import java.util.List;

/** The patterns a configuration's {@code pattern} key can name, as the conformance report names them. */
public final class PatternNames {
    public static final List<String> ALL = List.of("bronze", "enrichment", "realtime", "metrics", "schema-validation",
            "schema-validation-realtime", "routing", "avro", "secured");

    private PatternNames() {
    }
}

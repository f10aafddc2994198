package io.streampatterns.jobs.lint;

import io.streampatterns.jobs.config.PipelineConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * What a rule may need beyond its own configuration: the other configurations linted with it (two
 * pipelines sharing a checkpoint), the input topic's partition count, and a place for notes on what
 * could not be checked (a broker out of reach), which are said but do not fail the lint.
 */
public final class LintContext {
    private final List<PipelineConfig> all;
    private final PartitionCounter partitions;
    private final List<String> notes = new ArrayList<>();

    public LintContext(List<PipelineConfig> all, PartitionCounter partitions) {
        this.all = List.copyOf(all);
        this.partitions = partitions;
    }

    /** Every configuration of this lint, this one included. */
    public List<PipelineConfig> all() {
        return all;
    }

    public PartitionCounter partitions() {
        return partitions;
    }

    /** Says what could not be checked, and why. */
    public void note(PipelineConfig config, String note) {
        notes.add(config.file() + ": " + note);
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }
}

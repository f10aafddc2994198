package io.streampatterns.patterns;

import io.streampatterns.core.Capability;
import io.streampatterns.core.Pipeline;
import io.streampatterns.core.StreamingPattern;
import java.util.Set;

/**
 * A pattern as its builder made it: the checked pipeline, and the capabilities that its
 * configuration gives and its design adds ({@link Capability#of}). Each pattern adds its own
 * accessors and, where its sink's is not the one it promises, its delivery guarantee.
 */
public abstract class BuiltPattern implements StreamingPattern {
    private final Pipeline pipeline;
    private final Set<Capability> capabilities;

    /** @param intrinsic what the pattern's design gives, whatever its configuration */
    protected BuiltPattern(Pipeline pipeline, Capability... intrinsic) {
        this.pipeline = pipeline;
        this.capabilities = Capability.of(pipeline, intrinsic);
    }

    @Override
    public final Pipeline pipeline() {
        return pipeline;
    }

    @Override
    public final Set<Capability> capabilities() {
        return capabilities;
    }
}

package io.streampatterns.harness.driver;

import static org.assertj.core.api.Assertions.assertThat;

import io.streampatterns.core.Capability;
import io.streampatterns.core.Sink.DeliveryGuarantee;
import io.streampatterns.harness.conformance.OutputLocation;
import io.streampatterns.harness.conformance.PipelineUnderTest;
import io.streampatterns.harness.conformance.TestRun;
import java.util.Set;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.Test;

/** A pipeline the crash check cannot start again in a child JVM is refused before any JVM starts, saying why. */
class PipelineClassesTest {

    /** Restartable: public, static, with a public no-argument constructor. */
    public static class Restartable implements PipelineUnderTest {
        @Override
        public DeliveryGuarantee deliveryGuarantee() {
            return DeliveryGuarantee.AT_LEAST_ONCE;
        }

        @Override
        public Set<Capability> capabilities() {
            return Set.of();
        }

        @Override
        public StreamingQuery start(TestRun run) {
            throw new UnsupportedOperationException();
        }

        @Override
        public OutputLocation output(TestRun run) {
            return OutputLocation.deltaTable("/nowhere", "seq");
        }
    }

    /** Not restartable: its only constructor takes an argument. */
    public static class NeedsAnArgument extends Restartable {
        public NeedsAnArgument(String table) {
        }
    }

    @Test
    void aPublicClassWithANoArgumentConstructorIsRestartable() throws Exception {
        assertThat(PipelineClasses.whyNotRestartable(new Restartable())).isEmpty();
        assertThat(PipelineClasses.instantiate(Restartable.class.getName())).isInstanceOf(Restartable.class);
    }

    @Test
    void anAnonymousClassIsRefused() {
        PipelineUnderTest anonymous = new Restartable() { };
        assertThat(PipelineClasses.whyNotRestartable(anonymous)).get().asString()
                .contains("anonymous, local or lambda class");
    }

    @Test
    void aClassWithoutANoArgumentConstructorIsRefused() {
        assertThat(PipelineClasses.whyNotRestartable(new NeedsAnArgument("t"))).get().asString()
                .contains("public no-argument constructor");
    }
}

package io.streampatterns.harness.driver;

import io.streampatterns.harness.conformance.PipelineUnderTest;
import java.lang.reflect.Modifier;

/** Finds a {@link PipelineUnderTest} by class name, as a child driver JVM must. */
public final class PipelineClasses {

    private PipelineClasses() {
    }

    /**
     * Problems that would stop a child JVM from creating {@code pipeline} again, or empty: it must be a
     * public, top-level or static nested class with a public no-argument constructor.
     */
    public static java.util.Optional<String> whyNotRestartable(PipelineUnderTest pipeline) {
        Class<?> type = pipeline.getClass();
        if (type.isAnonymousClass() || type.isLocalClass() || type.isSynthetic()) {
            return java.util.Optional.of(type.getName() + " is an anonymous, local or lambda class; the crash check "
                    + "restarts the pipeline in a child JVM by class name and needs a named public class");
        }
        if (type.isMemberClass() && !Modifier.isStatic(type.getModifiers())) {
            return java.util.Optional.of(type.getName() + " is an inner class; make it static so a child JVM can create it");
        }
        try {
            if (!Modifier.isPublic(type.getConstructor().getModifiers()) || !Modifier.isPublic(type.getModifiers())) {
                throw new NoSuchMethodException();
            }
        } catch (NoSuchMethodException e) {
            return java.util.Optional.of(type.getName() + " needs a public class with a public no-argument constructor: "
                    + "the crash check creates it again in a child JVM");
        }
        return java.util.Optional.empty();
    }

    /** Creates the pipeline named {@code className} with its public no-argument constructor. */
    public static PipelineUnderTest instantiate(String className) throws ReflectiveOperationException {
        Class<?> type = Class.forName(className);
        if (!PipelineUnderTest.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException(className + " does not implement " + PipelineUnderTest.class.getName());
        }
        return (PipelineUnderTest) type.getConstructor().newInstance();
    }
}

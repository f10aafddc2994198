package io.streampatterns.patterns;

/**
 * {@code inputTopic}, the name some patterns gave their input topic before 0.2.0, kept for one
 * release by the builders of those patterns; it goes, with this interface, in the next.
 *
 * @param <B> the pattern's own builder
 */
public interface InputTopicAlias<B> {

    /** See {@link PatternBuilder#topic(String)}. */
    B topic(String topic);

    /**
     * The input topic, as {@link #topic(String)} sets it.
     *
     * @deprecated use {@link #topic(String)}, the name every pattern gives its input topic
     */
    @Deprecated(since = "0.2.0", forRemoval = true)
    default B inputTopic(String topic) {
        return topic(topic);
    }
}

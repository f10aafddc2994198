/**
 * The abstractions every pipeline is made of.
 *
 * <p>A {@link io.streampatterns.core.Pipeline} reads from a {@link io.streampatterns.core.Source},
 * applies {@link io.streampatterns.core.Transform}s, writes to a {@link io.streampatterns.core.Sink}
 * on the cadence of a {@link io.streampatterns.core.TriggerPolicy}, and sends records it cannot
 * process where a {@link io.streampatterns.core.DlqPolicy} says. Every part checks its own
 * configuration; a pipeline with any problem is refused before a query starts.
 */
package io.streampatterns.core;

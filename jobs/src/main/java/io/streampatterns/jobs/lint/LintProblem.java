package io.streampatterns.jobs.lint;

import java.nio.file.Path;

/**
 * One thing wrong with a configuration, before anything starts.
 *
 * @param file the configuration file
 * @param option the key at fault, as written in the file
 * @param message what is wrong and what was expected; never a secret's value
 */
public record LintProblem(Path file, String option, String message) {
    @Override
    public String toString() {
        return file + ": " + option + ": " + message;
    }
}

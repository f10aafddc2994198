package io.streampatterns.jobs.config;

import java.nio.file.Path;

/** A configuration value that cannot be read as what its key needs: names the file, the key and what was expected. */
public final class InvalidConfigException extends RuntimeException {
    private final transient Path file;
    private final String key;
    private final String detail;

    public InvalidConfigException(Path file, String key, String detail) {
        super(file + ": " + key + ": " + detail);
        this.file = file;
        this.key = key;
        this.detail = detail;
    }

    public Path file() {
        return file;
    }

    public String key() {
        return key;
    }

    /** What was expected and what was found, without the file and the key. */
    public String detail() {
        return detail;
    }
}

package io.streampatterns.harness.conformance;

/** The outcome of one check on one pattern. */
public enum CheckStatus {
    PASS, FAIL, NOT_APPLICABLE;

    /** How the status reads in a table cell. */
    public String label() {
        return this == NOT_APPLICABLE ? "N/A" : name();
    }
}

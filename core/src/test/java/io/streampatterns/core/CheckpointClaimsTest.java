package io.streampatterns.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CheckpointClaimsTest {

    /** Two spellings of one local folder are one checkpoint, so a second claim names the first owner. */
    @Test
    void secondClaimOnTheSameFolderNamesTheOwner() {
        String location = "/tmp/claims-test/" + System.nanoTime();
        try {
            assertThat(CheckpointClaims.claim(location, "first")).isEmpty();
            assertThat(CheckpointClaims.claim("file://" + location + "/", "second")).contains("first");
        } finally {
            CheckpointClaims.release(location, "first");
        }
        assertThat(CheckpointClaims.claim(location, "second")).isEmpty();
        CheckpointClaims.release(location, "second");
    }

    @Test
    void remoteUrisAreComparedAsGiven() {
        assertThat(CheckpointClaims.normalize("s3a://bucket/cp/")).isEqualTo("s3a://bucket/cp");
    }
}

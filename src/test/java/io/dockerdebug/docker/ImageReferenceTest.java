package io.dockerdebug.docker;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ImageReferenceTest {
    @ParameterizedTest
    @CsvSource({
            "nicolaka/netshoot, nicolaka/netshoot, latest",
            "nicolaka/netshoot:v0.13, nicolaka/netshoot, v0.13",
            "localhost:5000/tools, localhost:5000/tools, latest",
            "localhost:5000/tools:1, localhost:5000/tools, 1",
            "busybox@sha256:abc, busybox, sha256:abc"})
    void splitsRepositoryFromTagOrDigest(String image, String repo, String tag) {
        ImageReference ref = ImageReference.parse(image);
        assertEquals(repo, ref.repository());
        assertEquals(tag, ref.tagOrDigest());
    }
}

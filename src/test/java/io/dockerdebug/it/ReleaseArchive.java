package io.dockerdebug.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** The release archive that {@code mvn package} made (target/docker-debug-VERSION-PLATFORM.tar.gz), unpacked. */
final class ReleaseArchive {
    private ReleaseArchive() {
    }

    /** Unpacks the archive into {@code into}; returns its top folder (docker-debug-VERSION). */
    static Path unpack(Path into) throws IOException {
        Path archive;
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            List<Path> found = files.filter(p -> p.getFileName().toString().matches("docker-debug-.*-linux-.*\\.tar\\.gz"))
                    .toList();
            if (found.size() != 1) {
                return fail("expected one release archive in target/ (run mvn package first), found " + found);
            }
            archive = found.getFirst();
        }
        Engine.Result r = Engine.run(List.of("tar", "-xzf", archive.toAbsolutePath().toString(), "-C", into.toString()),
                null, 120);
        assertEquals(0, r.exitCode(), "tar: " + r.stderr());
        try (Stream<Path> top = Files.list(into)) {
            return top.findFirst().orElseThrow(() -> new AssertionError("the archive is empty: " + archive));
        }
    }
}

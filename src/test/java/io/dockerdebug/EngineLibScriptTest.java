package io.dockerdebug;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The test scripts name no package mirror: {@code debian_mirror} of scripts/engine-lib.sh finds the
 * system's own Debian archive in its apt sources, one-line and deb822, and nothing where there is none.
 */
class EngineLibScriptTest {
    private static final Path LIB = Path.of("scripts/engine-lib.sh");
    private static final String DEBIAN = "ID=debian\nVERSION_CODENAME=bookworm\n";

    @TempDir
    Path etc;

    @Test
    void oneLineSourcesGiveTheReleasesOwnEntry() throws IOException {
        write("os-release", DEBIAN);
        write("apt/sources.list", """
                # deb http://commented.example/debian bookworm main
                deb [arch=amd64 signed-by=/k.gpg] http://security.example/debian-security bookworm-security main
                deb-src http://source.example/debian bookworm main
                deb [ signed-by=/k.gpg ] http://mirror.example/debian/ bookworm main contrib
                deb http://later.example/debian bookworm main
                """);
        assertEquals("http://mirror.example/debian/", mirror());
    }

    @Test
    void deb822SourcesSkipDisabledStanzasAndComments() throws IOException {
        write("os-release", DEBIAN);
        write("apt/sources.list.d/debian.sources", """
                Types: deb
                URIs: http://disabled.example/debian
                Suites: bookworm
                Components: main
                Enabled: no

                Types: deb
                # http://snapshot.example/archive/debian/20250520T000000Z
                URIs: http://security.example/debian-security
                Suites: bookworm-security
                Components: main

                Types: deb-src deb
                # a comment inside the stanza
                URIs: http://first.example/debian http://second.example/debian
                Suites: bookworm-updates bookworm
                Components: main
                Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
                """);
        assertEquals("http://first.example/debian", mirror());
    }

    @Test
    void noneWithoutAnEntryForTheRelease() throws IOException {
        write("os-release", DEBIAN);
        write("apt/sources.list.d/other.sources", """
                Types: deb
                URIs: http://other.example/debian
                Suites: trixie
                Components: main
                """);
        write("apt/sources.list.d/other.list", "deb http://other.example/debian bookworm-updates main\n");
        assertEquals("", mirror());
    }

    @Test
    void noneOnASystemOtherThanDebian() throws IOException {
        write("os-release", "ID=ubuntu\nVERSION_CODENAME=noble\n");
        write("apt/sources.list", "deb http://archive.example/ubuntu noble main\n");
        assertEquals("", mirror());
    }

    @Test
    void noScriptWritesAMirrorHostIntoAnAptList() throws IOException {
        Pattern aptLineWithHost = Pattern.compile("deb(-src)?\\s+(\\[[^]]*]\\s+)?https?://");
        try (Stream<Path> scripts = Files.list(Path.of("scripts"))) {
            List<String> offenders = scripts.filter(p -> p.toString().endsWith(".sh"))
                    .filter(p -> aptLineWithHost.matcher(read(p)).find()).map(Path::toString).toList();
            assertEquals(List.of(), offenders, "scripts take the mirror from the system's apt sources");
        }
    }

    private void write(String name, String text) throws IOException {
        Path p = etc.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new AssertionError(p + " unreadable", e);
        }
    }

    /** debian_mirror ETC in bash, as the scripts call it (set -euo pipefail); its stdout, stripped. */
    private String mirror() throws IOException {
        assertTrue(Files.isRegularFile(LIB), LIB + " (tests run in the project's directory)");
        Process p = new ProcessBuilder("bash", "-c",
                "set -euo pipefail; log() { :; }; . \"$1\"; debian_mirror \"$2\"", "bash", LIB.toString(), etc.toString())
                .redirectErrorStream(true).start();
        p.getOutputStream().close();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("debian_mirror did not end");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        return out.strip();
    }
}

package io.dockerdebug.it;

import io.dockerdebug.it.Engine.Result;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The .deb that mvn package builds, installed on this machine with dpkg: the launcher on PATH
 * runs a session, the man page and bash completion are where the system looks for them, and
 * purging leaves nothing behind. It owns /usr/bin/docker-debug only while it runs (no other
 * test looks docker-debug up on PATH) and removes the package in any case.
 */
class DebPackageIT {
    private static Path deb() throws IOException {
        Path targetDir = Path.of(Engine.launcher()).getParent().getParent().getParent();
        try (Stream<Path> files = Files.list(targetDir)) {
            List<Path> debs = files.filter(p -> p.getFileName().toString().matches("docker-debug_.*\\.deb")).toList();
            assertEquals(1, debs.size(), "one .deb in " + targetDir + ": " + debs);
            return debs.get(0);
        }
    }

    private static Result sh(String script) {
        return Engine.run(List.of("env", "-i", "PATH=/usr/local/bin:/usr/bin:/bin", "HOME=/root", "sh", "-c", script), null, 120);
    }

    @Test
    void installsRunsAndPurgesWithoutLeftovers() throws IOException {
        if (Engine.run(List.of("dpkg", "-s", "docker-debug"), null, 60).exitCode() == 0) {
            fail("a docker-debug package is installed on this machine already: not replacing it");
        }
        Path deb = deb();
        List<String> files;
        try (RunningTarget target = new RunningTarget(Engine.TARGET).startNow()) {
            try {
                Result install = Engine.run(List.of("dpkg", "-i", deb.toString()), null, 300);
                assertEquals(0, install.exitCode(), install.stdout() + install.stderr());
                files = Engine.run(List.of("dpkg", "-L", "docker-debug"), null, 60).stdout().lines().toList();

                Result version = sh("docker-debug --version");
                assertEquals(0, version.exitCode(), version.stderr());
                assertTrue(version.stdout().startsWith("docker-debug version "), version.stdout());
                assertEquals("/usr/bin/docker-debug\n", sh("command -v docker-debug").stdout());

                Result session = sh("docker-debug -i " + Engine.TOOLBOX + " " + target.id()
                        + " sh -c 'echo from-the-deb; exit 4'");
                assertEquals(4, session.exitCode(), session.stderr());
                assertEquals("from-the-deb\n", session.stdout());

                Result man = sh("man -w docker-debug");
                assertEquals(0, man.exitCode(), man.stderr());
                assertEquals("/usr/share/man/man1/docker-debug.1.gz", man.stdout().trim());

                Result completion = Engine.run(List.of("bash", "-c",
                        ". /usr/share/bash-completion/completions/docker-debug\n"
                                + "COMP_WORDS=(docker-debug comp); COMP_CWORD=1; COMP_LINE='docker-debug comp'; COMP_POINT=17\n"
                                + "COMPREPLY=(); _complete_docker-debug; printf '%s\\n' \"${COMPREPLY[@]}\""), null, 60);
                assertEquals(0, completion.exitCode(), completion.stderr());
                // Subcommands and running containers: other tests' containers may start with "comp" too.
                assertTrue(completion.stdout().lines().toList().contains("completion"), completion.stdout());
                assertTrue(completion.stdout().lines().allMatch(l -> l.startsWith("comp")), completion.stdout());
                assertTrue(Files.isRegularFile(Path.of("/usr/share/zsh/vendor-completions/_docker-debug")));
                assertTrue(Files.isRegularFile(Path.of("/usr/share/fish/vendor_completions.d/docker-debug.fish")));
            } finally {
                Result purge = Engine.run(List.of("dpkg", "-P", "docker-debug"), null, 300);
                assertEquals(0, purge.exitCode(), purge.stdout() + purge.stderr());
                Engine.awaitNoSidecarOf(target.id(), java.time.Duration.ofSeconds(60));
            }
        }
        assertFalse(Files.exists(Path.of("/usr/bin/docker-debug"), LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(Path.of("/usr/lib/docker-debug")));
        assertTrue(files.size() > 10, files.toString());
        for (String f : files) {
            Path p = Path.of(f);
            if (f.contains("docker-debug") || f.contains("docker_debug")) {
                assertFalse(Files.exists(p, LinkOption.NOFOLLOW_LINKS), "left behind: " + f);
            }
        }
        assertFalse(Engine.run(List.of("dpkg", "-s", "docker-debug"), null, 60).exitCode() == 0, "still known to dpkg");
    }
}

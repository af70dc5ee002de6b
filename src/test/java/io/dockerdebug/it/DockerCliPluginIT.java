package io.dockerdebug.it;

import io.dockerdebug.it.Engine.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code docker dbg} through the real docker CLI: installed by {@code docker-debug plugin install}
 * into a private DOCKER_CONFIG (never the user's ~/.docker), listed by {@code docker help}, run
 * with the CLI's global options choosing the engine, exit codes passed through.
 */
class DockerCliPluginIT {
    @RegisterExtension
    static final RunningTarget target = new RunningTarget(Engine.TARGET);
    static Path config;

    @BeforeAll
    static void start() throws IOException {
        config = Files.createTempDirectory("docker-debug-plugin-");
        Result r = withConfig(Engine.launcher(), "plugin", "install");
        assertEquals(0, r.exitCode(), r.stderr());
    }

    @AfterAll
    static void stop() throws IOException {
        // Before the target stops (and takes any sidecar with it): the plugin's sessions left none.
        if (target.started()) {
            Engine.awaitNoSidecarOf(target.id(), java.time.Duration.ofSeconds(60));
        }
        if (config != null) {
            try (Stream<Path> all = Files.walk(config)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** A command with DOCKER_CONFIG and HOME in the private directory. */
    private static Result withConfig(String... command) {
        List<String> all = new ArrayList<>(List.of("env", "DOCKER_CONFIG=" + config, "HOME=" + config));
        all.addAll(List.of(command));
        return Engine.run(all, null, 120);
    }

    private static Result docker(String... args) {
        List<String> all = new ArrayList<>(List.of("docker"));
        all.addAll(List.of(args));
        return withConfig(all.toArray(new String[0]));
    }

    @Test
    void installLinksTheLauncherIntoTheCliPluginDirectory() throws IOException {
        Path link = config.resolve("cli-plugins/docker-dbg");
        assertTrue(Files.isSymbolicLink(link), "no link " + link);
        assertEquals(Path.of(Engine.launcher()).toRealPath(), link.toRealPath());
        try (Stream<Path> files = Files.list(config)) {
            assertEquals(List.of(config.resolve("cli-plugins")), files.toList(), "nothing else is made");
        }
    }

    @Test
    void dockerHelpListsThePluginWithItsDescription() {
        Result r = docker("help");
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().lines().anyMatch(l -> l.trim().startsWith("dbg") && l.contains("debugging shell")),
                r.stdout());
        Result help = docker("dbg", "--help");
        assertEquals(0, help.exitCode(), help.stderr());
        assertTrue(help.stdout().contains("Usage:"), help.stdout());
        assertTrue(help.stdout().contains("--image"), help.stdout());
    }

    @Test
    void aSessionThroughTheDockerCliPassesTheExitCodeThrough() {
        Result r = docker("dbg", "-i", Engine.TOOLBOX, target.id(), "sh", "-c", "echo plugin-ok; exit 3");
        assertEquals(3, r.exitCode(), r.stderr());
        assertEquals("plugin-ok\n", r.stdout());
        Result ps = docker("dbg", "ps");
        assertEquals(0, ps.exitCode(), ps.stderr());
    }

    @Test
    void theCliGlobalHostAndContextChooseTheEngine() {
        Result good = docker("-H", "unix:///var/run/docker.sock", "dbg", "-i", Engine.TOOLBOX, target.id(), "true");
        assertEquals(0, good.exitCode(), good.stderr());
        Result bad = docker("-H", "unix:///nonexistent/dd-plugin-host.sock", "dbg", "-i", Engine.TOOLBOX, target.id(), "true");
        assertEquals(125, bad.exitCode(), bad.stderr());
        assertTrue(bad.stderr().contains("dd-plugin-host.sock"), bad.stderr());

        Result created = docker("context", "create", "dd-plugin-it", "--docker", "host=unix:///nonexistent/dd-plugin-ctx.sock");
        assertEquals(0, created.exitCode(), created.stderr());
        Result byContext = docker("--context", "dd-plugin-it", "dbg", "-i", Engine.TOOLBOX, target.id(), "true");
        assertEquals(125, byContext.exitCode(), byContext.stderr());
        assertTrue(byContext.stderr().contains("dd-plugin-ctx.sock"), byContext.stderr());
        Result byShort = docker("-c", "default", "dbg", "-i", Engine.TOOLBOX, target.id(), "true");
        assertEquals(0, byShort.exitCode(), byShort.stderr());
    }

    @Test
    void aForeignDockerDbgIsLeftAlone() throws IOException {
        Path other = Files.createTempDirectory("docker-debug-plugin-other-");
        try {
            Path plugins = Files.createDirectories(other.resolve("cli-plugins"));
            Path foreign = Files.writeString(plugins.resolve("docker-dbg"), "#!/bin/sh\necho someone else's\n");
            for (String action : List.of("install", "uninstall")) {
                Result r = Engine.run(List.of("env", "DOCKER_CONFIG=" + other, Engine.launcher(), "plugin", action), null, 60);
                assertEquals(125, r.exitCode(), action + ": " + r.stderr());
                assertTrue(r.stderr().contains("left as it is"), r.stderr());
                assertEquals("#!/bin/sh\necho someone else's\n", Files.readString(foreign));
            }
            Files.delete(foreign);
            Result in = Engine.run(List.of("env", "DOCKER_CONFIG=" + other, Engine.launcher(), "plugin", "install"), null, 60);
            assertEquals(0, in.exitCode(), in.stderr());
            Result out = Engine.run(List.of("env", "DOCKER_CONFIG=" + other, Engine.launcher(), "plugin", "uninstall"), null, 60);
            assertEquals(0, out.exitCode(), out.stderr());
            assertFalse(Files.exists(foreign, java.nio.file.LinkOption.NOFOLLOW_LINKS));
        } finally {
            try (Stream<Path> all = Files.walk(other)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}

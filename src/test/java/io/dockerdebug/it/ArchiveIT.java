package io.dockerdebug.it;

import io.dockerdebug.it.Engine.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The release archive that mvn package builds: unpacked somewhere else, it runs with no JDK on
 * PATH or in JAVA_HOME, through a symlink on PATH, and its AOT cache is used there.
 */
class ArchiveIT {
    static Path dir;
    static Path home;
    /** A PATH holding only what the launcher needs: sh, dirname, readlink. No java. */
    static Path tools;

    @BeforeAll
    static void unpack() throws IOException {
        String archive = System.getProperty("docker-debug.archive");
        String name = System.getProperty("docker-debug.dist-name");
        if (archive == null || name == null) {
            fail("system properties docker-debug.archive/dist-name are not set (run through mvn verify)");
        }
        assertTrue(Files.isRegularFile(Path.of(archive)), "no archive " + archive);
        dir = Files.createTempDirectory("docker-debug-archive-");
        Result r = Engine.run(List.of("tar", "-xzf", archive, "-C", dir.toString()), null, 120);
        assertEquals(0, r.exitCode(), r.stderr());
        home = dir.resolve(name);
        tools = Files.createDirectories(dir.resolve("tools"));
        for (String tool : List.of("sh", "dirname", "readlink")) {
            Files.createSymbolicLink(tools.resolve(tool), which(tool));
        }
    }

    @AfterAll
    static void clean() throws IOException {
        if (dir != null) {
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Path which(String tool) {
        for (String d : System.getenv("PATH").split(":")) {
            Path p = Path.of(d, tool);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw new AssertionError(tool + " not on PATH");
    }

    /** Runs with a scrubbed environment: PATH as given, no JAVA_HOME, from the directory {@code cwd}. */
    private static Result runClean(Path cwd, String path, Map<String, String> extra, String... command) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
            Map<String, String> env = pb.environment();
            env.clear();
            env.put("PATH", path);
            env.put("HOME", dir.toString());
            env.putAll(extra);
            Process p = pb.start();
            p.getOutputStream().close();
            var out = p.getInputStream();
            var err = p.getErrorStream();
            var errBytes = new java.util.concurrent.CompletableFuture<byte[]>();
            Thread.ofVirtual().start(() -> {
                try {
                    errBytes.complete(err.readAllBytes());
                } catch (IOException e) {
                    errBytes.completeExceptionally(e);
                }
            });
            byte[] o = out.readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("timed out: " + String.join(" ", command));
            }
            return new Result(p.exitValue(), new String(o, StandardCharsets.UTF_8),
                    new String(errBytes.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8), o);
        } catch (Exception e) {
            throw new AssertionError("running " + List.of(command) + " failed", e);
        }
    }

    @Test
    void unpacksToTheReleaseLayout() {
        for (String d : List.of("bin", "lib", "runtime", "man", "completion")) {
            assertTrue(Files.isDirectory(home.resolve(d)), d + " missing in " + home);
        }
        assertTrue(Files.isExecutable(home.resolve("bin/docker-debug")));
        assertTrue(Files.isExecutable(home.resolve("runtime/bin/java")));
        assertTrue(Files.isExecutable(home.resolve("runtime/lib/jspawnhelper")));
        assertTrue(Files.isRegularFile(home.resolve("lib/docker-debug.aot")));
        assertTrue(Files.isRegularFile(home.resolve("LICENSE")));
        // The user documentation the README moved out of itself (install, engines, security, peers).
        for (String doc : List.of("README.md", "docs/install.md", "docs/engines.md", "docs/security.md", "docs/peers.md")) {
            assertTrue(Files.isRegularFile(home.resolve(doc)), doc + " missing in " + home);
        }
    }

    @Test
    void runsWithNoJdkInstalled() {
        Result r = runClean(dir, tools.toString(), Map.of("DOCKER_DEBUG_JAVA_OPTS", "-XshowSettings:properties"),
                home.resolve("bin/docker-debug").toString(), "--version");
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().startsWith("docker-debug version "), r.stdout());
        // -XshowSettings writes to stderr: the runtime that ran is the bundled one.
        assertTrue(r.stderr().contains("java.home = " + home.resolve("runtime")), r.stderr());
    }

    @Test
    void runsThroughASymlinkOnPathFromAnyDirectory() throws IOException {
        Path onPath = Files.createDirectories(dir.resolve("path-bin"));
        Path elsewhere = Files.createDirectories(dir.resolve("links"));
        // A relative link to an absolute one: both kinds are followed.
        Files.createSymbolicLink(elsewhere.resolve("dd"), home.resolve("bin/docker-debug"));
        Files.createSymbolicLink(onPath.resolve("docker-debug"), Path.of("../links/dd"));
        Path cwd = Files.createDirectories(dir.resolve("some/other/dir"));
        // Found on PATH by the shell (ProcessBuilder would search the test's own PATH).
        Result r = runClean(cwd, onPath + ":" + tools, Map.of(), tools.resolve("sh").toString(), "-c",
                "docker-debug --version");
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().startsWith("docker-debug version "), r.stdout());
        assertEquals("", r.stderr());
    }

    @Test
    void theAotCacheIsUsedWhereTheArchiveWasUnpacked() {
        Result r = runClean(Path.of("/"), tools.toString(),
                Map.of("DOCKER_DEBUG_JAVA_OPTS", "-Xlog:aot -Xlog:class+path=info -Xlog:class+load=info"),
                home.resolve("bin/docker-debug").toString(), "--version");
        assertEquals(0, r.exitCode(), r.stderr());
        String log = r.stdout();
        assertTrue(log.contains("Opened AOT cache " + home.resolve("lib/docker-debug.aot")), log);
        assertFalse(log.contains("Unable to use AOT cache"), log);
        // The training ran with a relative classpath in target/docker-debug; the launcher's is
        // absolute, elsewhere: our own classes still come from the cache, not from the jar.
        assertTrue(log.contains("io.dockerdebug.cli.Main source: shared objects file"), log);
        long shared = log.lines().filter(l -> l.contains("source: shared objects file")).count();
        assertTrue(shared > 1000, "classes from the AOT cache: " + shared);
    }

    @Test
    void shipsTheManPageAndCompletionScripts() throws IOException {
        String man = Files.readString(home.resolve("man/man1/docker-debug.1"));
        assertTrue(man.contains(".TH \"DOCKER\\-DEBUG\" \"1\""), man.lines().limit(20).toList().toString());
        assertTrue(man.contains("detach\\-keys"), "options are listed");
        assertTrue(Files.isRegularFile(home.resolve("man/man1/docker-debug-completion.1")));
        for (String shell : List.of("bash", "zsh", "fish")) {
            String shipped = Files.readString(home.resolve("completion/docker-debug." + shell));
            Result r = runClean(dir, tools.toString(), Map.of(), home.resolve("bin/docker-debug").toString(),
                    "completion", shell);
            assertEquals(0, r.exitCode(), r.stderr());
            assertEquals(r.stdout(), shipped, shell);
        }
    }

    /**
     * The fault tests' failpoints (a deliberate hang) cannot be switched on in a release: no
     * shipped jar holds their hook (testhooks.FailpointHook, a test class), and the property that
     * names a point changes nothing: the session runs to its end.
     */
    @Test
    void failpointsCannotBeSwitchedOnInTheRelease() throws IOException {
        String hook = io.dockerdebug.testhooks.FailpointHook.class.getName().replace('.', '/') + ".class";
        try (Stream<Path> files = Files.walk(home)) {
            for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).toList()) {
                try (var zip = new java.util.zip.ZipFile(jar.toFile())) {
                    assertEquals(null, zip.getEntry(hook), jar.toString());
                    assertFalse(zip.stream().anyMatch(e -> e.getName().startsWith("io/dockerdebug/testhooks/")), jar.toString());
                }
            }
        }
        RunningTarget target = new RunningTarget(Engine.TARGET).startNow();
        String id = target.id();
        try {
            Map<String, String> env = new java.util.HashMap<>(Map.of("PATH", tools.toString(), "HOME", dir.toString(),
                    "DOCKER_DEBUG_JAVA_OPTS", "-Ddocker-debug.failpoint=created"));
            if (System.getenv("DOCKER_HOST") != null) {
                env.put("DOCKER_HOST", System.getenv("DOCKER_HOST"));
            }
            // Bounded: a failpoint that still worked would hang here until the limit.
            Result r = Servers.run(List.of(home.resolve("bin/docker-debug").toString(), "-i", Engine.TOOLBOX, id,
                    "echo", "ran"), env, null, 120);
            assertEquals(0, r.exitCode(), r.stderr());
            assertEquals("ran\n", r.stdout());
            assertFalse(r.stderr().contains("failpoint"), r.stderr());
        } finally {
            for (String sidecar : Engine.sidecarsOf(id)) {
                Engine.run(List.of("docker", "rm", "-f", sidecar), null, 60);
            }
            target.close();
        }
    }
}

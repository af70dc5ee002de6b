package io.dockerdebug.it;

import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The real engine for integration tests: the images that scripts/test-engine.sh builds, targets
 * started through Testcontainers (never pulling), and the docker CLI for checks.
 */
public final class Engine {
    public static final String TOOLBOX = "docker-debug-test/toolbox:latest";
    public static final String TARGET = "docker-debug-test/target:latest";
    public static final String SCRATCH = "docker-debug-test/noshell:latest";
    /** The scratch image, labelled linux/arm64 (scripts/test-engine.sh). */
    public static final String ARM64 = "docker-debug-test/arm64:latest";
    public static final String SIDECAR_LABEL = "io.docker-debug.sidecar";

    private Engine() {
    }

    /** The engine both sides use, once checked (null until then). */
    private static volatile String checkedHost;

    /**
     * Fails under CI when no engine answers; elsewhere skips, so a laptop without docker can run
     * unit tests. Then fails, always, unless Testcontainers (which starts the targets) and the
     * launcher (which debugs them) talk to the same engine: when DOCKER_HOST does not answer,
     * Testcontainers falls back to the default socket on its own (its strategies cannot be
     * limited to DOCKER_HOST), and the tests would then start targets on one engine and look
     * for them on another.
     */
    public static void require() {
        boolean up;
        try {
            up = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            up = false;
        }
        if (!up) {
            if (System.getenv("CI") != null) {
                fail("no Docker engine answers; run scripts/test-engine.sh");
            }
            Assumptions.abort("no Docker engine answers; run scripts/test-engine.sh");
        }
        if (checkedHost == null) {
            String theirs = DockerClientFactory.instance().getTransportConfig().getDockerHost().toString();
            String ours = launcherHost();
            if (!theirs.equals(ours)) {
                fail("Testcontainers talks to " + theirs + " but the launcher to " + ours
                        + " (DOCKER_HOST=" + System.getenv("DOCKER_HOST") + "): the tests would use two engines");
            }
            checkedHost = ours;
        }
    }

    /** The engine the launcher chooses in this environment, as {@code docker-debug info} reports it. */
    private static String launcherHost() {
        Result info = run(debug("info", "--format", "json"), null, 60);
        try {
            String host = new com.fasterxml.jackson.databind.ObjectMapper().readTree(info.stdout())
                    .path("engine").path("host").asText("");
            if (host.isEmpty()) {
                fail("docker-debug info names no engine host: " + info.stdout() + info.stderr());
            }
            return host;
        } catch (IOException e) {
            throw new AssertionError("docker-debug info --format json: " + info.stdout() + info.stderr(), e);
        }
    }

    /** A running target from a local image, with optional docker-run style tweaks. */
    public static GenericContainer<?> target(String image) {
        require();
        @SuppressWarnings("resource")
        GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse(image))
                .withImagePullPolicy(name -> false)
                .withStartupTimeout(Duration.ofSeconds(30));
        return c;
    }

    /** Output of a docker CLI command; fails the test when it exits non-zero. */
    public static String docker(String... args) {
        Result r = run(cmd("docker", args), null, 60);
        if (r.exitCode() != 0) {
            fail("docker " + String.join(" ", args) + " failed: " + r.stderr());
        }
        return r.stdout().trim();
    }

    /** Ids of docker-debug sidecars in any state. */
    public static List<String> sidecars() {
        String out = docker("ps", "-aq", "--filter", "label=" + SIDECAR_LABEL);
        return out.isEmpty() ? List.of() : Arrays.asList(out.split("\\s+"));
    }

    /** Sidecars of one target. */
    public static List<String> sidecarsOf(String targetId) {
        String out = docker("ps", "-aq", "--filter", "label=io.docker-debug.target=" + targetId);
        return out.isEmpty() ? List.of() : Arrays.asList(out.split("\\s+"));
    }

    /** Waits (bounded) until no sidecar of the target remains; fails otherwise. */
    public static void awaitNoSidecarOf(String targetId, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        List<String> left = sidecarsOf(targetId);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            left = sidecarsOf(targetId);
        }
        if (!left.isEmpty()) {
            fail("sidecars left behind for " + targetId + ": " + left);
        }
    }

    public static String launcher() {
        String path = System.getProperty("docker-debug.launcher");
        if (path == null) {
            fail("system property docker-debug.launcher is not set (run through mvn verify)");
        }
        return path;
    }

    /** The launcher with arguments. */
    public static List<String> debug(String... args) {
        return cmd(launcher(), args);
    }

    public static List<String> cmd(String first, String... rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(Arrays.asList(rest));
        return all;
    }

    public record Result(int exitCode, String stdout, String stderr, byte[] stdoutBytes) {
    }

    /** Runs a process to its end (bounded), feeding {@code stdin} (null: closed at once). */
    public static Result run(List<String> command, byte[] stdin, int timeoutSeconds) {
        try {
            Process p = new ProcessBuilder(command).start();
            if (stdin != null) {
                p.getOutputStream().write(stdin);
            }
            p.getOutputStream().close();
            var out = new java.util.concurrent.CompletableFuture<byte[]>();
            var err = new java.util.concurrent.CompletableFuture<byte[]>();
            Thread.ofVirtual().start(() -> readAll(p.getInputStream(), out));
            Thread.ofVirtual().start(() -> readAll(p.getErrorStream(), err));
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("timed out: " + String.join(" ", command));
            }
            byte[] o = out.get(10, TimeUnit.SECONDS);
            return new Result(p.exitValue(), new String(o, StandardCharsets.UTF_8),
                    new String(err.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8), o);
        } catch (Exception e) {
            throw new AssertionError("running " + command + " failed", e);
        }
    }

    private static void readAll(java.io.InputStream in, java.util.concurrent.CompletableFuture<byte[]> into) {
        try {
            into.complete(in.readAllBytes());
        } catch (IOException e) {
            into.completeExceptionally(e);
        }
    }
}

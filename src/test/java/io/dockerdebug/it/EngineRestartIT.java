package io.dockerdebug.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.dockerdebug.it.Engine.TOOLBOX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The engine restarts under a session: on a dockerd of this test's own (scripts/extra-dockerd.sh,
 * never the shared one), the client ends with a clear error and 125, without hanging, and
 * nothing of the session is left once the engine is back (prune finds nothing the engine left).
 */
class EngineRestartIT {
    private static final String NAME = "r" + (ProcessHandle.current().pid() % 10_000_000);
    private static String host;

    private static Engine.Result script(String... args) {
        List<String> cmd = new ArrayList<>(List.of("bash", "scripts/extra-dockerd.sh"));
        cmd.addAll(Arrays.asList(args));
        Engine.Result r = Engine.run(cmd, null, 180);
        if (r.exitCode() != 0) {
            fail("extra-dockerd.sh " + String.join(" ", args) + " failed: " + r.stderr());
        }
        return r;
    }

    @BeforeAll
    static void startOwnEngine() {
        Engine.require();
        // A short shutdown timeout: the target's sleep ignores SIGTERM, the engine need not wait 10 s.
        script("start", NAME, "20", "--storage-driver", "overlay2", "--shutdown-timeout", "1");
        host = script("host", NAME).stdout().strip();
    }

    @AfterAll
    static void stopOwnEngine() {
        if (host != null) {
            script("stop", NAME);
        }
    }

    private static String docker(String... args) {
        List<String> cmd = new ArrayList<>(List.of("docker", "-H", host));
        cmd.addAll(Arrays.asList(args));
        Engine.Result r = Engine.run(cmd, null, 60);
        assertEquals(0, r.exitCode(), "docker " + String.join(" ", args) + ": " + r.stderr());
        return r.stdout().strip();
    }

    private static List<String> sidecarsOf(String target) {
        String out = docker("ps", "-aq", "--filter", "label=io.docker-debug.target=" + target);
        return out.isEmpty() ? List.of() : List.of(out.split("\\s+"));
    }

    private static void awaitRunningSidecar(String target) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!docker("ps", "-q", "--filter", "label=io.docker-debug.target=" + target,
                    "--filter", "status=running").isEmpty()) {
                return;
            }
            Thread.onSpinWait();
        }
        fail("no running sidecar for " + target);
    }

    private static Process session(String target) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Engine.debug("-i", TOOLBOX, "-T", target, "sleep", "300"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("DOCKER_HOST", host);
        return pb.start();
    }

    @Test
    void aRestartMidSessionEndsItWith125AndAClearError() throws Exception {
        String target = docker("run", "-d", Engine.TARGET);
        Process p = session(target);
        awaitRunningSidecar(target);
        script("restart", NAME);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the client did not hang");
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(125, p.exitValue(), err);
        System.out.println("EngineRestartIT: the client said: " + err.strip());
        List<String> ours = err.lines().filter(l -> l.startsWith("docker-debug: ") && !l.contains("not joining IPC"))
                .toList();
        assertEquals(1, ours.size(), err);
        assertTrue(ours.getFirst().matches(".*(engine|target container).*"), err);
        assertEquals(List.of(), sidecarsOf(target));
    }

    @Test
    void aClientKilledWhileTheEngineWasDownLeavesNothingAfterPrune() throws Exception {
        String target = docker("run", "-d", Engine.TARGET);
        Process p = session(target);
        awaitRunningSidecar(target);
        // Engine and client die together: nobody is there to remove anything.
        String pid = Engine.run(List.of("cat", "/run/dde/" + NAME + "/pid"), null, 10).stdout().strip();
        Engine.run(List.of("kill", "-KILL", pid), null, 10);
        p.destroyForcibly();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        script("restart", NAME);
        Engine.Result r = Engine.run(List.of("env", "DOCKER_HOST=" + host, Engine.launcher(), "prune"), null, 60);
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(List.of(), sidecarsOf(target), "pruned: " + r.stdout());
    }
}

package io.dockerdebug.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static io.dockerdebug.it.Engine.TOOLBOX;
import static io.dockerdebug.it.Engine.debug;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sidecar is gone however a session ends: signals, SIGKILL, the target going away. */
class LifecycleIT {
    @RegisterExtension
    final RunningTarget target = new RunningTarget(Engine.TARGET);

    private Process longSession() throws Exception {
        Process p = new ProcessBuilder(Signals.withDefaultSignals(debug("-i", TOOLBOX, "-T", target.id(), "sleep", "300")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Signals.awaitSidecar(target.id());
        return p;
    }

    @ParameterizedTest
    @ValueSource(strings = {"KILL", "TERM", "INT", "HUP"})
    void noSidecarSurvivesTheClientsDeath(String signal) throws Exception {
        Process p = longSession();
        Engine.run(Engine.cmd("kill", "-" + signal, Long.toString(p.pid())), null, 10);
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "client ended on SIG" + signal);
        if (!signal.equals("KILL")) {
            assertNotEquals(0, p.exitValue());
        }
        Engine.awaitNoSidecarOf(target.id(), Duration.ofSeconds(10));
    }

    /**
     * The sidecar's main process ends its own container's processes when the client dies, and
     * only those: never the target's (rootless Podman on cgroup v1 puts both in one cgroup).
     */
    @Test
    void theTargetsOwnProcessesSurviveAKilledClient() throws Exception {
        String busy = Engine.docker("run", "-d", Engine.TARGET, "sh", "-c", "sleep 999999 & exec sleep 1000000");
        try {
            Process p = new ProcessBuilder(Signals.withDefaultSignals(debug("-i", TOOLBOX, "-T", busy, "sleep", "300")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Signals.awaitSidecar(busy);
            Engine.run(Engine.cmd("kill", "-KILL", Long.toString(p.pid())), null, 10);
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "client ended on SIGKILL");
            Engine.awaitNoSidecarOf(busy, Duration.ofSeconds(30));
            String top = Engine.docker("top", busy);
            assertTrue(top.contains("sleep 999999") && !top.contains("[sleep]"), "the target's child runs on: " + top);
        } finally {
            Engine.run(Engine.cmd("docker", "rm", "-f", busy), null, 60);
        }
    }

    @Test
    void aTargetStoppedMidSessionEndsItWithOneLine() throws Exception {
        Process p = new ProcessBuilder(debug("-i", TOOLBOX, "-T", target.id(), "sleep", "300")).start();
        Signals.awaitSidecar(target.id());
        Engine.docker("kill", target.id());
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "session ended with its target");
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertNotEquals(0, p.exitValue());
        assertTrue(err.contains("target container") && err.contains("stopped"), "exit " + p.exitValue() + ": " + err);
        Engine.awaitNoSidecarOf(target.id(), Duration.ofSeconds(10));
    }

    /**
     * A target in the host's pid namespace: its death kills no process of the sidecar, so only
     * the engine's events end the session (Podman names them "died" and "remove").
     */
    @Test
    void theDeathOfAHostPidTargetEndsTheSession() throws Exception {
        String hostPid = Engine.docker("run", "-d", "--pid", "host", Engine.TARGET);
        try {
            Process p = new ProcessBuilder(debug("-i", TOOLBOX, "-T", hostPid, "sleep", "300")).start();
            Signals.awaitSidecar(hostPid);
            Engine.docker("kill", hostPid);
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "session ended with its target");
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertNotEquals(0, p.exitValue());
            assertTrue(err.contains("target container") && err.contains("stopped"), "exit " + p.exitValue() + ": " + err);
            Engine.awaitNoSidecarOf(hostPid, Duration.ofSeconds(20));
        } finally {
            Engine.run(Engine.cmd("docker", "rm", "-f", hostPid), null, 60);
        }
    }

    @Test
    void aStoppedTargetIsRefusedARootedShell() {
        // A stopped target gets a session of its files (NotRunningIT); a shell rooted in its
        // processes' root cannot be had: one line, nothing created, on every engine.
        Engine.docker("stop", "-t", "0", target.id());
        Engine.Result r = Engine.run(debug("-i", TOOLBOX, "--chroot", target.id(), "true"), null, 30);
        assertEquals(125, r.exitCode());
        assertTrue(r.stderr().contains("needs a running target"), r.stderr());
        assertEquals(1, r.stderr().lines().count(), r.stderr());
        assertEquals(0, Engine.sidecarsOf(target.id()).size());
    }

    @Test
    void aPausedTargetIsRefused() {
        Engine.docker("pause", target.id());
        try {
            Engine.Result r = Engine.run(debug("-i", TOOLBOX, target.id(), "true"), null, 30);
            assertEquals(125, r.exitCode());
            assertTrue(r.stderr().contains("paused"), r.stderr());
            assertEquals(0, Engine.sidecarsOf(target.id()).size());
        } finally {
            Engine.docker("unpause", target.id());
        }
    }
}

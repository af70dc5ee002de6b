package io.dockerdebug.it;

import io.dockerdebug.debug.StaleSidecars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.dockerdebug.it.Engine.TOOLBOX;
import static io.dockerdebug.it.Engine.debug;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The client dies by SIGKILL anywhere in a session, and 10 s later no sidecar of the target is
 * left; many sessions at once on one target each get their own output and exit code.
 *
 * <p>The one stretch the engine cannot clean up by itself is a kill between creating the sidecar
 * and starting it (the attach comes in between): the sidecar stays "created". Such a sidecar carries the dead client's
 * pid, and the next docker-debug session on this machine removes it in the background; the
 * tests below show both halves.
 */
class FaultIT {
    private static final Duration GONE_WITHIN = Duration.ofSeconds(10);
    @RegisterExtension
    static final RunningTarget target = new RunningTarget(Engine.TARGET);

    /**
     * JVM options that stop the launcher at {@code failpoint}: the hook from the test classes
     * (testhooks.FailpointHook, in no shipped jar) and its point's name.
     */
    static String failpointOptions(String failpoint) {
        String classes = System.getProperty("docker-debug.test-classes");
        if (classes == null) {
            fail("system property docker-debug.test-classes is not set (run through mvn verify)");
        }
        return "-Xbootclasspath/a:" + classes + " -Ddocker-debug.failpoint=" + failpoint;
    }

    /** A launcher process; {@code failpoint} (or null) makes it stop there, see debug.Failpoints. */
    private static Process launch(String failpoint, String... args) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(debug(args)).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        if (failpoint != null) {
            pb.environment().put("DOCKER_DEBUG_JAVA_OPTS", failpointOptions(failpoint));
        }
        return pb.start();
    }

    private static void kill9(Process p) throws Exception {
        p.destroyForcibly();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "the client died");
    }

    /** A normal one-off session on the target: its background sweep removes what dead clients left. */
    private static void oneSession() {
        Engine.Result r = Engine.run(debug("-i", TOOLBOX, "-T", target.id(), "true"), null, 60);
        assertEquals(0, r.exitCode(), r.stderr());
    }

    /** Reads stderr until {@code line} (bounded); returns all read so far. */
    private static String awaitStderr(Process p, String line) throws Exception {
        CompletableFuture<String> seen = new CompletableFuture<>();
        StringBuilder all = new StringBuilder();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String l = r.readLine(); l != null; l = r.readLine()) {
                    synchronized (all) {
                        all.append(l).append('\n');
                    }
                    if (l.equals(line)) {
                        seen.complete(all.toString());
                    }
                }
                seen.completeExceptionally(new AssertionError("stderr ended before \"" + line + "\": " + all));
            } catch (Exception e) {
                seen.completeExceptionally(e);
            }
        });
        return seen.get(30, TimeUnit.SECONDS);
    }

    /** A kill at each named step of a session. */
    @ParameterizedTest
    @ValueSource(strings = {"created", "attached", "started", "exec-created", "exiting"})
    void aKillAtEachStepLeavesNoSidecar(String step) throws Exception {
        Process p = launch(step, "-i", TOOLBOX, "-T", target.id(), "true");
        awaitStderr(p, "docker-debug: failpoint " + step);
        kill9(p);
        if (step.equals("created") || step.equals("attached")) {
            // The gap: killed before the start, the sidecar stays "created" and the engine keeps it.
            List<String> left = Engine.sidecarsOf(target.id());
            assertEquals(1, left.size(), "the created sidecar is there until someone sweeps");
            assertEquals("created", Engine.docker("inspect", "-f", "{{.State.Status}}", left.getFirst()));
            oneSession();
        }
        Engine.awaitNoSidecarOf(target.id(), GONE_WITHIN);
    }

    /** A kill while the engine is still pulling the toolbox: nothing is created yet, nothing is left. */
    @Test
    void aKillDuringAPullLeavesNothing() throws Exception {
        // A "registry" on localhost (plain HTTP is allowed there) that accepts and never answers.
        try (ServerSocket registry = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Socket> connected = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> {
                try {
                    connected.complete(registry.accept());
                } catch (Exception e) {
                    connected.completeExceptionally(e);
                }
            });
            String image = "127.0.0.1:" + registry.getLocalPort() + "/docker-debug/slow:latest";
            Process p = launch(null, "-i", image, "--pull", "always", "-T", target.id(), "true");
            try (Socket engineSide = connected.get(30, TimeUnit.SECONDS)) {
                assertTrue(p.isAlive(), "the client waits for the pull");
                kill9(p);
            }
            assertEquals(List.of(), Engine.sidecarsOf(target.id()));
        }
    }

    /**
     * At least 30 SIGKILLs at random moments of whole one-off sessions (start-up, inspect, create,
     * attach, start, exec, output, exit code, cleanup): 10 s after each, no sidecar of the target
     * runs, and any "created" one left by a kill in the create-attach gap is gone after the next
     * session.
     */
    @Test
    void randomKillsLeaveNoSidecar() throws Exception {
        long seed = Long.getLong("docker-debug.fault.seed", System.nanoTime());
        Random random = new Random(seed);
        // How long a whole session takes here, so that the kills spread over all of it.
        long t0 = System.nanoTime();
        oneSession();
        long sessionMillis = Math.max(300, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        Map<String, Integer> seenAfterKill = new TreeMap<>();
        int kills = 0;
        for (int i = 0; kills < 32 && i < 64; i++) {
            long delay = (long) (random.nextDouble() * sessionMillis * 1.1);
            Process p = launch(null, "-i", TOOLBOX, "-T", target.id(), "sh", "-c", "echo x; sleep 0.2");
            if (p.waitFor(delay, TimeUnit.MILLISECONDS)) {
                continue;
            }
            kill9(p);
            kills++;
            String states = awaitOnlyCreatedOrNone();
            seenAfterKill.merge(states.isEmpty() ? "none" : states, 1, Integer::sum);
        }
        assertTrue(kills >= 30, "only " + kills + " kills");
        oneSession();
        Engine.awaitNoSidecarOf(target.id(), GONE_WITHIN);
        System.out.println("FaultIT.randomKillsLeaveNoSidecar: " + kills + " kills, seed " + seed + ", session " + sessionMillis
                + " ms, sidecars 10 s after each kill: " + seenAfterKill);
    }

    /**
     * Waits (bounded) until the target has no sidecar but possibly "created" ones (the
     * create-attach gap, swept by the next session); returns their states joined, or "".
     */
    private static String awaitOnlyCreatedOrNone() {
        long deadline = System.nanoTime() + GONE_WITHIN.toNanos();
        String states;
        do {
            states = statesOfSidecars();
            if (states.isEmpty() || states.matches("(created ?)+")) {
                return states.strip();
            }
            Thread.onSpinWait();
        } while (System.nanoTime() < deadline);
        fail("sidecars of " + target.id() + " left 10 s after a kill: " + states);
        return states;
    }

    private static String statesOfSidecars() {
        return String.join(" ", Engine.docker("ps", "-a", "--filter", "label=io.docker-debug.target=" + target.id(),
                "--format", "{{.State}}").lines().toList());
    }

    @Test
    void twentySessionsAtOnceEachGetTheirOwnOutputAndExitCode() throws Exception {
        int n = 20;
        List<CompletableFuture<Engine.Result>> results = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            int k = i;
            results.add(CompletableFuture.supplyAsync(() -> Engine.run(
                    debug("-i", TOOLBOX, "-T", target.id(), "sh", "-c", "echo out-" + k + "; echo err-" + k + " >&2; exit " + k),
                    null, 180)));
        }
        for (int i = 1; i <= n; i++) {
            Engine.Result r = results.get(i - 1).get(200, TimeUnit.SECONDS);
            assertEquals(i, r.exitCode(), "session " + i + ": " + r.stderr());
            assertEquals("out-" + i + "\n", r.stdout(), "session " + i);
            assertTrue(r.stderr().contains("err-" + i + "\n"), "session " + i + ": " + r.stderr());
        }
        Engine.awaitNoSidecarOf(target.id(), GONE_WITHIN);
    }

    /**
     * {@code docker-debug prune} removes a sidecar whose client (a process of this machine) is
     * gone, whatever its state, and leaves a live session's sidecar alone.
     */
    @Test
    void pruneRemovesSidecarsOfGoneClientsOnly() throws Exception {
        Process live = launch(null, "-i", TOOLBOX, "-T", target.id(), "sleep", "300");
        String liveSidecar = Signals.awaitSidecar(target.id());
        // What a client killed right after creating its sidecar leaves: a created sidecar naming it.
        String stale = StaleSidecars.create(null, target.id(), TOOLBOX);
        try {
            Engine.Result r = Engine.run(debug("prune", "--target", target.id()), null, 60);
            assertEquals(0, r.exitCode(), r.stderr());
            // Removed by this prune, or already by the sweep of a session that ran meanwhile.
            assertTrue(List.of(stale + "\n", "").contains(r.stdout()), r.stdout());
            assertEquals(List.of(liveSidecar.substring(0, 12)), Engine.sidecarsOf(target.id()), "the live session's sidecar stays");
        } finally {
            live.destroy();
            assertTrue(live.waitFor(20, TimeUnit.SECONDS));
        }
        Engine.awaitNoSidecarOf(target.id(), GONE_WITHIN);
    }

    /** The target goes away mid-session: one line naming it and what happened, non-zero, no sidecar. */
    @ParameterizedTest
    @ValueSource(strings = {"stop", "kill", "rm"})
    void theTargetGoingAwayEndsTheSessionWithOneLine(String how) throws Exception {
        try (RunningTarget own = new RunningTarget(Engine.TARGET).startNow()) {
            String ownId = own.id();
            String name = own.name();
            Process p = new ProcessBuilder(debug("-i", TOOLBOX, "-T", ownId, "sleep", "300"))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                awaitEndWithOneLine(p, ownId, name, how);
            } finally {
                p.destroyForcibly();
            }
        }
    }

    private static void awaitEndWithOneLine(Process p, String ownId, String name, String how) throws Exception {
        // Mid-session: the command runs (a target gone before the exec starts is another case).
        Signals.awaitCommand(Signals.awaitSidecar(ownId), "sleep 300");
        switch (how) {
            case "stop" -> Engine.docker("stop", "-t", "1", ownId);
            case "kill" -> Engine.docker("kill", ownId);
            default -> Engine.docker("rm", "-f", ownId);
        }
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the session ended with its target");
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        // Our own lines; the engine may add its own error to the stream (e.g. "task ... not found").
        List<String> lines = err.lines().filter(l -> l.startsWith("docker-debug: ") && !l.contains("not joining IPC"))
                .toList();
        assertEquals(1, lines.size(), err);
        String expected = how.equals("rm") ? "was removed during the session" : "stopped during the session";
        assertTrue(lines.getFirst().startsWith("docker-debug: target container " + name + " ")
                && lines.getFirst().contains(expected), err);
        assertTrue(p.exitValue() != 0, "non-zero exit: " + p.exitValue());
        Engine.awaitNoSidecarOf(ownId, GONE_WITHIN);
    }

    @Test
    void closedStdinIsTheEndOfInput() {
        Engine.Result r = Engine.run(List.of("sh", "-c", "exec \"$0\" \"$@\" <&-", Engine.launcher(),
                "-i", TOOLBOX, target.id(), "sh", "-c", "cat; echo done"), null, 60);
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("done\n", r.stdout());
        Engine.awaitNoSidecarOf(target.id(), GONE_WITHIN);
    }
}

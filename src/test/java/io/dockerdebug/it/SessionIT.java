package io.dockerdebug.it;

import io.dockerdebug.it.Engine.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static io.dockerdebug.it.Engine.TOOLBOX;
import static io.dockerdebug.it.Engine.debug;
import static io.dockerdebug.it.Engine.docker;
import static io.dockerdebug.it.Engine.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One-off sessions through the real launcher against a real engine. */
class SessionIT {
    @RegisterExtension
    static final RunningTarget target = new RunningTarget(Engine.TARGET);

    private static Result session(byte[] stdin, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "-i";
        all[1] = TOOLBOX;
        System.arraycopy(args, 0, all, 2, args.length);
        Result r = run(debug(all), stdin, 60);
        Engine.awaitNoSidecarOf(target.id(), Duration.ofSeconds(10));
        return r;
    }

    @Test
    void seesTheTargetsFilesAndProcessesAndPassesTheExitCode() {
        Result r = session(null, target.id(), "sh", "-c", "cat /mnt/container/etc/target-marker; ps; pwd; exit 7");
        assertEquals(7, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("hello from the target"), r.stdout());
        assertTrue(r.stdout().contains("sleep 1000000"), "target's processes are visible: " + r.stdout());
        assertTrue(r.stdout().contains("/mnt/container\n"), "lands in the target's files: " + r.stdout());
    }

    @Test
    void debugsATargetWithNoShellAtAll() {
        try (RunningTarget scratch = new RunningTarget(Engine.SCRATCH).startNow()) {
            Result r = run(debug("-i", TOOLBOX, scratch.id(), "sh", "-c",
                    "cat /mnt/container/marker; ls /mnt/container; ps"), null, 60);
            assertEquals(0, r.exitCode(), r.stderr());
            assertTrue(r.stdout().startsWith("scratch target\n"), r.stdout());
            assertTrue(r.stdout().contains("/busybox sleep 1000000"), r.stdout());
            Engine.awaitNoSidecarOf(scratch.id(), Duration.ofSeconds(10));
        }
    }

    @Test
    void aUniqueIdPrefixNamesTheTarget() {
        Result r = session(null, target.id().substring(0, 10), "true");
        assertEquals(0, r.exitCode(), r.stderr());
    }

    @Test
    void pipedStdinReachesTheCommandAndThenEnds() {
        Result r = session("a\nb\n".getBytes(StandardCharsets.UTF_8), target.id(), "-c", "wc -l");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("2", r.stdout().trim());
    }

    @Test
    void stdoutAndStderrStayApartWithoutATty() {
        Result r = session(null, "-T", target.id(), "sh", "-c", "echo to-out; echo to-err >&2");
        assertEquals("to-out\n", r.stdout());
        assertTrue(r.stderr().contains("to-err"), r.stderr());
        assertFalse(r.stderr().contains("to-out"));
    }

    @Test
    void ttyOutputStartingWithLowBytesArrivesIntact() {
        Result r = session(null, "-t", target.id(), "printf", "\\000\\001\\002tty");
        assertEquals(0, r.exitCode(), r.stderr());
        byte[] out = r.stdoutBytes();
        assertTrue(out.length >= 6, "got " + out.length + " bytes");
        assertArrayEquals(new byte[] {0, 1, 2, 't', 't', 'y'}, java.util.Arrays.copyOf(out, 6));
    }

    @Test
    void missingCommandIs127AndNotExecutableIs126() {
        Result notFound = session(null, target.id(), "no-such-command");
        assertEquals(127, notFound.exitCode(), notFound.stderr() + notFound.stdout());
        Result notExec = session(null, target.id(), "/etc/passwd");
        assertEquals(126, notExec.exitCode(), notExec.stderr() + notExec.stdout());
        Result shellNotFound = session(null, target.id(), "-c", "no-such-command");
        assertEquals(127, shellNotFound.exitCode());
    }

    @Test
    void joinsPidAndNetworkAndAShareableIpcNamespace() {
        try (RunningTarget shareable = new RunningTarget(Engine.TARGET).withIpc("shareable").startNow()) {
            Result r = run(debug("-i", TOOLBOX, shareable.id(), "sh", "-c", NAMESPACES), null, 60);
            assertEquals(0, r.exitCode(), r.stderr());
            assertSameNamespaces(r.stdout(), List.of("pid", "net", "ipc"));
            assertEquals("", r.stderr(), "nothing to note");
        }
    }

    @Test
    void aPrivateIpcNamespaceIsNotJoined() {
        try (RunningTarget priv = new RunningTarget(Engine.TARGET).withIpc("private").startNow()) {
            Result r = run(debug("-i", TOOLBOX, priv.id(), "sh", "-c", NAMESPACES), null, 60);
            assertEquals(0, r.exitCode(), r.stderr());
            assertSameNamespaces(r.stdout(), List.of("pid", "net"));
            assertEquals("", r.stderr(), "said under --debug only (EverydaySessionIT)");
            Result required = run(debug("-i", TOOLBOX, "--ipc", priv.id(), "true"), null, 60);
            assertEquals(125, required.exitCode());
            assertTrue(required.stderr().contains("IPC"), required.stderr());
            Engine.awaitNoSidecarOf(priv.id(), Duration.ofSeconds(10));
        }
    }

    private static final String NAMESPACES =
            "for ns in pid net ipc; do echo $ns $(readlink /proc/self/ns/$ns) $(readlink /proc/1/ns/$ns); done";

    /** Lines "ns own target": the listed namespaces are shared, the others not. */
    private static void assertSameNamespaces(String stdout, List<String> shared) {
        for (String line : stdout.lines().toList()) {
            String[] f = line.split(" ");
            if (shared.contains(f[0])) {
                assertEquals(f[1], f[2], "shares the target's namespace: " + line);
            } else {
                assertNotEquals(f[1], f[2], "does not share: " + line);
            }
        }
        assertEquals(3, stdout.lines().count(), stdout);
    }

    @Test
    void labelsTheSidecarWithTheToolAndTheTarget() throws Exception {
        Process p = new ProcessBuilder(debug("-i", TOOLBOX, target.id(), "cat"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            List<String> sidecars = Engine.sidecarsOf(target.id());
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (sidecars.isEmpty() && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
                sidecars = Engine.sidecarsOf(target.id());
            }
            assertEquals(1, sidecars.size(), "the session's sidecar: " + sidecars);
            java.util.Map<String, String> labels = new com.fasterxml.jackson.databind.ObjectMapper().readValue(
                    docker("inspect", "-f", "{{json .Config.Labels}}", sidecars.getFirst()),
                    new com.fasterxml.jackson.core.type.TypeReference<java.util.Map<String, String>>() { });
            assertEquals("true", labels.get("io.docker-debug.sidecar"), labels.toString());
            assertEquals(target.id(), labels.get("io.docker-debug.target"), "the target's full id");
            // The client: this machine's boot, the launcher's pid (it execs java) and its start in clock ticks.
            String[] client = labels.get("io.docker-debug.client").split("/");
            assertEquals(4, client.length, labels.toString());
            assertEquals(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/random/boot_id")).strip(),
                    client[0]);
            assertEquals(Long.toString(p.pid()), client[2]);
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + p.pid() + "/stat"));
            assertEquals("t" + stat.substring(stat.lastIndexOf(')') + 2).split(" ")[19], client[3]);
        } finally {
            p.getOutputStream().close();
            assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "the session ends with its input");
        }
        assertEquals(0, p.exitValue());
        Engine.awaitNoSidecarOf(target.id(), Duration.ofSeconds(30));
    }

    @Test
    void unknownContainerIs125WithOneLine() {
        Result r = session(null, "no-such-container-xyz", "true");
        assertEquals(125, r.exitCode());
        assertEquals(1, r.stderr().lines().count(), r.stderr());
        assertTrue(r.stderr().contains("no-such-container-xyz"), r.stderr());
    }

    @Test
    void missingImageWithPullNeverIs125AndCreatesNothing() {
        Result r = run(debug("--pull", "never", "-i", "docker-debug-test/absent:1", target.id(), "true"), null, 60);
        assertEquals(125, r.exitCode());
        assertTrue(r.stderr().contains("docker-debug-test/absent:1"), r.stderr());
    }

    @Test
    void volumeOptionAddsABindMount(@TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("f"), "from-host");
        Result r = session(null, "-v", dir + ":/hostdir:ro", target.id(), "sh", "-c", "cat /hostdir/f; touch /hostdir/g");
        assertTrue(r.stdout().contains("from-host"), r.stdout());
        assertNotEquals(0, r.exitCode(), "read-only bind");
    }

    @Test
    void aSidecarCannotBeATarget() throws Exception {
        Process p = new ProcessBuilder(debug("-i", TOOLBOX, "-T", target.id(), "sleep", "60")).start();
        try {
            String sidecar = Signals.awaitSidecar(target.id());
            Result r = run(debug("-i", TOOLBOX, sidecar, "true"), null, 60);
            assertEquals(125, r.exitCode());
            assertTrue(r.stderr().contains("sidecar"), r.stderr());
        } finally {
            p.destroy();
            p.waitFor();
            Engine.awaitNoSidecarOf(target.id(), Duration.ofSeconds(10));
        }
        assertEquals("", docker("ps", "-aq", "--filter", "label=io.docker-debug.target=" + target.id()));
    }
}

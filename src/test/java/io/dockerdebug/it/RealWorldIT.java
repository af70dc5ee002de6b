package io.dockerdebug.it;

import io.dockerdebug.it.Engine.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.dockerdebug.it.Engine.TOOLBOX;
import static io.dockerdebug.it.Engine.cmd;
import static io.dockerdebug.it.Engine.debug;
import static io.dockerdebug.it.Engine.docker;
import static io.dockerdebug.it.Engine.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The setups real users debug, each checked against what {@code docker exec} shows in the same
 * target: the same files (the mount dir is the target's {@code /}), processes, addresses and
 * exit codes. The targets are started once with the docker CLI from the local test images and
 * shared by the rows; everything is removed by id at the end.
 */
class RealWorldIT {
    private static final String RUN = "dd-rw-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String MNT = "/mnt/container";
    private static final List<String> containers = Collections.synchronizedList(new ArrayList<>());
    private static String network;
    private static String volume;
    private static Path hostDir;

    /** Names with dots, dashes and underscores. */
    static final String PLAIN_NAME = RUN + "-plain.v1_a";
    static String plain;
    static String scratch;
    static String readOnlyTmpfs;
    static String readOnly;
    static String user;
    static String capless;
    static String netNone;
    static String netHost;
    static String pidHost;
    static String joined;
    static String joinedTmpfs;
    static String aliased;
    static String shareable;
    static String mounts;
    static String signals;

    @BeforeAll
    static void start() throws Exception {
        Engine.require();
        network = docker("network", "create", "--label", "io.docker-debug.test=" + RUN, RUN + "-net");
        volume = docker("volume", "create", "--label", "io.docker-debug.test=" + RUN, RUN + "-vol");
        hostDir = Files.createTempDirectory("dd-rw");
        Files.writeString(hostDir.resolve("f"), "from-host\n");
        hostDir.toFile().setReadable(true, false);
        hostDir.resolve("f").toFile().setReadable(true, false);
        String target = Engine.TARGET;
        plain = started("--name", PLAIN_NAME, target);
        scratch = started(Engine.SCRATCH);
        readOnlyTmpfs = started("--read-only", "--tmpfs", "/run", target, "sh", "-c",
                "echo in-tmpfs > /run/marker; exec sleep 1000000");
        readOnly = started("--read-only", target);
        // Its root directory is 0755 and it has a user 1000 (scripts/test-engine.sh).
        user = started("--user", "1000:1000", "docker-debug-test/user:latest");
        capless = started("--cap-drop", "ALL", target);
        netNone = started("--network", "none", target);
        netHost = started("--network", "host", target);
        pidHost = started("--pid", "host", target);
        joined = started("--pid", "container:" + scratch, target);
        joinedTmpfs = started("--pid", "container:" + scratch, "--tmpfs", "/run", target, "sh", "-c",
                "echo joined-tmpfs > /run/marker; exec sleep 1000000");
        aliased = started("--network", network, "--network-alias", RUN + "-alias", target);
        // util-linux's ipcmk in a busybox image (scripts/test-engine.sh): a System V segment of 4096 bytes.
        shareable = started("--ipc", "shareable", "docker-debug-test/ipc:latest", "sh", "-c",
                "/usr/bin/ipcmk -M 4096 > /tmp/shm && exec sleep 1000000");
        mounts = started("-v", volume + ":/data", "-v", hostDir + ":/conf:ro", "--tmpfs", "/scratch", target, "sh", "-c",
                "echo in-volume > /data/v; echo in-tmpfs > /scratch/t; exec sleep 1000000");
        signals = started(target);
        for (String c : List.of(readOnlyTmpfs, joinedTmpfs, mounts)) {
            awaitExec(c, "cat /run/marker 2>/dev/null || cat /scratch/t");
        }
        awaitExec(shareable, "test -s /tmp/shm");
    }

    @AfterAll
    static void stop() throws Exception {
        for (String c : containers) {
            run(cmd("docker", "rm", "-f", c), null, 60);
        }
        for (String c : containers) {
            Engine.awaitNoSidecarOf(c, Duration.ofSeconds(30));
        }
        if (network != null) {
            run(cmd("docker", "network", "rm", network), null, 60);
        }
        if (volume != null) {
            run(cmd("docker", "volume", "rm", volume), null, 60);
        }
        if (hostDir != null) {
            Files.deleteIfExists(hostDir.resolve("f"));
            Files.deleteIfExists(hostDir);
        }
    }

    /** docker run -d with our label; the container is removed at the end. */
    private static String started(String... args) {
        List<String> all = new ArrayList<>(List.of("create", "--label", "io.docker-debug.test=" + RUN));
        all.addAll(List.of(args));
        String id = docker(all.toArray(String[]::new));
        containers.add(id);
        docker("start", id);
        return id;
    }

    private static void awaitExec(String container, String script) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (exec(container, script).exitCode() == 0) {
                return;
            }
            Thread.onSpinWait();
        }
        fail("not ready: " + container);
    }

    /** A one-off session running {@code sh -c script}, with no stdin; waits until its sidecar is gone. */
    private static Result session(String target, String script) {
        Result r = run(debug("-i", TOOLBOX, target, "sh", "-c", script), null, 120);
        Engine.awaitNoSidecarOf(docker("inspect", "-f", "{{.Id}}", target), Duration.ofSeconds(30));
        return r;
    }

    private static Result exec(String target, String script) {
        return run(cmd("docker", "exec", target, "sh", "-c", script), null, 120);
    }

    /** The same script in a session (paths under the mount dir) and in docker exec (paths at /). */
    private static void assertSameAsExec(String target, String script) {
        Result ours = session(target, script.replace("@", MNT));
        Result theirs = exec(target, script.replace("@", ""));
        assertEquals(theirs.exitCode(), ours.exitCode(), "exit code; ours: " + ours.stderr() + " exec: " + theirs.stderr());
        assertEquals(theirs.stdout(), ours.stdout(), "as docker exec shows; stderr: " + ours.stderr());
    }

    /** What the target's engine files, root and tmpfs look like: read, and written where allowed. */
    private static final String FILES = "cat @/etc/hosts @/etc/resolv.conf @/etc/hostname; "
            + "touch @/dd-rw-probe 2>/dev/null; echo root=$?; rm -f @/dd-rw-probe; "
            + "touch @/etc/hosts 2>/dev/null; echo hosts=$?";

    @Test
    void aWritableTargetsEngineFilesAndRoot() {
        assertSameAsExec(plain, FILES);
    }

    @Test
    void aReadOnlyRootIsReadOnlyAndItsTmpfsShowsItsContents() {
        assertSameAsExec(readOnlyTmpfs, "cat @/run/marker; " + FILES);
        Result r = session(readOnlyTmpfs, "cat " + MNT + "/run/marker; touch " + MNT + "/x 2>/dev/null; echo $?");
        assertEquals("in-tmpfs\n1\n", r.stdout(), r.stderr());
    }

    @Test
    void aReadOnlyRootWithoutTmpfs() {
        assertSameAsExec(readOnly, FILES);
        Result r = session(readOnly, "touch " + MNT + "/x 2>/dev/null; echo $?");
        assertEquals("1\n", r.stdout(), r.stderr());
    }

    @Test
    void aStaticBinaryFromScratch() {
        Result ours = session(scratch, "cat " + MNT + "/marker; ps -o pid,args");
        Result theirs = run(cmd("docker", "exec", scratch, "/busybox", "sh", "-c", "/busybox cat /marker; /busybox ps -o pid,args"),
                null, 120);
        assertEquals(0, ours.exitCode(), ours.stderr());
        assertEquals("scratch target", ours.stdout().lines().findFirst().orElse(""));
        assertSameProcesses(theirs.stdout(), ours.stdout());
    }

    /** Every process docker exec lists (but its own) is listed, as it is, in the session. */
    private static void assertSameProcesses(String exec, String session) {
        Set<String> ours = Set.copyOf(session.lines().map(String::trim).toList());
        List<String> theirs = exec.lines().map(String::trim).filter(l -> !l.contains("ps -o")).toList();
        assertTrue(theirs.size() >= 2, "header and the target's process: " + exec);
        for (String line : theirs) {
            assertTrue(ours.contains(line), "'" + line + "' as docker exec shows it; the session shows:\n" + session);
        }
    }

    @Test
    void aTargetRunAsAnotherUser() {
        // Numeric ids: user names come from the toolbox's /etc/passwd in the session.
        assertSameAsExec(user, "cat @/etc/target-marker; ls -ln @/etc/target-marker | cut -c1-10; "
                + "grep -E '^(Uid|Gid)' /proc/1/status");
        Result ours = session(user, "ps -o pid,args");
        assertSameProcesses(exec(user, "ps -o pid,args").stdout(), ours.stdout());
    }

    @Test
    void aTargetWithoutCapabilities() {
        assertSameAsExec(capless, "cat @/etc/target-marker; grep Cap /proc/1/status");
    }

    @Test
    void networkNoneHostAndAUserNetworkWithAnAlias() {
        assertSameAsExec(netNone, "readlink /proc/self/ns/net; ip -o addr");
        assertSameAsExec(netHost, "readlink /proc/self/ns/net; hostname; ip -o addr show lo");
        assertSameAsExec(aliased, "readlink /proc/self/ns/net; ip -o addr; cat @/etc/resolv.conf");
        String ip = docker("inspect", "-f", "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", aliased);
        Result ours = session(aliased, "nslookup " + RUN + "-alias");
        assertTrue(ours.stdout().contains(ip), "the alias resolves to " + ip + ": " + ours.stdout() + ours.stderr());
        assertTrue(exec(aliased, "nslookup " + RUN + "-alias").stdout().contains(ip));
    }

    @Test
    void theHostPidNamespace() {
        assertSameAsExec(pidHost, "readlink /proc/self/ns/pid; cat @/etc/target-marker");
    }

    @Test
    void aTargetInAnotherContainersPidNamespaceShowsItsOwnFilesNeverThatContainers() {
        // Pid 1 is the scratch container there: its /marker must not show through the mount dir.
        String script = "readlink /proc/self/ns/pid; cat @/etc/target-marker; ls @/marker 2>/dev/null; echo other=$?; "
                + "ps -o pid,args | grep -c '^ *1 /busybox sleep'";
        assertSameAsExec(joined, script);
        // With a tmpfs the mount dir is the target's own root through /proc, on every engine.
        assertSameAsExec(joinedTmpfs, script + "; cat @/run/marker");
        Result r = session(joinedTmpfs, "cat " + MNT + "/run/marker " + MNT + "/etc/target-marker");
        assertEquals("joined-tmpfs\nhello from the target\n", r.stdout(), r.stderr());
    }

    @Test
    void aShareableIpcNamespaceIsTheTargets() {
        assertSameAsExec(shareable, "readlink /proc/self/ns/ipc; cat /proc/sysvipc/shm");
        Result ours = session(shareable, "cat /proc/sysvipc/shm");
        assertTrue(ours.stdout().lines().skip(1).anyMatch(l -> l.trim().split("\\s+")[3].equals("4096")),
                "the target's segment: " + ours.stdout());
    }

    @Test
    void aVolumeARoBindAndATmpfsTogether() {
        assertSameAsExec(mounts, "cat @/data/v @/conf/f @/scratch/t; touch @/conf/x 2>/dev/null; echo ro=$?; "
                + "touch @/data/w && echo rw=$?; rm -f @/data/w");
    }

    @Test
    void pausedAndRestartingTargetsAreRefusedWithOneLine() {
        String paused = started(Engine.TARGET);
        docker("pause", paused);
        String restarting = started("--restart", "always", Engine.TARGET, "sh", "-c", "exit 3");
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        // Past a few restarts the engine waits seconds between them: restarting, not running.
        while (!docker("inspect", "-f", "{{.State.Restarting}} {{.RestartCount}}", restarting).matches("true ([4-9]|\\d\\d+)")) {
            if (System.nanoTime() > deadline) {
                fail("never restarting: " + docker("inspect", "-f", "{{.State.Status}}", restarting));
            }
            Thread.onSpinWait();
        }
        // A created (or exited) one is debugged through its files: NotRunningIT.
        Map<String, String> why = Map.of(paused, "paused", restarting, "restarting");
        why.forEach((target, word) -> {
            Result r = run(debug("-i", TOOLBOX, target, "true"), null, 60);
            assertEquals(125, r.exitCode(), r.stderr());
            assertEquals(1, r.stderr().lines().count(), r.stderr());
            assertTrue(r.stderr().contains(word), r.stderr());
            assertEquals(List.of(), Engine.sidecarsOf(target));
        });
    }

    @Test
    void theTargetByNameShortIdAndFullId() {
        String hostname = exec(plain, "hostname").stdout();
        for (String ref : List.of(PLAIN_NAME, plain.substring(0, 12), plain)) {
            Result r = session(ref, "hostname");
            assertEquals(0, r.exitCode(), ref + ": " + r.stderr());
            assertEquals(hostname, r.stdout(), ref);
        }
    }

    @Test
    void binaryOutputWithoutATtyIsByteExact() throws Exception {
        Result ours = run(debug("-i", TOOLBOX, "-T", plain, "cat", MNT + "/bin/busybox"), null, 120);
        Result theirs = run(cmd("docker", "exec", plain, "cat", "/bin/busybox"), null, 120);
        assertEquals(0, ours.exitCode(), ours.stderr());
        assertTrue(theirs.stdoutBytes().length > 100_000);
        assertEquals(sha256(theirs.stdoutBytes()), sha256(ours.stdoutBytes()));
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void exitCodesAsDockerExecGivesThemFromTenSessionsInParallel() throws Exception {
        Map<String, Integer> scripts = new LinkedHashMap<>();
        scripts.put("exit 0", 0);
        scripts.put("exit 1", 1);
        scripts.put("exit 7", 7);
        scripts.put("/etc/passwd", 126);
        scripts.put("no-such-command", 127);
        scripts.put("kill -INT $$", 130);
        scripts.put("kill -KILL $$", 137);
        scripts.put("kill -SEGV $$", 139);
        scripts.put("kill -TERM $$", 143);
        scripts.put("exit 255", 255);
        Map<String, Future<Result>> sessions = new LinkedHashMap<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(scripts.size())) {
            for (String script : scripts.keySet()) {
                Callable<Result> c = () -> run(debug("-i", TOOLBOX, plain, "sh", "-c", script), null, 180);
                sessions.put(script, pool.submit(c));
            }
            for (var e : scripts.entrySet()) {
                Result ours = sessions.get(e.getKey()).get(200, TimeUnit.SECONDS);
                int theirs = exec(plain, e.getKey()).exitCode();
                assertEquals(e.getValue(), theirs, "docker exec: " + e.getKey());
                assertEquals(theirs, ours.exitCode(), e.getKey() + ": " + ours.stderr());
            }
        }
        Engine.awaitNoSidecarOf(plain, Duration.ofSeconds(30));
    }

    @Test
    void signalsToTheClientEndItAs128PlusTheSignalAndLeaveNothing() throws Exception {
        Map<String, Integer> codes = Map.of("INT", 130, "TERM", 143, "HUP", 129);
        for (var e : codes.entrySet()) {
            Process p = new ProcessBuilder(Signals.withDefaultSignals(debug("-i", TOOLBOX, "-T", signals, "sleep", "300")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try {
                Signals.awaitSidecar(signals);
                run(cmd("kill", "-" + e.getKey(), Long.toString(p.pid())), null, 10);
                assertTrue(p.waitFor(60, TimeUnit.SECONDS), "client ended on SIG" + e.getKey());
                assertEquals(e.getValue(), p.exitValue(), "SIG" + e.getKey());
            } finally {
                p.destroyForcibly();
            }
            Engine.awaitNoSidecarOf(signals, Duration.ofSeconds(30));
            assertEquals("0", exec(signals, "ps -o args | grep -c '^sleep 300'").stdout().trim());
        }
    }

    @Test
    void aClosedPipeEndsTheSessionQuietlyWith141() {
        Result r = run(cmd("bash", "-c", "\"$1\" -i \"$2\" \"$3\" seq 1 100000000 | head -1; echo \"rc=${PIPESTATUS[0]}\"",
                "bash", Engine.launcher(), TOOLBOX, plain), null, 120);
        assertEquals("1\nrc=141\n", r.stdout(), r.stderr());
        assertEquals("", r.stderr());
        Engine.awaitNoSidecarOf(plain, Duration.ofSeconds(30));
    }
}

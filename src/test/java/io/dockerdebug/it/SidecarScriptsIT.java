package io.dockerdebug.it;

import io.dockerdebug.debug.SidecarScriptTexts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Each of the sidecar's scripts on its own, in busybox containers set up as docker-debug sets up
 * a session's (the whole sessions are SessionIT, ChrootIT, NotRunningIT, ...): a container that
 * owns a pid namespace (pid 1 is its {@code sleep 1000000}), a target without a shell that joined
 * it (as with {@code --pid container:X}), and a toolbox container in the same namespace that
 * stands for the sidecar (waiting, with CAP_SYS_ADMIN for mounts and a mount namespace of its
 * own). The scripts run there by {@code docker exec ... /bin/sh -c TEXT $0 ARGS}, with controlled
 * arguments. The three containers are removed at the end, with whatever the scripts mounted.
 */
class SidecarScriptsIT {
    private static final String NO_PROCESS = "docker-debug: no process of the target is visible in the pid namespace it joined";

    private static RunningTarget pidOwner;
    private static RunningTarget target;
    private static RunningTarget sidecar;

    @BeforeAll
    static void start() {
        pidOwner = new RunningTarget(Engine.TARGET).startNow();
        target = new RunningTarget(Engine.SCRATCH).with(c -> c.withCreateContainerCmdModifier(cmd ->
                cmd.getHostConfig().withPidMode("container:" + pidOwner.id()))).startNow();
        sidecar = new RunningTarget(Engine.TOOLBOX).with(c -> c
                .withCommand("/bin/sh", "-c", SidecarScriptTexts.text("WAITER"))
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig()
                        .withPidMode("container:" + pidOwner.id())
                        .withCapAdd(com.github.dockerjava.api.model.Capability.SYS_ADMIN)
                        .withSecurityOpts(List.of("apparmor=unconfined")))).startNow();
    }

    @AfterAll
    static void stop() {
        for (RunningTarget t : new RunningTarget[] {sidecar, target, pidOwner}) {
            if (t != null) {
                t.close();
            }
        }
    }

    /** {@code docker exec [OPTIONS] CONTAINER /bin/sh -c SCRIPT ARGS...}, to its end. */
    private static Engine.Result exec(String container, List<String> options, String script, String... args) {
        List<String> cmd = new ArrayList<>(List.of("docker", "exec"));
        cmd.addAll(options);
        cmd.addAll(List.of(container, "/bin/sh", "-c", script));
        cmd.addAll(Arrays.asList(args));
        return Engine.run(cmd, null, 120);
    }

    private static Engine.Result inSidecar(String script, String... args) {
        return exec(sidecar.id(), List.of(), script, args);
    }

    /** The command lines of the processes in the shared pid namespace. */
    private static List<String> processes() {
        return Engine.docker("exec", sidecar.id(), "ps", "-o", "args").lines().map(String::strip).toList();
    }

    private static void awaitProcess(String args) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!processes().contains(args)) {
            if (System.nanoTime() > deadline) {
                fail("no process " + args + " in " + processes());
            }
        }
    }

    /**
     * The keeper, as a session's: it waits while its stdin is open; when it closes, it exits 0 and
     * kills the processes of its own container that share its mount namespace (an exec of the
     * session), and no other: not the target's or the namespace owner's (other cgroups), not one of
     * its container in another mount namespace (here its container's main process; under
     * rootless Podman on cgroup v1, the target's, in the same cgroup).
     */
    @Test
    void theKeeperEndsWhenItsStdinClosesAndTakesItsContainersProcessesWithIt() throws Exception {
        // The keeper in a mount namespace of its own, beside a process of the session ("sleep 4242").
        Process keeper = new ProcessBuilder("docker", "exec", "-i", sidecar.id(), "unshare", "-m", "/bin/sh", "-c",
                "sleep 4242 & exec /bin/sh -c \"$1\"", "session", SidecarScriptTexts.text("KEEPER"))
                .redirectErrorStream(true).start();
        try (OutputStream stdin = keeper.getOutputStream()) {
            awaitProcess("sleep 4242");
            stdin.write("a line of the client's stdin is ignored\n".getBytes());
            stdin.flush();
            assertTrue(keeper.isAlive(), "the keeper waits while its stdin is open");
        }
        assertTrue(keeper.waitFor(60, TimeUnit.SECONDS), "the keeper did not end when its stdin closed");
        String output = new String(keeper.getInputStream().readAllBytes());
        assertEquals(0, keeper.exitValue(), output);
        List<String> left = processes();
        assertFalse(left.contains("sleep 4242"), "the session's process outlived the keeper: " + left);
        assertTrue(left.contains("sleep 3600"), "the keeper killed its container's process in another mount namespace: " + left);
        assertTrue(left.contains("/busybox sleep 1000000"), "the keeper killed the target's process: " + left);
        assertTrue(left.contains("sleep 1000000"), "the keeper killed the namespace owner's process: " + left);
    }

    /** find_pid, on the pid it is given, the target's cgroup, and a target with no process in sight. */
    private static Engine.Result findPid(String form) {
        return inSidecar(SidecarScriptTexts.text("FIND_PID") + "\npid=$1; find_pid; echo \"$pid\"; tr '\\0' ' ' </proc/$pid/cmdline",
                "find-pid", form);
    }

    @Test
    void findPidKeepsAPidAndFindsTheTargetByItsCgroupNotAsPid1() {
        Engine.Result one = findPid("1");
        assertEquals(0, one.exitCode(), one.stderr());
        assertEquals("1\nsleep 1000000", one.stdout().strip());

        Engine.Result byCgroup = findPid("cgroup:" + target.id());
        assertEquals(0, byCgroup.exitCode(), byCgroup.stderr());
        String[] found = byCgroup.stdout().strip().split("\n");
        assertNotEquals("1", found[0], "pid 1 is the namespace's owner, not the target");
        assertEquals("/busybox sleep 1000000", found[1].strip(), "the target's process");

        Engine.Result none = findPid("cgroup:" + "0".repeat(64));
        assertEquals(125, none.exitCode(), none.stdout());
        assertEquals(NO_PROCESS, none.stderr().strip());
    }

    /**
     * chroot.sh runs the command inside the target's root (/ is the target's, with the toolbox's
     * programs on PATH after the target's), in the directory asked, with the command's exit code;
     * it writes nothing into the target; without CAP_SYS_CHROOT it refuses in one line.
     */
    @Test
    void chrootRunsTheCommandInsideTheTargetsRoot() {
        Engine.Result inOwner = inSidecar(SidecarScriptTexts.text("CHROOT"), "docker-debug", "1", "/etc",
                "sh", "-c", "cat target-marker; pwd; [ -e /etc/docker-debug-toolbox ] || echo no-toolbox-file; exit 7");
        assertEquals(7, inOwner.exitCode(), inOwner.stderr());
        assertEquals(List.of("hello from the target", "/etc", "no-toolbox-file"), inOwner.stdout().strip().lines().toList());

        // The target has no shell and no /bin: sh and cat are the toolbox's, reached through /proc.
        Engine.Result noShell = inSidecar(SidecarScriptTexts.text("CHROOT"), "docker-debug", "cgroup:" + target.id(), "",
                "sh", "-c", "cat /marker; pwd");
        assertEquals(0, noShell.exitCode(), noShell.stderr());
        assertEquals(List.of("scratch target", "/"), noShell.stdout().strip().lines().toList());
        assertEquals("", Engine.docker("diff", pidOwner.id()), "nothing is written into the target");
        assertEquals("", Engine.docker("diff", target.id()), "nothing is written into the target");

        Engine.Result asNobody = exec(sidecar.id(), List.of("-u", "65534"), SidecarScriptTexts.text("CHROOT"),
                "docker-debug", "1", "", "true");
        assertEquals(125, asNobody.exitCode(), asNobody.stdout());
        assertTrue(asNobody.stderr().startsWith("docker-debug: cannot run the session inside the target's root: ")
                && asNobody.stderr().contains("CAP_SYS_CHROOT"), asNobody.stderr());
        assertEquals(1, asNobody.stderr().strip().lines().count(), asNobody.stderr());
    }

    /** link-root.sh makes the mount dir a link to the target's root, enters it and says so in PWD. */
    @Test
    void linkRootShowsTheTargetsRootAtTheMountDir() {
        Engine.Result r = inSidecar(SidecarScriptTexts.text("LINK_ROOT"), "docker-debug", "/tmp/link-root/root",
                "cgroup:" + target.id(), "/tmp/link-root/root", "sh", "-c", "cat marker; echo \"$PWD\"");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(List.of("scratch target", "/tmp/link-root/root"), r.stdout().strip().lines().toList());

        Engine.Result again = inSidecar(SidecarScriptTexts.text("LINK_ROOT"), "docker-debug", "/tmp/link-root/root",
                "cgroup:" + target.id(), "", "cat", "/tmp/link-root/root/marker");
        assertEquals(0, again.exitCode(), "the link is there already: " + again.stderr());
        assertEquals("scratch target", again.stdout().strip());
    }

    /** term-check.sh keeps a TERM the toolbox's terminfo knows, else xterm-256color if it knows that, else xterm. */
    @Test
    void termCheckKeepsAKnownTermAndFallsBackOtherwise() {
        Engine.docker("exec", sidecar.id(), "mkdir", "-p", "/tmp/terminfo/x", "/tmp/terminfo/78", "/tmp/other-terminfo");
        Engine.docker("exec", sidecar.id(), "touch", "/tmp/terminfo/x/xterm-kitty", "/tmp/terminfo/78/xterm-256color");
        assertEquals("xterm-kitty", term("/tmp/terminfo", "xterm-kitty"));
        assertEquals("xterm-256color", term("/tmp/terminfo", "foot"));
        assertEquals("xterm", term("/tmp/other-terminfo", "foot"));
    }

    private static String term(String terminfo, String term) {
        Engine.Result r = exec(sidecar.id(), List.of("-e", "TERMINFO=" + terminfo, "-e", "TERM=" + term),
                SidecarScriptTexts.text("TERM_CHECK"), "docker-debug", "sh", "-c", "echo \"$TERM\"");
        assertEquals(0, r.exitCode(), r.stderr());
        return r.stdout().strip();
    }

    /** relay.sh carries one connection to a port of the sidecar's network namespace (the target's, in a session). */
    @Test
    void relayCarriesAConnectionToALocalPort() {
        Engine.docker("exec", "-d", sidecar.id(), "nc", "-ll", "-p", "7001", "-e", "echo", "relayed");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Engine.Result r = inSidecar(SidecarScriptTexts.text("RELAY"), "relay", "7001");
        // Until the listener is up, nc is refused.
        while (!r.stdout().equals("relayed\n") && System.nanoTime() < deadline) {
            r = inSidecar(SidecarScriptTexts.text("RELAY"), "relay", "7001");
        }
        assertEquals("relayed\n", r.stdout(), r.stderr());
        assertEquals(0, r.exitCode(), r.stderr());
    }

    /**
     * mount-layers.sh mounts the layers (an image's on a throwaway layer, a container's on its own
     * upper layer), binds the volumes, runs the command there; mounts nothing twice (a kept
     * sidecar); where it cannot mount, it ends with 125 and a line saying so (after mount's own).
     */
    @Test
    void mountLayersShowsTheLayersAndVolumesAndWritesToTheUpperLayer() {
        Engine.Result setUp = inSidecar("mkdir -p /tmp/layers && mount -t tmpfs tmpfs /tmp/layers"
                + " && cd /tmp/layers && mkdir -p top bottom c/diff c/work /.docker-debug-volumes/0"
                + " && echo bottom >bottom/f && echo bottom >bottom/g && echo top >top/g && echo volume >/.docker-debug-volumes/0/v");
        assertEquals(0, setUp.exitCode(), setUp.stderr());
        String layers = "/tmp/layers/top:/tmp/layers/bottom";

        Engine.Result image = inSidecar(SidecarScriptTexts.text("MOUNT_LAYERS"), "docker-debug", "/tmp/image", layers,
                "", "", "", "1", "0", "/data", "sh", "-c", "cat f g data/v; echo \"$PWD\"; echo new >new");
        assertEquals(0, image.exitCode(), image.stderr());
        assertEquals(List.of("bottom", "top", "volume", "/tmp/image"), image.stdout().strip().lines().toList());
        assertEquals("new", Engine.docker("exec", sidecar.id(), "cat", "/.docker-debug-throwaway/upper/new"),
                "an image's changes go to the throwaway layer");

        Engine.Result container = inSidecar(SidecarScriptTexts.text("MOUNT_LAYERS"), "docker-debug", "/tmp/container",
                layers, "/tmp/layers/c/diff", "/tmp/layers/c/work", "/tmp/container/data", "1", "0", "/data",
                "sh", "-c", "cat v; echo \"$PWD\"; echo changed >../f");
        assertEquals(0, container.exitCode(), container.stderr());
        assertEquals(List.of("volume", "/tmp/container/data"), container.stdout().strip().lines().toList());
        assertEquals("changed", Engine.docker("exec", sidecar.id(), "cat", "/tmp/layers/c/diff/f"),
                "a container's changes go to its own upper layer");
        assertEquals("bottom", Engine.docker("exec", sidecar.id(), "cat", "/tmp/layers/bottom/f"));

        Engine.Result kept = inSidecar(SidecarScriptTexts.text("MOUNT_LAYERS"), "docker-debug", "/tmp/container",
                layers, "/tmp/layers/c/diff", "/tmp/layers/c/work", "", "1", "0", "/data", "cat", "f", "data/v");
        assertEquals(0, kept.exitCode(), kept.stderr());
        assertEquals(List.of("changed", "volume"), kept.stdout().strip().lines().toList());
        String mounts = Engine.docker("exec", sidecar.id(), "cat", "/proc/mounts");
        assertEquals(1, mounts.lines().filter(l -> l.split(" ")[1].equals("/tmp/container")).count(), mounts);
        assertEquals(1, mounts.lines().filter(l -> l.split(" ")[1].equals("/tmp/container/data")).count(), mounts);

        Engine.Result refused = exec(sidecar.id(), List.of("-u", "65534"), SidecarScriptTexts.text("MOUNT_LAYERS"),
                "docker-debug", "/tmp/refused", layers, "", "", "", "0", "true");
        assertEquals(125, refused.exitCode(), refused.stdout());
        List<String> said = refused.stderr().strip().lines().toList();
        assertTrue(said.get(said.size() - 1).startsWith("docker-debug: cannot mount the target's files: "), refused.stderr());
    }
}

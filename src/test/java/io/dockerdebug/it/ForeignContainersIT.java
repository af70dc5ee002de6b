package io.dockerdebug.it;

import io.dockerdebug.it.Engine.Result;
import io.dockerdebug.debug.StaleSidecars;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.dockerdebug.it.Engine.TOOLBOX;
import static io.dockerdebug.it.Engine.cmd;
import static io.dockerdebug.it.Engine.debug;
import static io.dockerdebug.it.Engine.docker;
import static io.dockerdebug.it.Engine.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What docker-debug may remove or reuse on a real engine: only sidecars it created, of clients
 * proven gone. Look-alikes (an image built with our labels, a docker commit of a sidecar) and the
 * sidecars of clients it cannot see (a /proc mounted hidepid, another user's process) stay.
 */
class ForeignContainersIT {
    @RegisterExtension
    static final RunningTarget target = new RunningTarget(Engine.TARGET);
    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    final List<String> containers = new ArrayList<>();
    final List<String> images = new ArrayList<>();
    final List<String> volumes = new ArrayList<>();
    final List<Process> processes = new ArrayList<>();

    @AfterEach
    void cleanUp() throws InterruptedException {
        for (Process p : processes) {
            p.destroyForcibly();
            p.waitFor();
        }
        for (String c : containers) {
            run(cmd("docker", "rm", "-f", c), null, 60);
        }
        for (String i : images) {
            run(cmd("docker", "rmi", "-f", i), null, 60);
        }
        for (String v : volumes) {
            run(cmd("docker", "volume", "rm", "-f", v), null, 60);
        }
    }

    private static boolean exists(String container) {
        return run(cmd("docker", "inspect", "-f", "{{.Id}}", container), null, 60).exitCode() == 0;
    }

    private static String bootId() throws IOException {
        return Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip();
    }

    private static String pidNamespace() throws IOException {
        return Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString().replaceAll("\\D", "");
    }

    private static String startTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ")[19];
    }

    /** The client label of a process of this machine that has ended: a proven-dead client. */
    private static String deadClient() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return bootId() + "/" + pidNamespace() + "/" + p.pid() + "/t1";
    }

    /** A running sidecar made the way docker-debug makes one, with this client label. */
    private String sidecarOf(String client) {
        String id = StaleSidecars.create(null, target.id(), TOOLBOX, client, true);
        containers.add(id);
        return id;
    }

    /**
     * An image built with our labels (and an anonymous volume): neither a stopped container made
     * from it, nor a running one shaped like a sidecar, is removed by prune, by the sweep of a
     * session, or by rm, and the volume stays.
     */
    @Test
    void containersOfAnImageWithOurLabelsAreNeverRemoved() throws Exception {
        String image = "docker-debug-test/lookalike-" + RUN;
        String dockerfile = "FROM " + Engine.TARGET + "\n"
                + "LABEL io.docker-debug.sidecar=true io.docker-debug.target=" + target.id()
                + " io.docker-debug.client=" + deadClient() + "\n"
                + "VOLUME /data\n";
        Result build = run(cmd("env", "DOCKER_BUILDKIT=0", "docker", "build", "-q", "-t", image, "-"),
                dockerfile.getBytes(StandardCharsets.UTF_8), 300);
        images.add(image);
        assertEquals(0, build.exitCode(), build.stderr());
        String stopped = docker("create", image, "sleep", "600");
        containers.add(stopped);
        String volume = docker("inspect", "-f", "{{range .Mounts}}{{.Name}}{{end}}", stopped);
        volumes.add(volume);
        assertFalse(volume.isEmpty(), "an anonymous volume");
        // Everything like a sidecar but where its labels come from.
        String running = docker("run", "-d", "-i", "--rm", "--pid", "container:" + target.id(),
                "--network", "container:" + target.id(), "--entrypoint", "/bin/sh", image);
        containers.add(running);

        Result prune = run(debug("prune"), null, 120);
        assertEquals(0, prune.exitCode(), prune.stderr());
        Result session = run(debug("-i", TOOLBOX, target.id(), "true"), null, 120);
        assertEquals(0, session.exitCode(), session.stderr());
        Result rm = run(debug("rm", running), null, 120);
        assertEquals(1, rm.exitCode(), rm.stdout());
        assertTrue(rm.stderr().contains("not a sidecar docker-debug created"), rm.stderr());
        Result ps = run(debug("ps"), null, 120);
        assertEquals(0, ps.exitCode(), ps.stderr());
        assertFalse(ps.stdout().contains(running.substring(0, 12)), "ps lists a look-alike: " + ps.stdout());

        assertTrue(exists(stopped), "prune or the sweep removed a container that is not ours: " + prune.stdout());
        assertTrue(exists(running), "removed a running look-alike");
        assertEquals(volume, docker("volume", "inspect", "-f", "{{.Name}}", volume));

        // The control: a real sidecar of the same dead client is removed by the same prune.
        String ours = sidecarOf(deadClient());
        Result again = run(debug("prune"), null, 120);
        assertRemoved(ours, again);
    }

    /**
     * The sidecar of a dead client is gone after prune: removed by it (and named), or already by
     * the background sweep of a session that ran meanwhile on the same engine.
     */
    private static void assertRemoved(String sidecar, Result prune) {
        assertEquals(0, prune.exitCode(), prune.stderr());
        // Other tests' dead clients (FaultIT kills them on purpose) may be pruned with it: ids only.
        assertTrue(prune.stdout().lines().allMatch(l -> l.matches("[0-9a-f]{64}")), prune.stdout());
        assertFalse(exists(sidecar), "the sidecar of a client proven gone stays");
    }

    /**
     * A docker commit of a kept sidecar carries its labels and command: a container run from it
     * is neither reused by --keep nor removed by rm --all.
     */
    @Test
    void aCommitOfAKeptSidecarIsNeitherReusedNorRemoved() {
        Result keep = run(debug("--keep", "-i", TOOLBOX, target.id(), "true"), null, 120);
        assertEquals(0, keep.exitCode(), keep.stderr());
        String kept = docker("ps", "-q", "--no-trunc", "--filter", "label=io.docker-debug.keep=true",
                "--filter", "label=io.docker-debug.target=" + target.id());
        assertFalse(kept.isEmpty() || kept.contains("\n"), "one kept sidecar: " + kept);
        containers.add(kept);
        String image = "docker-debug-test/committed-" + RUN;
        docker("commit", kept, image);
        images.add(image);
        Result rm = run(debug("rm", kept), null, 120);
        assertEquals(0, rm.exitCode(), rm.stderr());
        String copy = docker("run", "-d", "--rm", "--pid", "container:" + target.id(),
                "--network", "container:" + target.id(), image);
        containers.add(copy);

        Result again = run(debug("--keep", "-i", TOOLBOX, target.id(), "true"), null, 120);
        assertEquals(0, again.exitCode(), again.stderr());
        assertTrue(again.stderr().contains("keeping sidecar"), "a new kept sidecar, not the copy: " + again.stderr());
        List<String> newKept = docker("ps", "-q", "--no-trunc", "--filter", "label=io.docker-debug.keep=true",
                "--filter", "label=io.docker-debug.target=" + target.id()).lines().filter(id -> !id.equals(copy)).toList();
        assertEquals(1, newKept.size(), newKept.toString());
        containers.addAll(newKept);
        Result ps = run(debug("ps"), null, 120);
        assertEquals(0, ps.exitCode(), ps.stderr());
        assertTrue(ps.stdout().contains(newKept.getFirst().substring(0, 12)), "ps lists the real kept sidecar: " + ps.stdout());
        assertFalse(ps.stdout().contains(copy.substring(0, 12)), "ps lists the committed copy: " + ps.stdout());
        Result all = run(debug("rm", "--all", "--target", target.id()), null, 120);
        assertEquals(0, all.exitCode(), all.stderr());
        assertEquals(1, all.stdout().lines().count(), "the new kept sidecar only: " + all.stdout());
        assertFalse(copy.startsWith(all.stdout().strip()), all.stdout());
        assertTrue(exists(copy), "rm --all removed the committed copy");
    }

    /**
     * A client whose process this user cannot see (/proc mounted hidepid=2, the process another
     * user's) is alive: prune run as that user keeps its sidecar. Once the process has ended,
     * kill(pid, 0) proves it gone and the same prune removes the sidecar.
     */
    @Test
    void aSidecarOfAClientHiddenByHidepidIsKept() throws Exception {
        assertEquals("root", System.getProperty("user.name"), "mounting a hidepid /proc needs root");
        Process client = new ProcessBuilder("sleep", "600").start();
        processes.add(client);
        String sidecar = sidecarOf(bootId() + "/" + pidNamespace() + "/" + client.pid() + "/t" + startTicks(client.pid()));
        String socket = System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
        int gid = (Integer) Files.getAttribute(Path.of(socket.replaceFirst("^unix://", "")), "unix:gid");
        List<String> hidden = cmd("unshare", "--mount", "--propagation", "private", "sh", "-c",
                "mount -t proc -o hidepid=2 proc /proc && exec setpriv --reuid=65534 --regid=" + gid
                        + " --clear-groups env HOME=/nonexistent \"$0\" prune", Engine.launcher());

        Result prune = run(hidden, null, 120);
        assertEquals(0, prune.exitCode(), prune.stderr());
        assertEquals("", prune.stdout(), "removed the sidecar of a live client it cannot see");
        assertTrue(exists(sidecar));

        client.destroy();
        client.waitFor();
        assertRemoved(sidecar, run(hidden, null, 120));
    }
}

package io.dockerdebug.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.dockerdebug.it.Engine.TOOLBOX;
import static io.dockerdebug.it.Engine.debug;
import static io.dockerdebug.it.Engine.docker;
import static io.dockerdebug.it.Engine.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What only Podman does (run in the engine-podman execution only): pods, an IPC namespace its
 * inspect calls shareable though it is not. The rest of Podman is covered by the shared ITs.
 */
class PodmanIT {
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final List<String> containers = new ArrayList<>();
    private String pod;

    @BeforeEach
    void isPodman() {
        Engine.require();
        String version = docker("version", "--format", "{{range .Server.Components}}{{.Name}} {{end}}");
        if (!version.contains("Podman")) {
            fail("PodmanIT runs against Podman only (DOCKER_HOST=" + System.getenv("DOCKER_HOST") + "): " + version);
        }
    }

    @AfterEach
    void cleanUp() {
        for (String c : containers) {
            run(Engine.cmd("docker", "rm", "-f", c), null, 60);
        }
        if (pod != null) {
            run(podman("pod", "rm", "-f", pod), null, 60);
        }
    }

    /** Podman's own CLI on the engine the suite uses (pods have no Docker API). */
    private static List<String> podman(String... args) {
        List<String> all = new ArrayList<>(List.of("podman", "--url", System.getenv("DOCKER_HOST")));
        all.addAll(List.of(args));
        return all;
    }

    private String target(String... runArgs) {
        List<String> cmd = podman("run", "-d");
        cmd.addAll(List.of(runArgs));
        cmd.add(Engine.TARGET);
        Engine.Result r = run(cmd, null, 60);
        assertEquals(0, r.exitCode(), r.stderr());
        String id = r.stdout().trim();
        containers.add(id);
        return id;
    }

    @Test
    void aTargetInAPodIsJoinedByItsNamespaces() {
        pod = "dd-it-pod-" + suffix;
        Engine.Result created = run(podman("pod", "create", "--name", pod), null, 60);
        assertEquals(0, created.exitCode(), created.stderr());
        String id = target("--pod", pod);
        Engine.Result r = run(debug("-i", TOOLBOX, id, "sh", "-c",
                "cat /mnt/container/etc/target-marker; ps -o pid,args"), null, 60);
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().startsWith("hello from the target\n"), r.stdout());
        assertTrue(r.stdout().contains("sleep 1000000"), "in the target's pid namespace: " + r.stdout());
        Engine.awaitNoSidecarOf(id, Duration.ofSeconds(20));
        // Joined by path, the sidecar is no dependent of the target: the target can go at once.
        assertEquals(0, run(Engine.cmd("docker", "rm", "-f", id), null, 60).exitCode());
    }

    @Test
    void aPrivateIpcTargetIsDebuggedWithoutItsIpcUnlessAsked() {
        String id = target("--ipc", "private");
        Engine.Result r = run(debug("-i", TOOLBOX, id, "cat", "/mnt/container/etc/target-marker"), null, 60);
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("hello from the target\n", r.stdout());
        assertEquals("", r.stderr(), "the IPC namespace not joined is said under --debug only");
        Engine.Result debugged = run(debug("--debug", "-i", TOOLBOX, id, "true"), null, 60);
        assertEquals(0, debugged.exitCode(), debugged.stderr());
        assertTrue(debugged.stderr().contains("not joining IPC"), debugged.stderr());
        Engine.Result asked = run(debug("-i", TOOLBOX, "--ipc", id, "true"), null, 60);
        assertEquals(125, asked.exitCode(), asked.stderr());
        assertEquals(1, asked.stderr().strip().lines().count(), asked.stderr());
        assertFalse(asked.stderr().contains("Error:"), asked.stderr());
        Engine.awaitNoSidecarOf(id, Duration.ofSeconds(20));
    }
}

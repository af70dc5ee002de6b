package io.dockerdebug.it;

import io.dockerdebug.it.Engine.Result;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static io.dockerdebug.it.Engine.TOOLBOX;
import static io.dockerdebug.it.Engine.debug;
import static io.dockerdebug.it.Engine.docker;
import static io.dockerdebug.it.Engine.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Targets that do not run: a stopped (exited or created) container, debugged through its own
 * files and volumes, and an image on a throwaway layer ({@code --image-target}). Both need the
 * overlay layers that the engine reports in GraphDriver.Data: an engine without them (vfs, the
 * containerd snapshotter) gets one line and exit code 125, and nothing is left behind.
 */
class NotRunningIT {
    /** A target that fails until /etc/fixed exists, after writing to its volume. */
    private static final String FAILS_UNTIL_FIXED = "echo from-the-volume > /data/v; test -f /etc/fixed || exit 3; echo started";

    private static Result session(String sidecarsOf, String... args) {
        List<String> all = new ArrayList<>(List.of("-i", TOOLBOX));
        all.addAll(Arrays.asList(args));
        Result r = run(debug(all.toArray(String[]::new)), null, 60);
        Engine.awaitNoSidecarOf(sidecarsOf, Duration.ofSeconds(10));
        return r;
    }

    /** Whether the engine reports overlay layers for this container or image (its inspect's GraphDriver.Data). */
    private static boolean hasLayers(String containerOrImage) {
        return docker("inspect", "-f", "{{with .GraphDriver.Data}}{{index . \"UpperDir\"}}{{end}}", containerOrImage)
                .startsWith("/");
    }

    /** The refusal on an engine without overlay layers: one line that names the target, 125, no output. */
    private static void assertRefused(Result r, String target) {
        assertEquals(125, r.exitCode(), r.stderr());
        assertEquals("", r.stdout());
        List<String> err = r.stderr().lines().toList();
        assertEquals(1, err.size(), r.stderr());
        assertTrue(err.getFirst().startsWith("docker-debug: ") && err.getFirst().contains(target), r.stderr());
    }

    private static String name() {
        return "docker-debug-it-stopped-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void awaitExited(String id) {
        String code = docker("wait", id);
        assertEquals("3", code, "the target fails before the fix");
    }

    @Test
    void anExitedContainersFilesAndVolumesAreItsOwnAndAFixMakesTheNextStartWork() {
        String name = name();
        String id = docker("run", "-d", "--name", name, "-v", "/data", Engine.TARGET, "sh", "-c", FAILS_UNTIL_FIXED);
        try {
            awaitExited(id);
            Result r = session(id, id, "sh", "-c",
                    "cat /mnt/container/etc/target-marker /mnt/container/data/v; touch /mnt/container/etc/fixed; pwd");
            if (!hasLayers(id)) {
                assertRefused(r, name);
                return;
            }
            assertEquals(0, r.exitCode(), r.stderr());
            assertEquals("hello from the target\nfrom-the-volume\n/mnt/container\n", r.stdout());
            assertEquals(1, r.stderr().lines().count(), "one line says what differs: " + r.stderr());
            assertTrue(r.stderr().startsWith("docker-debug: "), r.stderr());

            assertEquals("A /etc/fixed", docker("diff", id).lines().filter(l -> l.contains("fixed")).findFirst()
                    .orElse("the fix is not in the container's own filesystem"));
            Result start = run(Engine.cmd("docker", "start", "-a", id), null, 60);
            assertEquals(0, start.exitCode(), start.stderr());
            assertEquals("started\n", start.stdout());
        } finally {
            docker("rm", "-f", "-v", id);
        }
    }

    @Test
    void aCreatedContainerThatNeverRanShowsItsImagesFiles() {
        String name = name();
        String id = docker("create", "--name", name, Engine.TARGET);
        try {
            Result r = session(id, id, "cat", "/mnt/container/etc/target-marker");
            if (!hasLayers(id)) {
                assertRefused(r, name);
                return;
            }
            assertEquals(0, r.exitCode(), r.stderr());
            assertEquals("hello from the target\n", r.stdout());
        } finally {
            docker("rm", "-f", id);
        }
    }

    @Test
    void theExitCodeOfTheCommandPassesThroughAndAMissingCommandIs127() {
        String name = name();
        String id = docker("create", "--name", name, Engine.TARGET);
        try {
            if (!hasLayers(id)) {
                assertRefused(session(id, id, "sh", "-c", "exit 7"), name);
                return;
            }
            assertEquals(7, session(id, id, "sh", "-c", "exit 7").exitCode());
            assertEquals(127, session(id, id, "no-such-program").exitCode());
        } finally {
            docker("rm", "-f", id);
        }
    }

    @Test
    void anImageTargetIsAThrowawayLayerThatNeverRuns() {
        String image = docker("image", "inspect", "-f", "{{.Id}}", Engine.SCRATCH);
        Result r = session(image, "--image-target", Engine.SCRATCH, "sh", "-c",
                "cat /mnt/container/marker; echo changed > /mnt/container/marker; ps -o comm");
        if (!hasLayers(image)) {
            assertRefused(r, Engine.SCRATCH);
            assertEquals(List.of(), Engine.sidecarsOf(image));
            return;
        }
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().startsWith("scratch target\n"), r.stdout());
        assertTrue(!r.stdout().contains("sleep"), "its command never ran: " + r.stdout());

        Result again = session(image, "--image-target", Engine.SCRATCH, "cat", "/mnt/container/marker");
        assertEquals("scratch target\n", again.stdout(), "the change went with the first session's layer");
    }

    @Test
    void aSigkilledClientLeavesNoSidecar() throws Exception {
        String name = name();
        String id = docker("create", "--name", name, Engine.TARGET);
        try {
            if (!hasLayers(id)) {
                assertRefused(session(id, id, "sleep", "300"), name);
                return;
            }
            Process p = new ProcessBuilder(debug("-i", TOOLBOX, id, "sleep", "300")).start();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            // Killed once its command runs (between create and start, a sidecar is prune's to remove).
            while (!Engine.run(Engine.cmd("docker", "top", sidecarOrNone(id)), null, 30).stdout().contains("sleep 300")) {
                if (System.nanoTime() > deadline || !p.isAlive()) {
                    p.destroyForcibly();
                    fail("no sidecar appeared for the session");
                }
                Thread.onSpinWait();
            }
            p.destroyForcibly().waitFor();
            Engine.awaitNoSidecarOf(id, Duration.ofSeconds(30));
        } finally {
            docker("rm", "-f", id);
        }
    }

    private static String sidecarOrNone(String targetId) {
        List<String> sidecars = Engine.sidecarsOf(targetId);
        return sidecars.isEmpty() ? "none" : sidecars.getFirst();
    }

    @Test
    void badImagesGetOneLineAnd125() {
        Result missing = run(debug("-i", TOOLBOX, "--pull", "never", "--image-target", "docker-debug-test/no-such:x",
                "true"), null, 60);
        assertEquals(125, missing.exitCode(), missing.stderr());
        assertEquals(1, missing.stderr().lines().count(), missing.stderr());
        assertTrue(missing.stderr().contains("docker-debug-test/no-such:x"), missing.stderr());

        Result foreign = run(debug("-i", TOOLBOX, "--image-target", Engine.ARM64, "true"), null, 60);
        assertEquals(125, foreign.exitCode(), foreign.stderr());
        assertEquals(1, foreign.stderr().lines().count(), foreign.stderr());
        assertTrue(foreign.stderr().contains("linux/arm64"), foreign.stderr());
    }
}

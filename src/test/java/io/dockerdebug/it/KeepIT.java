package io.dockerdebug.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.dockerdebug.it.Engine.TOOLBOX;
import static io.dockerdebug.it.Engine.debug;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** --keep leaves a sidecar for the next session to reuse; ps lists sidecars, rm removes them. */
class KeepIT {
    @RegisterExtension
    final RunningTarget target = new RunningTarget(Engine.TARGET);

    @AfterEach
    void removeSidecarsLeft() {
        List<String> left = Engine.sidecarsOf(target.id());
        if (!left.isEmpty()) {
            // Best effort (one may be on its way out already); they go with the target anyway.
            Engine.run(Engine.cmd("docker", Engine.cmd("rm", Engine.cmd("-f", left.toArray(String[]::new))
                    .toArray(String[]::new)).toArray(String[]::new)), null, 30);
        }
    }

    private Engine.Result kept(String... args) {
        List<String> all = new ArrayList<>(List.of("--keep", "-i", TOOLBOX));
        all.addAll(List.of(args));
        return Engine.run(debug(all.toArray(String[]::new)), null, 60);
    }

    private static String label(String container, String label) {
        return Engine.docker("inspect", "-f", "{{index .Config.Labels \"" + label + "\"}}", container);
    }

    @Test
    void aKeptSidecarOutlivesTheClientAndTheNextSessionReusesIt() {
        Engine.Result first = kept(target.id(), "sh", "-c", "echo kept-by-first >/tmp/marker; echo one");
        assertEquals(0, first.exitCode(), first.stderr());
        assertEquals("one\n", first.stdout());
        List<String> sidecars = Engine.sidecarsOf(target.id());
        assertEquals(1, sidecars.size(), "the kept sidecar is still there after the client ended");
        String sidecar = sidecars.getFirst();
        assertEquals("true", Engine.docker("inspect", "-f", "{{.State.Running}}", sidecar));
        assertEquals("true", label(sidecar, "io.docker-debug.keep"));
        assertFalse(label(sidecar, "io.docker-debug.config").isEmpty());

        // The second session runs in the same container: it sees the first one's file in the sidecar's /tmp.
        Engine.Result second = kept(target.id(), "cat", "/tmp/marker");
        assertEquals(0, second.exitCode(), second.stderr());
        assertEquals("kept-by-first\n", second.stdout());
        assertEquals(List.of(sidecar), Engine.sidecarsOf(target.id()));

        // Exit codes still come through a reused sidecar.
        assertEquals(7, kept(target.id(), "sh", "-c", "exit 7").exitCode());
        assertEquals(127, kept(target.id(), "no-such-command").exitCode());
        assertEquals(List.of(sidecar), Engine.sidecarsOf(target.id()));
    }

    @Test
    void otherOptionsGetAnotherSidecarAndSessionsWithoutKeepLeaveNothing() {
        assertEquals(0, kept(target.id(), "true").exitCode());
        assertEquals(0, kept("--cap-add", "SYS_PTRACE", target.id(), "true").exitCode());
        assertEquals(2, Engine.sidecarsOf(target.id()).size(), "one kept sidecar per image and options");

        Engine.Result plain = Engine.run(debug("-i", TOOLBOX, target.id(), "cat", "/proc/1/cmdline"), null, 60);
        assertEquals(0, plain.exitCode(), plain.stderr());
        assertEquals(2, Engine.sidecarsOf(target.id()).size(), "a session without --keep neither reuses nor leaves one");
    }

    @Test
    void aKeptSidecarGoesAwayWithItsTarget() {
        assertEquals(0, kept(target.id(), "true").exitCode());
        assertEquals(1, Engine.sidecarsOf(target.id()).size());
        Engine.docker("kill", target.id());
        Engine.awaitNoSidecarOf(target.id(), Duration.ofSeconds(20));
    }

    @Test
    void psListsKeptAndLiveSidecarsAndRmRemovesThem() throws Exception {
        assertEquals(0, kept(target.id(), "true").exitCode());
        String keptId = Engine.sidecarsOf(target.id()).getFirst();
        Process live = new ProcessBuilder(debug("-i", TOOLBOX, "-T", target.id(), "sleep", "300"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String liveId = awaitRunningSidecars(2).stream().filter(s -> !s.equals(keptId)).findFirst().orElseThrow();
            String name = target.name();

            Engine.Result ps = Engine.run(debug("ps"), null, 30);
            assertEquals(0, ps.exitCode(), ps.stderr());
            assertTrue(ps.stdout().startsWith("SIDECAR ID"), ps.stdout());
            String keptLine = line(ps.stdout(), keptId.substring(0, 12));
            assertTrue(keptLine.contains(name) && keptLine.contains(TOOLBOX) && keptLine.contains(" kept "), keptLine);
            assertTrue(keptLine.contains("ago"), keptLine);
            String liveLine = line(ps.stdout(), liveId.substring(0, 12));
            assertTrue(liveLine.contains(name) && liveLine.contains(" live "), liveLine);
            assertTrue(Engine.run(debug("ps", "-q"), null, 30).stdout().lines().toList().contains(keptId.substring(0, 12)));

            // rm --all --target: the kept sidecars of that target only; a live session keeps its own.
            Engine.Result rmAll = Engine.run(debug("rm", "--all", "--target", target.id()), null, 30);
            assertEquals(0, rmAll.exitCode(), rmAll.stderr());
            assertEquals(keptId.substring(0, 12) + "\n", rmAll.stdout());
            assertEquals(List.of(liveId.substring(0, 12)), Engine.sidecarsOf(target.id()));

            // rm SIDECAR (a unique prefix) removes that one; the session using it ends.
            Engine.Result rm = Engine.run(debug("rm", liveId.substring(0, 10)), null, 30);
            assertEquals(0, rm.exitCode(), rm.stderr());
            assertTrue(live.waitFor(30, TimeUnit.SECONDS), "the session ended with its sidecar");
            Engine.awaitNoSidecarOf(target.id(), Duration.ofSeconds(10));
        } finally {
            live.destroyForcibly();
        }
    }

    @Test
    void rmRefusesWhatIsNotASidecar() {
        Engine.Result r = Engine.run(debug("rm", target.id()), null, 30);
        assertEquals(1, r.exitCode());
        assertTrue(r.stderr().contains("no such sidecar"), r.stderr());
        assertEquals("true", Engine.docker("inspect", "-f", "{{.State.Running}}", target.id()), "the target is untouched");

        Engine.Result none = Engine.run(debug("rm"), null, 30);
        assertEquals(125, none.exitCode());
        assertNotEquals("", none.stderr());
    }

    private List<String> awaitRunningSidecars(int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            String out = Engine.docker("ps", "-q", "--no-trunc", "--filter", "label=io.docker-debug.target=" + target.id(),
                    "--filter", "status=running");
            List<String> ids = out.isEmpty() ? List.of() : List.of(out.split("\\s+"));
            if (ids.size() == count) {
                return ids;
            }
            Thread.onSpinWait();
        }
        fail("not " + count + " running sidecars of " + target.id());
        return List.of();
    }

    private static String line(String table, String start) {
        return table.lines().filter(l -> l.startsWith(start)).findFirst()
                .orElseThrow(() -> new AssertionError("no line for " + start + " in:\n" + table));
    }
}

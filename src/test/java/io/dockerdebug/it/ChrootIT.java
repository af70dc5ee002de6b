package io.dockerdebug.it;

import io.dockerdebug.it.Engine.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.dockerdebug.it.Engine.TOOLBOX;
import static io.dockerdebug.it.Engine.debug;
import static io.dockerdebug.it.Engine.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --chroot}: sessions whose {@code /} is the target's root, the toolbox's programs on PATH. */
class ChrootIT {
    /** A toolbox linked dynamically against musl, as alpine's and netshoot's (scripts/test-engine.sh). */
    static final String MUSL_TOOLBOX = "docker-debug-test/musl-toolbox:latest";
    @RegisterExtension
    static final RunningTarget target = new RunningTarget(Engine.TARGET);

    private static Result session(String targetId, String... args) {
        return sessionWith(TOOLBOX, targetId, args);
    }

    private static Result sessionWith(String toolbox, String targetId, String... args) {
        List<String> all = new ArrayList<>(List.of("-i", toolbox));
        all.addAll(Arrays.asList(args));
        Result r = run(debug(all.toArray(String[]::new)), null, 60);
        Engine.awaitNoSidecarOf(targetId, Duration.ofSeconds(10));
        return r;
    }

    private static List<String> lines(String s) {
        return s.lines().toList();
    }

    @Test
    void slashIsTheTargetsRootAndTheExitCodePassesThrough() {
        Result r = session(target.id(), "--chroot", target.id(), "sh", "-c",
                "cat /etc/target-marker; ls /etc; pwd; ps; [ -e /etc/docker-debug-toolbox ] || echo no-toolbox-file; exit 7");
        assertEquals(7, r.exitCode(), r.stderr());
        List<String> out = lines(r.stdout());
        assertEquals("hello from the target", out.getFirst(), r.stdout());
        assertTrue(out.contains("target-marker"), "ls /etc lists the target's files: " + r.stdout());
        assertTrue(out.contains("/"), "starts in the target's /: " + r.stdout());
        assertTrue(r.stdout().contains("sleep 1000000"), "ps shows the target's processes: " + r.stdout());
        assertTrue(out.contains("no-toolbox-file"), "the toolbox's own files are not at /: " + r.stdout());
        assertEquals("", r.stderr());
    }

    @Test
    void aTargetWithoutAShellGetsTheToolboxsShellAndProgramsAndWorkdirIsInTheTarget() {
        try (RunningTarget scratch = new RunningTarget(Engine.SCRATCH).startNow()) {
            String sid = scratch.id();
            Result r = session(sid, "--chroot", "-w", "/etc", sid, "sh", "-c", "pwd; cat /marker; ls /");
            assertEquals(0, r.exitCode(), r.stderr());
            List<String> out = lines(r.stdout());
            assertEquals(List.of("/etc", "scratch target"), out.subList(0, 2), r.stdout());
            assertTrue(out.contains("busybox") && out.contains("marker") && !out.contains("bin"),
                    "ls / lists the scratch target's root: " + r.stdout());
        }
    }

    @Test
    void aToolboxLinkedAgainstALoaderTheTargetLacksRunsThroughItsOwnAndWritesNothingInTheTarget() {
        try (RunningTarget scratch = new RunningTarget(Engine.SCRATCH).startNow()) {
            String sid = scratch.id();
            // The toolbox's own programs cannot run in the target as they are: its loader is not there.
            Result direct = run(Engine.cmd("docker", "exec", sid, "/busybox", "ls", "/lib"), null, 60);
            assertTrue(direct.exitCode() != 0, "the scratch target has no /lib: " + direct.stdout());
            String before = Engine.docker("diff", sid);

            Result r = sessionWith(MUSL_TOOLBOX, sid, "--chroot", sid, "sh", "-c",
                    "ls /; ps; sed -i s/scratch/edited/ /marker; cat /marker; "
                            + "[ -e /etc/docker-debug-toolbox ] || echo no-toolbox-file; exit 7");
            assertEquals(7, r.exitCode(), r.stderr());
            assertEquals("", r.stderr());
            List<String> out = lines(r.stdout());
            assertTrue(out.contains("busybox") && out.contains("marker") && !out.contains("bin") && !out.contains("lib"),
                    "ls / lists the target's root: " + r.stdout());
            assertTrue(r.stdout().contains("/busybox sleep 1000000"), "ps shows the target's processes: " + r.stdout());
            assertTrue(out.contains("edited target"), "sed edited the target's file: " + r.stdout());
            assertTrue(out.contains("no-toolbox-file"), "the toolbox's own files are not at /: " + r.stdout());

            Result ls = sessionWith(MUSL_TOOLBOX, sid, "--chroot", "-w", "/etc", sid, "ls", "/no-such-dir");
            assertEquals(1, ls.exitCode(), "ls's own exit code: " + ls.stderr());
            assertTrue(ls.stderr().contains("/no-such-dir"), ls.stderr());
            assertEquals(127, sessionWith(MUSL_TOOLBOX, sid, "--chroot", sid, "no-such-program").exitCode());

            List<String> changed = new ArrayList<>(lines(Engine.docker("diff", sid)));
            changed.removeAll(lines(before));
            assertEquals(List.of("C /marker"), changed, "only the edited file changed in the target");
        }
    }

    @Test
    void aReadOnlyTargetWorks() {
        try (RunningTarget ro = new RunningTarget(Engine.TARGET)
                .with(c -> c.withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withReadonlyRootfs(true)))
                .startNow()) {
            String rid = ro.id();
            Result r = session(rid, "--chroot", rid, "cat", "/etc/target-marker");
            assertEquals(0, r.exitCode(), r.stderr());
            assertEquals("hello from the target\n", r.stdout());
        }
    }

    @Test
    void shellsAndPagersKeepTheirHistoryOutOfTheTarget() {
        // busybox ash, bash and less write history under $HOME, which is in the target here.
        Result r = session(target.id(), "--chroot", target.id(), "sh", "-c", "echo \"$HISTFILE $LESSHISTFILE\"");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("/dev/null /dev/null\n", r.stdout());
    }

    @Test
    void aMissingCommandIs127() {
        Result r = session(target.id(), "--chroot", target.id(), "no-such-program");
        assertEquals(127, r.exitCode(), r.stderr());
    }

    @Test
    void withoutCapSysChrootOneLineSaysWhyAndTheSessionEndsWith125() {
        Result r = session(target.id(), "--chroot", "-u", "65534", target.id(), "ls");
        assertEquals(125, r.exitCode(), r.stderr());
        List<String> err = lines(r.stderr());
        assertEquals(1, err.size(), r.stderr());
        assertTrue(err.getFirst().startsWith("docker-debug: ") && err.getFirst().contains("--user"), r.stderr());
        assertEquals("", r.stdout());
    }

    @Test
    void theConfigFilesChrootKeyMakesItTheDefaultAndNoChrootWins() throws Exception {
        Path config = Files.createTempFile("docker-debug-chroot", ".toml");
        try {
            Files.writeString(config, "chroot = true\n");
            List<String> rooted = Engine.cmd("env", "DOCKER_DEBUG_CONFIG=" + config, Engine.launcher(), "-i", TOOLBOX,
                    target.id(), "cat", "/etc/target-marker");
            Result r = run(rooted, null, 60);
            assertEquals(0, r.exitCode(), r.stderr());
            assertEquals("hello from the target\n", r.stdout());
            Engine.awaitNoSidecarOf(target.id(), Duration.ofSeconds(10));

            List<String> plain = Engine.cmd("env", "DOCKER_DEBUG_CONFIG=" + config, Engine.launcher(), "-i", TOOLBOX,
                    "--no-chroot", target.id(), "cat", "/etc/docker-debug-toolbox");
            Result p = run(plain, null, 60);
            assertEquals(0, p.exitCode(), p.stderr());
            assertFalse(p.stdout().isEmpty(), "--no-chroot runs in the toolbox's root");
            Engine.awaitNoSidecarOf(target.id(), Duration.ofSeconds(10));
        } finally {
            Files.deleteIfExists(config);
        }
    }
}

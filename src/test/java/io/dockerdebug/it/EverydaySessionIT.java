package io.dockerdebug.it;

import com.github.dockerjava.api.model.RestartPolicy;
import io.dockerdebug.it.Engine.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.dockerdebug.it.Engine.TOOLBOX;
import static io.dockerdebug.it.Engine.debug;
import static io.dockerdebug.it.Engine.docker;
import static io.dockerdebug.it.Engine.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sessions as a demanding user runs them, through the real launcher on the real engine: the
 * command's own exit code (137 included) in and out of a TTY, a target that restarts, a closed
 * pipe, a loop that reads its list from stdin, the sidecar's name, TERM, and a quiet stderr.
 */
class EverydaySessionIT {
    // A private IPC namespace (Docker's default; an engine may default to shareable).
    @RegisterExtension
    static final RunningTarget target = new RunningTarget(Engine.TARGET).withIpc("private");

    private static List<String> args(String... args) {
        List<String> all = new ArrayList<>(List.of("-i", TOOLBOX));
        all.addAll(List.of(args));
        return debug(all.toArray(String[]::new));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "-T|exit 137",
            "-t|exit 137",
            "-T|kill -9 $$",
            "-t|kill -9 $$",
            "-T|sleep 100 & kill -9 $!; wait $!",
            "-T|exit 143",
            "-T|exit 7"})
    void theCommandsOwnExitCodeComesBackWithNothingSaid(String tty, String script) {
        int expected = script.startsWith("exit ") ? Integer.parseInt(script.substring(5)) : 137;
        Result r = run(args(tty, target.id(), "-c", script), null, 60);
        assertEquals(expected, r.exitCode(), r.stderr());
        assertFalse(r.stderr().contains("docker-debug"), "no 'session was lost', nothing of ours: " + r.stderr());
        Engine.awaitNoSidecarOf(target.id(), Duration.ofSeconds(10));
    }

    @Test
    void aTargetThatRestartsDuringTheSessionIsNamedAndTheCodeIs137() throws Exception {
        // Its main process ends when the file appears; the engine then starts it again.
        try (RunningTarget restarting = new RunningTarget(Engine.TARGET)
                .with(c -> c.withCommand("sh", "-c", "while [ ! -e /tmp/stop ]; do sleep 0.2; done; rm -f /tmp/stop")
                        .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withRestartPolicy(RestartPolicy.alwaysRestart())))
                .startNow()) {
            String rid = restarting.id();
            String rname = restarting.name();
            Result r = run(args("-T", rid, "-c", "touch /mnt/container/tmp/stop; exec sleep 300"), null, 120);
            assertEquals(137, r.exitCode(), r.stderr());
            assertEquals("docker-debug: target " + rname + " restarted during the session\n", r.stderr());
            Engine.awaitNoSidecarOf(rid, Duration.ofSeconds(20));
        }
    }

    @Test
    void aClosedPipeEndsQuietlyWith141StopsTheCommandAndRemovesTheSidecar() {
        // A count no other test uses, to find the command in the target's pid namespace.
        String count = "100000037";
        Result r = run(List.of("bash", "-c", "set -o pipefail; \"$@\" | head -1", "pipe",
                        Engine.launcher(), "-i", TOOLBOX, target.id(), "seq", "1", count), null, 120);
        assertEquals(141, r.exitCode(), r.stderr());
        assertEquals("1\n", r.stdout());
        assertEquals("", r.stderr());
        Engine.awaitNoSidecarOf(target.id(), Duration.ofSeconds(20));
        String ps = docker("exec", target.id(), "ps", "-o", "args");
        assertFalse(ps.contains("seq 1 " + count), "the remote command is stopped: " + ps);
    }

    @Test
    void withNoStdinALoopReadingItsListFromStdinRunsEveryLine() throws Exception {
        Path list = Files.createTempFile("docker-debug-list", ".txt");
        try {
            Files.writeString(list, target.id() + "\n" + target.id() + "\n" + target.id() + "\n");
            Result r = run(List.of("bash", "-c",
                    "while read c; do \"$@\" --no-stdin \"$c\" echo line; done < \"$0\"", list.toString(),
                    Engine.launcher(), "-i", TOOLBOX), null, 180);
            assertEquals(0, r.exitCode(), r.stderr());
            assertEquals("line\nline\nline\n", r.stdout(), r.stderr());
        } finally {
            Files.deleteIfExists(list);
        }
        Engine.awaitNoSidecarOf(target.id(), Duration.ofSeconds(10));
    }

    @Test
    void theSidecarIsNamedAfterItsTarget() throws Exception {
        try (RunningTarget dotted = new RunningTarget(Engine.TARGET)
                .with(c -> c.withCreateContainerCmdModifier(cmd -> cmd.withName("dd.it_" + Long.toHexString(System.nanoTime()) + "-x")))
                .startNow()) {
            String did = dotted.id();
            String dname = dotted.name();
            Process p = new ProcessBuilder(args("-T", did, "sleep", "60"))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                String sidecar = Signals.awaitSidecar(did);
                String sidecarName = docker("inspect", "-f", "{{.Name}}", sidecar).substring(1);
                assertTrue(sidecarName.matches(java.util.regex.Pattern.quote(dname) + "-debug-[0-9a-f]{8}"), sidecarName);
            } finally {
                p.destroy();
                assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            }
            Engine.awaitNoSidecarOf(did, Duration.ofSeconds(10));
        }
    }

    @Test
    void theEnginesOwnSlashedNameWorks() {
        Result r = run(args("/" + target.name(), "true"), null, 60);
        assertEquals(0, r.exitCode(), r.stderr());
        Engine.awaitNoSidecarOf(target.id(), Duration.ofSeconds(10));
    }

    /** A toolbox with a terminfo entry for xterm-256color only, in the "x/name" layout. */
    private static String toolboxWithTerminfo() {
        String image = "docker-debug-test/toolbox-terminfo:latest";
        Result built = run(List.of("sh", "-c", "printf '%s\\n' 'FROM " + TOOLBOX + "' "
                + "'RUN mkdir -p /usr/share/terminfo/x && touch /usr/share/terminfo/x/xterm-256color' "
                + "| docker build -q -t " + image + " -"), null, 120);
        assertEquals(0, built.exitCode(), built.stderr());
        return image;
    }

    @ParameterizedTest(name = "TERM={0} -> {1}")
    @CsvSource({
            "xterm-kitty, xterm-256color",
            "xterm-256color, xterm-256color"})
    void theTerminalsTermOnlyWhenTheToolboxKnowsIt(String term, String expected) {
        String image = toolboxWithTerminfo();
        Result r = run(List.of("env", "TERM=" + term, Engine.launcher(), "-i", image, "-t", target.id(), "sh", "-c",
                "echo \"[$TERM]\""), null, 60);
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("[" + expected + "]", r.stdout().trim());
        // The plain toolbox knows no terminal at all: the last fallback.
        Result plain = run(List.of("env", "TERM=" + term, Engine.launcher(), "-i", TOOLBOX, "-t", target.id(), "sh", "-c",
                "echo \"[$TERM]\""), null, 60);
        assertEquals("[xterm]", plain.stdout().trim(), plain.stderr());
        Engine.awaitNoSidecarOf(target.id(), Duration.ofSeconds(10));
    }

    @Test
    void aPrivateIpcNamespaceIsSaidOnlyUnderDebugAndDebugPrintsPhasesAsTheyHappen() {
        Result quiet = run(args(target.id(), "true"), null, 60);
        assertEquals(0, quiet.exitCode(), quiet.stderr());
        assertEquals("", quiet.stderr());

        Result debug = run(args("--debug", target.id(), "sh", "-c", "echo command-ran >&2"), null, 60);
        assertEquals(0, debug.exitCode(), debug.stderr());
        String err = debug.stderr();
        assertTrue(err.contains("not joining the IPC namespace of " + target.name() + ": it is private"), err);
        assertFalse(err.contains("\tat ") || err.contains("Runtime.exit"), "no stack trace on a clean exit: " + err);
        int started = err.indexOf("phase exec-started");
        int ran = err.indexOf("command-ran");
        int ended = err.indexOf("phase output-ended");
        assertTrue(started >= 0 && ran > started && ended > ran, "phases as they happen, around the output: " + err);
        Engine.awaitNoSidecarOf(target.id(), Duration.ofSeconds(10));
    }

    @Test
    void requiringAPrivateIpcNamespaceFailsInOneGrammaticalLine() {
        Result r = run(args("--ipc", target.id(), "true"), null, 60);
        assertEquals(125, r.exitCode());
        assertEquals("docker-debug: cannot join the IPC namespace of " + target.name()
                + ": it is private (start the target with --ipc shareable to share it)\n", r.stderr());
        assertEquals(List.of(), Engine.sidecarsOf(target.id()));
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}

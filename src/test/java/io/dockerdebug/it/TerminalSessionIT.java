package io.dockerdebug.it;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The real launcher in a real terminal: a tmux pane of fixed size runs a plain {@code sh}, into
 * which the tests type {@code docker-debug ...; echo EXIT=$?}, then talk to the sidecar's shell
 * and read the screen. Covers what only a terminal shows: raw mode, size and resize, Ctrl-C
 * reaching the remote command, detach keys, exit code passthrough and a sane terminal afterwards.
 *
 * <p>Every wait polls the pane for a marker the typed command line cannot contain itself
 * ({@code echo B3-$((3*7))} prints {@code B3-21}), up to a deadline.
 */
class TerminalSessionIT extends TmuxTargetTest {
    private static final Duration GONE_WITHIN = Duration.ofSeconds(20);
    /** The toolbox's login shell prompt (busybox sh -l in the mount dir). */
    private static final String REMOTE_PROMPT = "/mnt/container #";
    private static final Pattern TARGET_SLEEP = Pattern.compile("^\\s*1\\s+\\S+\\s+sleep 1000000$");

    @Test
    void interactiveShellSeesTheTargetFollowsResizeAndPassesCtrlCAndTheExitCode() {
        Set<String> flagsBefore = ttyFlags(outer("stty -a"));
        startDebugSession();
        assertEquals(1, Engine.sidecarsOf(target.id()).size(), "one sidecar while the session runs");

        // Shared pid namespace: the target's main process is pid 1 here.
        List<String> ps = remote("ps");
        assertTrue(ps.stream().anyMatch(l -> TARGET_SLEEP.matcher(l).matches()),
                "ps in the sidecar shows the target's sleep 1000000 as pid 1:\n" + String.join("\n", ps));

        // The target's root under the mount dir.
        List<String> ls = remote("ls /mnt/container/etc");
        assertTrue(ls.stream().anyMatch(l -> Arrays.asList(l.split("\\s+")).contains("target-marker")),
                "ls /mnt/container/etc lists target-marker:\n" + String.join("\n", ls));
        assertEquals(List.of("hello from the target"), remote("cat /mnt/container/etc/target-marker"));

        // The initial size, then a resize of the outer terminal (SIGWINCH to the launcher).
        assertEquals(List.of("30 100"), remote("stty size"));
        pane.resize(120, 40);
        assertEquals("120x40", pane.size(), "tmux resized the pane");
        awaitRemoteSize("40 120");

        // Ctrl-C is a byte in raw mode: it interrupts the remote command, not the launcher.
        String sidecar = Engine.sidecarsOf(target.id()).getFirst();
        pane.type("sleep 100");
        awaitSidecarRuns(sidecar, "sleep 100");
        pane.keys("C-c");
        // 130 = killed by SIGINT; well within the deadline, so far sooner than the 100 s sleep.
        int n = markers.incrementAndGet();
        pane.type("echo RC" + n + "-$?");
        pane.awaitLine("RC" + n + "-130");
        pane.type("echo alive");
        pane.awaitLine("alive");
        assertEquals(List.of("still-here"), remote("echo still-here"), "the same session goes on");

        // The command's exit code becomes the launcher's.
        pane.type("exit 7");
        pane.awaitLine("EXIT=7");
        Engine.awaitNoSidecarOf(target.id(), GONE_WITHIN);

        assertSaneTerminal(flagsBefore);
    }

    @Test
    void detachKeysEndTheSessionAndRemoveTheSidecar() {
        Set<String> flagsBefore = ttyFlags(outer("stty -a"));
        startDebugSession();
        assertEquals(1, Engine.sidecarsOf(target.id()).size(), "one sidecar while the session runs");

        pane.keys("C-p", "C-q");
        // The launcher says so on stderr and exits 0, as docker attach does on detach.
        List<String> screen = pane.awaitLine("EXIT=0");
        assertTrue(screen.stream().anyMatch(l -> l.contains("docker-debug: detached: the debug sidecar is removed")),
                "the launcher notes the detach:\n" + String.join("\n", screen));
        Engine.awaitNoSidecarOf(target.id(), GONE_WITHIN);

        assertSaneTerminal(flagsBefore);
    }

    /** Types the launcher command line into the outer shell and waits for the remote prompt. */
    private void startDebugSession() {
        pane.type(Engine.launcher() + " -i " + Engine.TOOLBOX + " " + target.id() + "; echo EXIT=$?");
        pane.awaitLine(REMOTE_PROMPT);
    }

    /** Runs {@code command} in the sidecar's shell; returns the lines it printed. */
    private List<String> remote(String command) {
        return between(command);
    }

    /** Runs {@code command} in the outer shell (no session running); returns the lines it printed. */
    private List<String> outer(String command) {
        return between(command);
    }

    /**
     * The resize reaches the engine asynchronously (signal, then an API call), so ask again
     * until the sidecar's terminal has the new size, up to the deadline.
     */
    private void awaitRemoteSize(String expected) {
        long deadline = System.nanoTime() + Tmux.DEFAULT_WAIT.toNanos();
        String last;
        do {
            int n = markers.incrementAndGet();
            String prefix = "Z" + n + "-";
            pane.type("echo Z" + n + "-$(stty size)");
            List<String> lines = pane.awaitLineStarting(prefix);
            last = lines.stream().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow()
                    .substring(prefix.length());
            if (last.equals(expected)) {
                return;
            }
            Tmux.pause();
        } while (System.nanoTime() - deadline < 0);
        fail("the sidecar's terminal stayed " + last + ", expected " + expected + "; the pane ends with:\n"
                + Tmux.tail(pane.lines()));
    }

    /** Polls {@code docker top} of the sidecar until a process runs {@code command}. */
    private static void awaitSidecarRuns(String sidecar, String command) {
        long deadline = System.nanoTime() + Tmux.DEFAULT_WAIT.toNanos();
        String top;
        do {
            top = Engine.docker("top", sidecar);
            if (top.lines().anyMatch(l -> l.stripTrailing().endsWith(" " + command))) {
                return;
            }
            Thread.onSpinWait();
        } while (System.nanoTime() - deadline < 0);
        fail("no process \"" + command + "\" in the sidecar:\n" + top);
    }

    /** The outer terminal is back in cooked mode with echo, and its flags are as before the session. */
    private void assertSaneTerminal(Set<String> flagsBefore) {
        // From outside first: a terminal left raw could not even run the typed check below.
        String tty = pane.tty();
        List<String> outside = Engine.run(List.of("stty", "-a", "-F", tty), null, 10).stdout().lines().toList();
        assertEquals(flagsBefore, ttyFlags(outside),
                "the flags of " + tty + " are restored:\n" + String.join("\n", outside));
        List<String> stty = outer("stty -a");
        Set<String> flags = ttyFlags(stty);
        String shown = String.join("\n", stty);
        assertTrue(flags.contains("icanon") && !flags.contains("-icanon"), "icanon is on:\n" + shown);
        assertTrue(flags.contains("echo") && !flags.contains("-echo"), "echo is on:\n" + shown);
        assertEquals(flagsBefore, flags, "the terminal's flags are restored");
    }
}

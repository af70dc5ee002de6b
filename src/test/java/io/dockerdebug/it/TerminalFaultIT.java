package io.dockerdebug.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A TTY session in a tmux pane ends by a signal or by its terminal going away: the launcher
 * exits, the sidecar is removed, and the pane's terminal is back in cooked mode with echo. Also
 * the odd terminals: TERM unset, a size of 0×0.
 */
class TerminalFaultIT extends TmuxTargetTest {
    private static final Duration GONE_WITHIN = Duration.ofSeconds(10);
    private static final String REMOTE_PROMPT = "/mnt/container #";

    /** The launcher's JVM running in the pane (the launcher script execs it). */
    private static ProcessHandle launcherProcess() {
        long deadline = System.nanoTime() + Tmux.DEFAULT_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            var found = ProcessHandle.allProcesses()
                    .filter(p -> p.info().commandLine().map(c -> c.contains("io.dockerdebug.cli.Main")
                            && c.contains(target.id())).orElse(false))
                    .findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Tmux.pause();
        }
        fail("no launcher process for " + target.id());
        return null;
    }

    /**
     * SIGTERM and SIGHUP from outside end a TTY session. (SIGINT is for sessions without a TTY,
     * see LifecycleIT: in a TTY session Ctrl-C is a byte for the remote command, as in docker.)
     */
    @ParameterizedTest
    @ValueSource(strings = {"TERM", "HUP"})
    void aSignalEndsATtySessionCleanly(String signal) {
        pane.type(Engine.launcher() + " -i " + Engine.TOOLBOX + " " + target.id() + "; echo EXIT=$?");
        pane.awaitLine(REMOTE_PROMPT);
        ProcessHandle launcher = launcherProcess();
        Engine.run(List.of("kill", "-" + signal, Long.toString(launcher.pid())), null, 10);
        List<String> screen = pane.await("a non-zero EXIT= line",
                ls -> ls.stream().anyMatch(l -> l.matches("(.* )?EXIT=[1-9][0-9]*")), Tmux.DEFAULT_WAIT);
        assertTrue(launcher.onExit().isDone() || !launcher.isAlive(), "the launcher ended:\n" + Tmux.tail(screen));
        Engine.awaitNoSidecarOf(target.id(), GONE_WITHIN);
        assertEchoAndIcanon();
    }

    @Test
    void closingTheTerminalEndsTheSession() {
        pane.type(Engine.launcher() + " -i " + Engine.TOOLBOX + " " + target.id() + "; echo EXIT=$?");
        pane.awaitLine(REMOTE_PROMPT);
        ProcessHandle launcher = launcherProcess();
        pane.kill();
        Engine.awaitNoSidecarOf(target.id(), GONE_WITHIN);
        long deadline = System.nanoTime() + GONE_WITHIN.toNanos();
        while (launcher.isAlive() && System.nanoTime() < deadline) {
            Tmux.pause();
        }
        assertTrue(!launcher.isAlive(), "the launcher ended with its terminal");
        pane = tmux.newSession(100, 30);
    }

    @Test
    void unsetTermStillGivesAWorkingTerminal() {
        pane.type("env -u TERM " + Engine.launcher() + " -i " + Engine.TOOLBOX + " " + target.id()
                + " sh -c 'echo TERM-IS-$TERM-$((6*7))'; echo EXIT=$?");
        List<String> screen = pane.awaitLine("EXIT=0");
        assertTrue(screen.stream().anyMatch(l -> l.strip().equals("TERM-IS-xterm-42")), Tmux.tail(screen));
        Engine.awaitNoSidecarOf(target.id(), GONE_WITHIN);
        assertEchoAndIcanon();
    }

    @Test
    void aTerminalOfSizeZeroStillWorks() {
        pane.type("stty rows 0 cols 0; " + Engine.launcher() + " -i " + Engine.TOOLBOX + " " + target.id()
                + " sh -c 'echo SIZE-$((6*7))'; echo EXIT=$?");
        List<String> screen = pane.awaitLine("EXIT=0");
        assertTrue(screen.stream().anyMatch(l -> l.strip().equals("SIZE-42")), Tmux.tail(screen));
        Engine.awaitNoSidecarOf(target.id(), GONE_WITHIN);
        assertEchoAndIcanon();
    }

    /** {@code stty -a} typed in the same pane shows echo and icanon on. */
    private void assertEchoAndIcanon() {
        List<String> stty = between("stty -a");
        Set<String> flags = ttyFlags(stty);
        String shown = String.join("\n", stty);
        assertTrue(flags.contains("echo") && !flags.contains("-echo"), "echo is on:\n" + shown);
        assertTrue(flags.contains("icanon") && !flags.contains("-icanon"), "icanon is on:\n" + shown);
    }
}

package io.dockerdebug.it;

import io.dockerdebug.it.Engine.Result;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static io.dockerdebug.it.Engine.TOOLBOX;
import static io.dockerdebug.it.Engine.debug;
import static io.dockerdebug.it.Engine.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Output conventions of the real launcher: stdout for output, stderr for messages, no noise, NO_COLOR. */
class OutputIT {
    // Private IPC like a `docker run` target (Testcontainers makes them shareable): a session
    // on it must stay silent too, though the sidecar cannot join its IPC namespace.
    @RegisterExtension
    static final RunningTarget target = new RunningTarget(Engine.TARGET).withIpc("private");

    @BeforeAll
    static void theTargetsIpcIsPrivate() {
        assertEquals("private", Engine.docker("inspect", "-f", "{{.HostConfig.IpcMode}}", target.id()));
    }

    @Test
    void aSessionPrintsNothingOfItsOwn() {
        Result r = run(debug("-i", TOOLBOX, target.id(), "true"), null, 60);
        Engine.awaitNoSidecarOf(target.id(), Duration.ofSeconds(10));
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("", r.stdout());
        assertEquals("", r.stderr(), "no log lines, warnings or notes without --debug");
    }

    @Test
    void debugLogsToStderrOnly() {
        Result r = run(debug("--debug", "-i", TOOLBOX, target.id(), "echo", "out"), null, 60);
        Engine.awaitNoSidecarOf(target.id(), Duration.ofSeconds(10));
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("out\n", r.stdout());
        assertTrue(r.stderr().contains("DEBUG"), "library debug logging: " + r.stderr());
    }

    @Test
    void helpAndVersionGoToStdoutAndErrorsToStderr() {
        Result version = run(debug("--version"), null, 60);
        assertEquals(0, version.exitCode());
        assertTrue(version.stdout().startsWith("docker-debug version "), version.stdout());
        assertEquals("", version.stderr());
        Result help = run(debug("--help"), null, 60);
        assertTrue(help.stdout().contains("Usage: docker-debug"), help.stdout());
        assertEquals("", help.stderr());
        assertFalse(help.stdout().contains("\u001b["), "no colours off a terminal");
        Result bad = run(debug("--no-such-option", target.id()), null, 60);
        assertEquals(125, bad.exitCode());
        assertEquals("", bad.stdout());
        assertTrue(bad.stderr().startsWith("docker-debug: "), bad.stderr());
    }

    @Test
    void helpHasColoursOnATerminalUnlessNoColorIsSet() {
        try (Tmux tmux = new Tmux()) {
            // Panes tall enough that the whole help, its first line included, stays on the screen.
            Tmux.Pane coloured = tmux.newSession(120, 150);
            coloured.type(Engine.launcher() + " --help; echo HELP-DONE");
            coloured.awaitLine("HELP-DONE");
            assertTrue(coloured.captureEscapes().contains("\u001b[1mdocker-debug"), coloured.captureEscapes());

            Tmux.Pane plain = tmux.newSession(120, 150);
            plain.type("NO_COLOR=1 " + Engine.launcher() + " --help; echo HELP-DONE");
            plain.awaitLine("HELP-DONE");
            String screen = plain.captureEscapes();
            assertTrue(screen.contains("Usage: docker-debug"), screen);
            String help = screen.substring(screen.indexOf("Usage:"), screen.lastIndexOf("HELP-DONE"));
            assertFalse(help.contains("\u001b["), help);
        }
    }
}

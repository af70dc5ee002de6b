package io.dockerdebug.it;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's first command, {@code bash scripts/demo.sh}, in a real terminal: with the engine and
 * the launcher the suite has, it ends in a shell in a sidecar of the demo target
 * {@code docker-debug-demo}, and leaves no sidecar when that shell exits.
 */
class DemoIT {
    private static final String DEMO = "docker-debug-demo";

    @Test
    void endsInAShellInASidecarOfTheDemoTarget() {
        Engine.require();
        Path script = Path.of("scripts/demo.sh").toAbsolutePath();
        assertTrue(Files.isRegularFile(script), script + " (the suite runs in the project's directory)");
        boolean demoRan = "true".equals(running());
        try (Tmux tmux = new Tmux()) {
            Tmux.Pane pane = tmux.newSession(100, 30);
            pane.type("bash " + script + "; echo demo-rc=$?");
            // The toolbox's shell (busybox ash, root) in the mount dir.
            pane.awaitLine("/mnt/container #", Duration.ofSeconds(120));
            String demo = Engine.docker("inspect", "-f", "{{.Id}}", DEMO);
            assertEquals(1, Engine.sidecarsOf(demo).size(), "one sidecar of " + DEMO);
            pane.type("cat /mnt/container/etc/target-marker /etc/docker-debug-toolbox");
            pane.awaitLine("hello from the target");
            pane.awaitLine("toolbox");
            pane.type("exit");
            pane.awaitLine("demo-rc=0");
            Engine.awaitNoSidecarOf(demo, Duration.ofSeconds(30));
        } finally {
            if (!demoRan) {
                Engine.run(Engine.cmd("docker", "rm", "-f", DEMO), null, 60);
            }
        }
    }

    private static String running() {
        return Engine.run(Engine.cmd("docker", "inspect", "-f", "{{.State.Running}}", DEMO), null, 60).stdout().strip();
    }
}

package io.dockerdebug.it;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An interactive {@code --chroot} shell in a real terminal, on a target without a shell: the
 * toolbox's shell and vi work from the target's {@code /}, an edit reaches the target's files,
 * and the session leaves nothing else in them (no shell history).
 */
class ChrootTerminalIT extends TmuxTargetTest {

    /** Types a command and a marker the typed line cannot contain ({@code R3-21}), and waits for the marker. */
    private void remote(String command) {
        int n = markers.incrementAndGet();
        pane.type(command + "; echo R" + n + "-$((" + n + "*7))");
        pane.awaitLine("R" + n + "-" + (n * 7));
    }

    private void awaitStatus(String prefix) {
        pane.await("vi's status " + prefix, lines -> lines.stream().anyMatch(l -> l.startsWith(prefix)), Tmux.DEFAULT_WAIT);
    }

    private static Set<String> diff(String id) {
        return new TreeSet<>(Engine.docker("diff", id).lines().toList());
    }

    @Test
    void theToolboxsViEditsTheTargetsFilesAndTheShellLeavesNoHistory() {
        editWithVi(Engine.TOOLBOX);
    }

    /** The same with a toolbox linked against musl (alpine's, netshoot's), whose loader the target lacks. */
    @Test
    void aMuslToolboxsViEditsTheTargetsFilesAndLeavesNothingElse() {
        editWithVi(ChrootIT.MUSL_TOOLBOX);
    }

    private void editWithVi(String toolbox) {
        try (RunningTarget scratch = new RunningTarget(Engine.SCRATCH).startNow()) {
            String id = scratch.id();
            Set<String> before = diff(id);
            pane.type(Engine.launcher() + " --chroot -i " + toolbox + " " + id + "; echo EXIT=$?");
            remote("cd /etc");
            pane.type("vi app.conf");
            pane.awaitLine("~");
            pane.keys("i");
            pane.keys("port=8080");
            pane.awaitLine("port=8080");
            pane.keys("Escape");
            // busybox vi's status shows "-" in command mode; a ':' right after ESC would be read with it as one key.
            awaitStatus("- app.conf [Modified]");
            pane.type(":wq");
            remote("ls /");
            pane.type("exit");
            pane.awaitLine("EXIT=0", Duration.ofSeconds(30));
            Engine.awaitNoSidecarOf(id, Duration.ofSeconds(10));

            assertEquals("port=8080", Engine.docker("exec", id, "/busybox", "cat", "/etc/app.conf").strip());
            Set<String> expected = new TreeSet<>(before);
            expected.addAll(List.of("C /etc", "A /etc/app.conf"));
            assertEquals(expected, diff(id), "only the edited file changed in the target");
        }
    }
}

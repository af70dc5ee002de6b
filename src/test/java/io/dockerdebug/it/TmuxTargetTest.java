package io.dockerdebug.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fixture of the terminal tests: one running target and one private tmux server per class,
 * a fresh pane per test.
 */
abstract class TmuxTargetTest {
    @RegisterExtension
    static final RunningTarget target = new RunningTarget(Engine.TARGET);
    static Tmux tmux;

    final AtomicInteger markers = new AtomicInteger();
    Tmux.Pane pane;

    @BeforeAll
    static void startTmux() {
        tmux = new Tmux();
    }

    @AfterAll
    static void stopTmux() {
        if (tmux != null) {
            tmux.close();
        }
    }

    @BeforeEach
    void openPane() {
        pane = tmux.newSession(100, 30);
    }

    @AfterEach
    void closePane() {
        // When a test failed mid-session, SIGHUP makes the launcher remove its sidecar; make sure,
        // so that one failure does not spill into the next test (the tests assert the removal).
        pane.kill();
        List<String> left = Engine.sidecarsOf(target.id());
        if (!left.isEmpty()) {
            List<String> rm = new ArrayList<>(List.of("rm", "-f"));
            rm.addAll(left);
            Engine.docker(rm.toArray(String[]::new));
        }
    }
}

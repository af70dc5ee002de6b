package io.dockerdebug.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.fail;

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

    /**
     * Types {@code echo Bn-$((n*7)); COMMAND; echo En-$((n*7))} and returns the lines between the
     * two printed markers, which the typed line itself cannot produce.
     */
    List<String> between(String command) {
        int n = markers.incrementAndGet();
        String begin = "B" + n + "-" + (n * 7);
        String end = "E" + n + "-" + (n * 7);
        pane.type("echo B" + n + "-$((" + n + "*7)); " + command + "; echo E" + n + "-$((" + n + "*7))");
        List<String> lines = pane.awaitLine(end);
        int from = -1;
        int to = -1;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.equals(begin)) {
                from = i;
            } else if (l.equals(end) && from >= 0) {
                to = i;
            }
        }
        if (from < 0 || to < 0) {
            fail("markers " + begin + "/" + end + " not found; the pane ends with:\n" + Tmux.tail(lines));
        }
        return lines.subList(from + 1, to);
    }

    /** The on/off flags of {@code stty -a} output: words of the lines without settings (no "="). */
    static Set<String> ttyFlags(List<String> sttyOutput) {
        Set<String> flags = new TreeSet<>();
        for (String line : sttyOutput) {
            if (line.contains("=") || line.startsWith("speed")) {
                continue;
            }
            for (String word : line.strip().split("[\\s;]+")) {
                if (!word.isEmpty()) {
                    flags.add(word);
                }
            }
        }
        if (flags.isEmpty()) {
            fail("no flags in stty -a output:\n" + String.join("\n", sttyOutput));
        }
        return flags;
    }
}

package io.dockerdebug.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A private tmux server ({@code tmux -L <unique socket>}, no user config) whose panes are real
 * terminals: tests type into them with send-keys and read them with capture-pane. Waiting is
 * always polling for a condition up to a deadline, never a fixed sleep.
 */
final class Tmux implements AutoCloseable {
    /** How long a condition may take by default; generous for a loaded CI machine. */
    static final Duration DEFAULT_WAIT = Duration.ofSeconds(20);
    private static final long POLL_MILLIS = 50;
    private static final int TAIL_LINES = 40;

    private final String socket = "docker-debug-it-" + ProcessHandle.current().pid() + "-"
            + UUID.randomUUID().toString().substring(0, 8);
    private final AtomicInteger sessions = new AtomicInteger();
    /** Known once the server runs; the server exits by itself when its last session ends. */
    private volatile String socketPath;

    /** Runs {@code tmux -L socket ARGS} and returns its output; fails the test when tmux fails. */
    String tmux(String... args) {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", socket, "-f", "/dev/null"));
        command.addAll(List.of(args));
        Engine.Result r = Engine.run(command, null, 20);
        if (r.exitCode() != 0) {
            fail(String.join(" ", command) + " failed (" + r.exitCode() + "): " + r.stderr());
        }
        return r.stdout();
    }

    /**
     * A new detached session of exactly {@code columns}×{@code rows} running a plain {@code sh}
     * with TERM=xterm and the prompt {@code outer$ }; returns once that prompt shows. (TERM is set
     * by env because tmux overrides a session's TERM with its default-terminal.)
     */
    Pane newSession(int columns, int rows) {
        String name = "s" + sessions.incrementAndGet();
        tmux("new-session", "-d", "-s", name, "-x", Integer.toString(columns), "-y", Integer.toString(rows),
                "env TERM=xterm PS1='outer$ ' sh");
        if (socketPath == null) {
            socketPath = tmux("display-message", "-p", "-t", name, "#{socket_path}").strip();
        }
        // Keep the size we asked for whatever clients come and go; resize-window changes it.
        tmux("set-option", "-w", "-t", name, "window-size", "manual");
        Pane pane = new Pane(name + ":0.0");
        pane.awaitLine("outer$", DEFAULT_WAIT);
        return pane;
    }

    /**
     * Kills the server with all its sessions (and so sends SIGHUP to whatever still runs in them),
     * and deletes its socket file, which tmux leaves behind.
     */
    @Override
    public void close() {
        Engine.run(List.of("tmux", "-L", socket, "kill-server"), null, 20);
        String path = socketPath;
        if (path != null && path.endsWith("/" + socket)) {
            try {
                Files.deleteIfExists(Path.of(path));
            } catch (IOException ignored) {
                // a stale socket file is harmless
            }
        }
    }

    /** One pane, addressed by its target string. */
    final class Pane {
        private final String target;

        private Pane(String target) {
            this.target = target;
        }

        /** Types {@code line} literally, then Enter. */
        void type(String line) {
            tmux("send-keys", "-t", target, "-l", line);
            tmux("send-keys", "-t", target, "Enter");
        }

        /** Sends tmux key names such as {@code C-c}, {@code C-p}. */
        void keys(String... keys) {
            List<String> args = new ArrayList<>(List.of("send-keys", "-t", target));
            args.addAll(List.of(keys));
            tmux(args.toArray(String[]::new));
        }

        /** The whole pane (scrollback and screen), wrapped lines joined, trailing spaces trimmed. */
        String capture() {
            return tmux("capture-pane", "-p", "-J", "-S", "-", "-t", target);
        }

        /** The visible screen with its colours and attributes as escape sequences. */
        String captureEscapes() {
            return tmux("capture-pane", "-e", "-p", "-J", "-t", target);
        }

        /** The lines of {@link #capture()}, each stripped of trailing blanks. */
        List<String> lines() {
            return capture().lines().map(String::stripTrailing).toList();
        }

        /** Columns and rows as tmux sees the pane, e.g. {@code 100x30}. */
        String size() {
            return tmux("display-message", "-p", "-t", target, "#{pane_width}x#{pane_height}").strip();
        }

        /** The pane's terminal device, e.g. {@code /dev/pts/3}. */
        String tty() {
            return tmux("display-message", "-p", "-t", target, "#{pane_tty}").strip();
        }

        void resize(int columns, int rows) {
            tmux("resize-window", "-t", target, "-x", Integer.toString(columns), "-y", Integer.toString(rows));
        }

        /** Polls until {@code condition} holds for the pane's lines; returns them, or fails showing the pane. */
        List<String> await(String what, Predicate<List<String>> condition, Duration within) {
            long deadline = System.nanoTime() + within.toNanos();
            while (true) {
                List<String> lines = lines();
                if (condition.test(lines)) {
                    return lines;
                }
                if (System.nanoTime() - deadline > 0) {
                    fail("timed out after " + within.toSeconds() + " s waiting for " + what
                            + "; the pane ends with:\n" + tail(lines));
                }
                pause();
            }
        }

        /** Polls until some line, stripped, equals {@code line}. */
        List<String> awaitLine(String line, Duration within) {
            return await("a line \"" + line + "\"", ls -> ls.stream().anyMatch(l -> l.strip().equals(line)), within);
        }

        List<String> awaitLine(String line) {
            return awaitLine(line, DEFAULT_WAIT);
        }

        /** Polls until some line starts with {@code prefix}. */
        List<String> awaitLineStarting(String prefix) {
            return await("a line starting \"" + prefix + "\"",
                    ls -> ls.stream().anyMatch(l -> l.startsWith(prefix)), DEFAULT_WAIT);
        }

        /** Kills this pane's session. */
        void kill() {
            Engine.run(List.of("tmux", "-L", socket, "kill-session", "-t", target.substring(0, target.indexOf(':'))),
                    null, 20);
        }

        @Override
        public String toString() {
            return socket + "/" + target;
        }
    }

    /** The last lines of a pane, enough to see what went wrong without the whole scrollback. */
    static String tail(List<String> lines) {
        return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    }

    static void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}

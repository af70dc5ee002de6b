package io.dockerdebug.debug;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Undo actions for a session, run once in reverse order of registration: from the normal end of
 * a session and from the JVM's shutdown hook (SIGINT, SIGTERM, SIGHUP), whichever comes first.
 */
final class Cleanup implements Runnable {
    /** Something to undo; may fail, which must not stop the rest. */
    @FunctionalInterface
    interface Action {
        void run() throws Exception;
    }

    private final Deque<Action> actions = new ArrayDeque<>();
    private boolean done;

    synchronized void add(Action action) {
        if (done) {
            // Shutdown already cleaned up: undo this one at once.
            runQuietly(action);
            return;
        }
        actions.push(action);
    }

    @Override
    public synchronized void run() {
        done = true;
        while (!actions.isEmpty()) {
            runQuietly(actions.pop());
        }
    }

    private static void runQuietly(Action action) {
        try {
            action.run();
        } catch (Exception ignored) {
            // best effort: the remaining actions still run
        }
    }
}

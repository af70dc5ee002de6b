package io.dockerdebug.debug;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Debug-level marks of a session's phases, logged as they happen as milliseconds since the JVM
 * started (the process's start time) and since the previous mark, so that a start-up profile ({@code --debug},
 * bench/run.sh) shows where the time goes. Costs nothing unless debug logging is on.
 */
final class Phases {
    private static final Logger LOG = LoggerFactory.getLogger(Phases.class);
    /** System.nanoTime() at the JVM's start, read once at the first mark; 0 until then. */
    private static long start;
    private static long last;

    private Phases() {
    }

    static synchronized void mark(String phase) {
        if (!LOG.isDebugEnabled()) {
            return;
        }
        long now = System.nanoTime();
        if (start == 0) {
            // The process's start (clock ticks from /proc): no java.management module in the runtime.
            long uptimeMillis = ProcessHandle.current().info().startInstant()
                    .map(t -> java.time.Duration.between(t, java.time.Instant.now()).toMillis()).orElse(0L);
            start = now - uptimeMillis * 1_000_000L;
            last = start;
        }
        LOG.debug("phase {} at {} ms (+{} ms)", phase, (now - start) / 1_000_000, (now - last) / 1_000_000);
        last = now;
    }
}

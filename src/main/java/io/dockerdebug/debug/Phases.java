package io.dockerdebug.debug;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Debug-level marks of a session's phases, logged at the end as milliseconds since the JVM
 * started and since the previous mark, so that a start-up profile ({@code --debug},
 * bench/run.sh) shows where the time goes. Costs nothing unless debug logging is on.
 */
final class Phases {
    private static final Logger LOG = LoggerFactory.getLogger(Phases.class);
    private static final List<String> NAMES = new ArrayList<>();
    private static final List<Long> NANOS = new ArrayList<>();

    private Phases() {
    }

    static synchronized void mark(String phase) {
        if (LOG.isDebugEnabled()) {
            NAMES.add(phase);
            NANOS.add(System.nanoTime());
        }
    }

    /** Logs the marks so far; the JVM's uptime is read only here, so reading it costs no phase. */
    static synchronized void report() {
        if (!LOG.isDebugEnabled() || NAMES.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        long uptimeNanos = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() * 1_000_000L;
        long start = now - uptimeNanos;
        long last = start;
        for (int i = 0; i < NAMES.size(); i++) {
            long t = NANOS.get(i);
            LOG.debug("phase {} at {} ms (+{} ms)", NAMES.get(i), (t - start) / 1_000_000, (t - last) / 1_000_000);
            last = t;
        }
        NAMES.clear();
        NANOS.clear();
    }
}

package io.dockerdebug.threads;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one way docker-debug makes threads: named {@code docker-debug-ROLE-N}, so that a thread
 * dump says what each one does. Platform threads: the first virtual thread costs ~250 ms of
 * start-up. Daemon threads for background work, so that none keeps the JVM alive; a shutdown
 * hook is a thread the JVM starts itself.
 */
public final class Threads {
    private static final String PREFIX = "docker-debug-";
    private static final AtomicInteger COUNT = new AtomicInteger();

    private Threads() {
    }

    /**
     * Starts a daemon thread.
     *
     * @param role what it does, for its name
     * @param body its work
     * @return the started thread
     */
    public static Thread daemon(String role, Runnable body) {
        return Thread.ofPlatform().daemon().name(name(role)).start(body);
    }

    /**
     * Starts a thread the JVM waits for at its exit: for work that must finish (removing a sidecar).
     *
     * @param role what it does, for its name
     * @param body its work
     * @return the started thread
     */
    public static Thread start(String role, Runnable body) {
        return Thread.ofPlatform().daemon(false).name(name(role)).start(body);
    }

    /**
     * A daemon-thread factory, for an executor.
     *
     * @param role what its threads do, for their names
     * @return the factory
     */
    public static ThreadFactory daemonFactory(String role) {
        return body -> Thread.ofPlatform().daemon().name(name(role)).unstarted(body);
    }

    /**
     * A thread for {@link Runtime#addShutdownHook}: not started, the JVM starts it at its exit.
     *
     * @param role what it does, for its name
     * @param body its work
     * @return the unstarted thread
     */
    public static Thread shutdownHook(String role, Runnable body) {
        return Thread.ofPlatform().daemon(false).name(name(role)).unstarted(body);
    }

    private static String name(String role) {
        return PREFIX + role + "-" + COUNT.incrementAndGet();
    }
}

package io.dockerdebug;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Named daemon threads for the library's background work, so that a thread dump says what each
 * one does. Platform threads: the first virtual thread costs ~250 ms of start-up.
 */
final class Threads {
    private final String prefix;
    private final AtomicInteger count = new AtomicInteger();

    Threads(String prefix) {
        this.prefix = prefix;
    }

    Thread start(String role, Runnable body) {
        return Thread.ofPlatform().daemon().name(prefix + "-" + role + "-" + count.incrementAndGet()).start(body);
    }
}

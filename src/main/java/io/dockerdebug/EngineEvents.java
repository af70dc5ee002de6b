package io.dockerdebug;

import io.dockerdebug.docker.ContainerEvents;
import io.dockerdebug.threads.Threads;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/** Copies the engine's container events to a listener on a thread of its own. */
final class EngineEvents {
    private EngineEvents() {
    }

    static EventSubscription follow(ContainerEvents feed, Consumer<ContainerEvent> listener, Runnable ended) {
        AtomicBoolean closed = new AtomicBoolean();
        Threads.daemon("events", () -> {
            try {
                for (ContainerEvents.Event e = feed.next(); e != null; e = feed.next()) {
                    listener.accept(new ContainerEvent(e.containerId(), e.action(), e.name(),
                            Instant.ofEpochSecond(0, e.timeNano())));
                }
            } finally {
                feed.close();
                if (closed.compareAndSet(false, true)) {
                    ended.run();
                }
            }
        });
        return () -> {
            if (closed.compareAndSet(false, true)) {
                feed.close();
            }
        };
    }
}

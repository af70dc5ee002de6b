package io.dockerdebug.docker;

/** The engine's container events from the moment it was opened, one at a time, until closed. */
public interface ContainerEvents extends AutoCloseable {

    /** One event: the container, what happened, its name then, and when (nanoseconds since the epoch). */
    record Event(String containerId, String action, String name, long timeNano) {
    }

    /** Blocks for the next event; null when the stream ended (closed, or the engine stopped). */
    Event next();

    /** Ends the stream; a blocked {@link #next} returns null. */
    @Override
    void close();
}

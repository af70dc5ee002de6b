package io.dockerdebug;

/** A subscription to the engine's events; closing it ends the stream and its thread. */
public interface EventSubscription extends AutoCloseable {
    /** Stops the stream; safe to call more than once. */
    @Override
    void close();
}

package io.dockerdebug;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;

/**
 * A command running in a sidecar, opened by {@link DockerDebug#open}. Safe to use from several
 * threads: one may write input while others read output, resize or close.
 *
 * <p>The sidecar is removed when the command has ended and its exit code is known, or when the
 * session is closed, whichever comes first (a kept sidecar stays).
 */
public interface Session extends AutoCloseable {

    /**
     * The full id of the target container.
     *
     * @return the target's id
     */
    String targetId();

    /**
     * The full id of the sidecar container.
     *
     * @return the sidecar's id
     */
    String sidecarId();

    /**
     * The command's input. Closing it ends the command's input (a half-close: output still
     * arrives). With a TTY the engine ends the command's output then too.
     *
     * @return the input stream of the command, the same one on every call
     */
    OutputStream stdin();

    /**
     * The command's stdout (with a TTY: all of its output), when the session was opened
     * without sinks.
     *
     * @return the stream, ending when the command's output ends
     * @throws IllegalStateException when the session writes its output to sinks
     */
    InputStream stdout();

    /**
     * The command's stderr (empty with a TTY), when the session was opened without sinks.
     *
     * @return the stream, ending when the command's output ends
     * @throws IllegalStateException when the session writes its output to sinks
     */
    InputStream stderr();

    /**
     * Sets the TTY's size; ignored without a TTY, or for sizes that are not positive.
     *
     * @param columns the width in characters
     * @param rows    the height in lines
     */
    void resize(int columns, int rows);

    /**
     * The command's exit code once it has ended: its own (128 + N for a signal N), 126 when it
     * could not be executed, 127 when it was not found, 141 when a sink stopped taking its
     * output (as a shell reports a writer whose reader went away). When the target stopped
     * while the command ended by itself, the code is kept (125 for 0) and the builder's note
     * listener says so. Completes exceptionally with a {@link DockerDebugException} when the
     * session was lost (the target or the engine went away) or closed first.
     *
     * @return a future for the exit code
     */
    CompletableFuture<Integer> exitCode();

    /** Ends the session: the command's connection is closed and the sidecar removed. Idempotent. */
    @Override
    void close();
}

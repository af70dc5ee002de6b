package io.dockerdebug;

import java.io.IOException;

/**
 * The user's terminal, for {@link DockerDebug#run}: its size, raw mode and resizes. The library
 * has no terminal code of its own; a front end (a CLI, a test) provides this.
 */
public interface Terminal extends AutoCloseable {

    /**
     * The terminal's size now.
     *
     * @return columns and rows; 0 for either when unknown
     */
    int[] size();

    /**
     * Puts the terminal in raw mode.
     *
     * @return restores the previous mode when closed, once
     * @throws IOException when the terminal cannot be switched
     */
    AutoCloseable enterRawMode() throws IOException;

    /**
     * Calls {@code listener} after every change of size.
     *
     * @param listener called on an unspecified thread
     */
    void onResize(Runnable listener);

    /** Stops listening for resizes and releases the terminal. */
    @Override
    void close();

    /** Opens the user's terminal when a session asks for one. */
    @FunctionalInterface
    interface Opener {
        /**
         * Opens it.
         *
         * @return the terminal, or null when there is none
         * @throws IOException when it cannot be opened
         */
        Terminal open() throws IOException;
    }
}

package io.dockerdebug.tty;

import java.io.IOException;

/** The user's terminal, as a debug session needs it: size, raw mode, resize notifications. */
public interface Console extends AutoCloseable {

    /** Columns and rows; 0×0 when the terminal does not know its size. */
    Size size();

    /** Puts the terminal in full raw mode (as the Go CLI's MakeRaw); closing restores it, once. */
    RawMode enterRawMode() throws IOException;

    /** Calls {@code listener} after every SIGWINCH. */
    void onResize(Runnable listener);

    @Override
    void close();

    record Size(int columns, int rows) {
    }

    /** Restores the terminal when closed; closing more than once restores only once. */
    interface RawMode extends AutoCloseable {
        @Override
        void close();
    }
}

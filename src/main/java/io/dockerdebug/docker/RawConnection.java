package io.dockerdebug.docker;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A byte stream to the engine that can be half-closed: what an HTTP upgrade leaves us with.
 * docker-java's hijacked stream cannot half-close stdin (docker-java #471, #1448, #1684), so
 * we own the connection for attach and exec start.
 */
public interface RawConnection extends Closeable {
    InputStream input();

    OutputStream output();

    /** Tell the engine that no more input follows (EOF for the remote process), keep reading. */
    void closeWrite() throws IOException;

    @Override
    void close();
}

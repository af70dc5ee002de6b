package io.dockerdebug.debug;

import io.dockerdebug.docker.RawConnection;
import io.dockerdebug.docker.StdStreamDemuxer;
import io.dockerdebug.tty.StreamPump;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** An exec's connection seen by the pump: raw bytes with a TTY, stdout/stderr frames without. */
final class ExecStreams implements StreamPump.Remote {
    private final RawConnection conn;
    private final boolean tty;
    private final SessionIo io;
    private final OutputTail tail;

    ExecStreams(RawConnection conn, boolean tty, SessionIo io, OutputTail tail) {
        this.conn = conn;
        this.tty = tty;
        this.io = io;
        this.tail = tail;
    }

    @Override
    public OutputStream input() {
        return conn.output();
    }

    @Override
    public void copyOutput() throws IOException {
        OutputStream out = new Tee(io.out(), tail);
        if (tty) {
            InputStream in = conn.input();
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                out.flush();
            }
        } else {
            StdStreamDemuxer.copy(conn.input(), out, new Tee(new ExecErrorLines(io.err()), tail));
        }
    }

    @Override
    public void closeInput() throws IOException {
        // With a TTY the engine closes the exec's output as soon as its stdin closes, so output
        // still on its way would be lost; a terminal never ends its input anyway.
        if (!tty) {
            conn.closeWrite();
        }
    }

    /** The user's side stopped reading our output (a closed pipe: {@code | head -1}). */
    static final class LocalOutputClosed extends IOException {
        LocalOutputClosed(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** Writes through and remembers the tail; a failed write is the local output's end. */
    private static final class Tee extends FilterOutputStream {
        private final OutputTail tail;

        Tee(OutputStream out, OutputTail tail) {
            super(out);
            this.tail = tail;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw new LocalOutputClosed(e);
            }
            tail.add(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw new LocalOutputClosed(e);
            }
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }
    }
}

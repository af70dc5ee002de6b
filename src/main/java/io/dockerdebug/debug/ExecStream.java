package io.dockerdebug.debug;

import io.dockerdebug.docker.RawConnection;
import io.dockerdebug.docker.StdStreamDemuxer;
import io.dockerdebug.threads.Threads;
import io.dockerdebug.tty.DetachKeyFilter;
import io.dockerdebug.tty.DetachKeys;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;

/**
 * An exec's hijacked connection, pumped both ways as the docker CLI's hijack does, and the one
 * place that owns the threads of a stream: output is copied (raw with a TTY, stdout and stderr
 * demultiplexed without) until it ends; input, when a local stream feeds it, until it ends (then
 * the command's stdin is half-closed) or the detach keys are typed. The stream is over when the
 * output ends, on detach, or when the local output stops taking bytes ({@code | head -1}).
 */
public final class ExecStream {
    private static final int OUTPUT_BUFFER = 64 * 1024;
    private static final int INPUT_BUFFER = 32 * 1024;
    /** Enough of the output's end for the engine's "executable file not found". */
    private static final int TAIL_BYTES = 512;

    /** How a stream ended. */
    public enum End {
        /** The command's output ended. */
        FINISHED,
        /** The detach keys were typed. */
        DETACHED,
        /** Our side stopped taking output (a closed pipe). */
        LOCAL_OUTPUT_CLOSED,
        /** The connection to the engine failed. */
        BROKEN
    }

    /** How a stream ended, and the failure for {@link End#BROKEN}. */
    public record Outcome(End end, IOException cause) {
        static final Outcome FINISHED = new Outcome(End.FINISHED, null);
        static final Outcome DETACHED = new Outcome(End.DETACHED, null);
        static final Outcome LOCAL_OUTPUT_CLOSED = new Outcome(End.LOCAL_OUTPUT_CLOSED, null);
    }

    private final RawConnection conn;
    private final boolean tty;
    private final Input stdin;
    private final OutputTail tail = new OutputTail(TAIL_BYTES);
    private final CompletableFuture<Outcome> ended = new CompletableFuture<>();

    /**
     * @param conn the started exec's connection
     * @param tty  whether the exec has a TTY (raw output) or not (multiplexed frames)
     */
    public ExecStream(RawConnection conn, boolean tty) {
        this.conn = conn;
        this.tty = tty;
        this.stdin = new Input(conn);
    }

    /** The command's input: writes go straight to the engine; closing half-closes, once. */
    public OutputStream stdin() {
        return stdin;
    }

    /** Completes when the stream is over (never exceptionally). */
    public CompletableFuture<Outcome> ended() {
        return ended;
    }

    /** The last bytes of output, where the engine's "executable file not found" shows up. */
    String tail() {
        return tail.text();
    }

    /** Copies the output on a thread of its own; {@link #ended()} completes when it ends. */
    public void startOutput(OutputStream out, OutputStream err) {
        Threads.daemon("output", () -> ended.complete(copyOutput(out, err)));
    }

    /** Copies the output on this thread until it ends, and says how it ended. */
    public Outcome copyOutput(OutputStream out, OutputStream err) {
        try {
            OutputStream o = new Tee(out, tail);
            if (tty) {
                InputStream in = conn.input();
                byte[] buf = new byte[OUTPUT_BUFFER];
                int n;
                while ((n = in.read(buf)) >= 0) {
                    o.write(buf, 0, n);
                    o.flush();
                }
            } else {
                StdStreamDemuxer.copy(conn.input(), o, new Tee(err, tail));
            }
            return Outcome.FINISHED;
        } catch (LocalOutputClosed e) {
            return Outcome.LOCAL_OUTPUT_CLOSED;
        } catch (IOException e) {
            return new Outcome(End.BROKEN, e);
        } catch (RuntimeException e) {
            return new Outcome(End.BROKEN, new IOException(e.getMessage(), e));
        }
    }

    /**
     * Copies local input to the command on a thread of its own. A local input that cannot be
     * read (closed descriptor, terminal gone) counts as its end.
     *
     * @param in         the local input, or null for none
     * @param detachKeys ends the stream as {@link End#DETACHED} when typed; null to never detach
     * @param closeAtEnd half-close the command's stdin at the input's end. With a TTY the
     *                   engine then ends the output at once, losing what is on its way: a
     *                   terminal, which never ends its input anyway, passes false
     * @return the thread
     */
    public Thread startInput(InputStream in, DetachKeys detachKeys, boolean closeAtEnd) {
        return Threads.daemon("input", () -> {
            try {
                if (copyInput(in, detachKeys)) {
                    ended.complete(Outcome.DETACHED);
                    return;
                }
                if (closeAtEnd) {
                    stdin.close();
                }
            } catch (IOException e) {
                // The command went away while we wrote to it; the output side reports how it ended.
            }
        });
    }

    /** Returns true when the detach keys were typed. */
    private boolean copyInput(InputStream in, DetachKeys keys) throws IOException {
        if (in == null) {
            return false;
        }
        DetachKeyFilter filter = keys == null ? null : new DetachKeyFilter(keys);
        byte[] buf = new byte[INPUT_BUFFER];
        int n;
        while ((n = readLocal(in, buf)) >= 0) {
            if (n == 0) {
                continue;
            }
            if (filter == null) {
                stdin.write(buf, 0, n);
                continue;
            }
            DetachKeyFilter.Result r = filter.filter(buf, 0, n);
            stdin.write(r.forward(), 0, r.forward().length);
            if (r.detach()) {
                return true;
            }
        }
        return false;
    }

    private static int readLocal(InputStream in, byte[] buf) {
        try {
            return in.read(buf);
        } catch (IOException e) {
            return -1;
        }
    }

    /** The command's input: each write is flushed to the engine; close half-closes, once. */
    private static final class Input extends OutputStream {
        private final RawConnection conn;
        private boolean closed;

        Input(RawConnection conn) {
            this.conn = conn;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            if (closed) {
                throw new IOException("the session's input is closed");
            }
            conn.output().write(b, off, len);
            conn.output().flush();
        }

        @Override
        public synchronized void close() throws IOException {
            if (!closed) {
                closed = true;
                conn.closeWrite();
            }
        }
    }

    /** Our side stopped taking output (a closed pipe: {@code | head -1}). */
    private static final class LocalOutputClosed extends IOException {
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

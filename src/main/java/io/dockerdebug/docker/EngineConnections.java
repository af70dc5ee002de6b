package io.dockerdebug.docker;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The connections of one engine, from its {@link Transport} (unix socket, TCP, TLS, ssh), kept
 * alive between calls as the moby client's single dialer and pool do: a session's dozen calls
 * go over one connection, which on ssh is one {@code ssh … dial-stdio} process instead of a
 * dozen, and on TLS one handshake. A connection whose answer was read to its end goes back to
 * the pool; one that was hijacked (attach, exec start), is an endless stream (events), broke, or
 * outlived its deadline is closed.
 */
final class EngineConnections implements Closeable {
    /** Idle connections older than this are closed rather than reused: a peer may drop them. */
    private static final long IDLE_LIMIT_NANOS = 20_000_000_000L;
    /** Enough for the calls a session makes at once (a resize beside an inspect). */
    private static final int MAX_IDLE = 4;

    private final Transport transport;
    private final Deque<Connection> idle = new ArrayDeque<>();
    private final AtomicInteger opened = new AtomicInteger();
    private boolean closed;

    EngineConnections(Transport transport) {
        this.transport = transport;
    }

    /** One connection with the reader that its HTTP answers are parsed from (kept with it between calls). */
    static final class Connection implements RawConnection {
        private final RawConnection raw;
        private final InputStream in;
        private final boolean reused;
        private long idleSince;

        private Connection(RawConnection raw, InputStream in, boolean reused) {
            this.raw = raw;
            this.in = in;
            this.reused = reused;
        }

        /** Whether it served a call before (a failure before any answer may then be a peer that dropped it). */
        boolean reused() {
            return reused;
        }

        @Override
        public InputStream input() {
            return in;
        }

        @Override
        public OutputStream output() {
            return raw.output();
        }

        @Override
        public void closeWrite() throws IOException {
            raw.closeWrite();
        }

        @Override
        public void close() {
            raw.close();
        }
    }

    /** An idle connection when there is one still fresh, else a new one. */
    Connection acquire() throws IOException {
        synchronized (idle) {
            long now = System.nanoTime();
            for (Connection c = idle.pollLast(); c != null; c = idle.pollLast()) {
                if (now - c.idleSince < IDLE_LIMIT_NANOS) {
                    return new Connection(c.raw, c.in, true);
                }
                c.close();
            }
        }
        return open();
    }

    /** A new connection (never an idle one). */
    Connection open() throws IOException {
        RawConnection raw = transport.connect();
        opened.incrementAndGet();
        // 16 KiB: a whole inspect answer in one read on most engines; hijacked streams read through it too.
        return new Connection(raw, new BufferedInputStream(raw.input(), 16 * 1024), false);
    }

    /** Back to the pool after a whole answer was read; closed when the pool is full or closed. */
    void release(Connection c) {
        synchronized (idle) {
            if (!closed && idle.size() < MAX_IDLE) {
                c.idleSince = System.nanoTime();
                idle.addLast(c);
                return;
            }
        }
        c.close();
    }

    /** How many connections were made so far (for tests and --debug). */
    int opened() {
        return opened.get();
    }

    /** Closes the idle connections; those in use close when their call ends. */
    @Override
    public void close() {
        synchronized (idle) {
            closed = true;
            idle.forEach(Connection::close);
            idle.clear();
        }
    }
}

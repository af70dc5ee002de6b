package io.dockerdebug.docker;

import io.dockerdebug.threads.Threads;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The configured timeout of one non-streaming engine call: when the answer has not been read by
 * then, the connection is closed, which ends a read blocked on any transport (a socket, a unix
 * channel, an ssh process's pipe), and the read fails with a {@link Expired} naming the wait.
 * Streams (attach, exec, events, pull progress) have no deadline: their silence is legitimate.
 */
final class CallDeadline implements AutoCloseable {
    /** Thrown where the read failed because the deadline closed the connection. */
    static final class Expired extends IOException {
        Expired(Duration timeout, IOException cause) {
            super("no answer within " + format(timeout), cause);
        }
    }

    private static final class Timer {
        // One daemon thread for every deadline of the process, made on the first call that needs it.
        static final ScheduledThreadPoolExecutor INSTANCE = new ScheduledThreadPoolExecutor(1,
                Threads.daemonFactory("engine-call-deadline"));

        static {
            INSTANCE.setRemoveOnCancelPolicy(true);
        }
    }

    private final Duration timeout;
    private final ScheduledFuture<?> task;
    private volatile boolean expired;

    private CallDeadline(Duration timeout, RawConnection conn) {
        this.timeout = timeout;
        this.task = Timer.INSTANCE.schedule(() -> {
            expired = true;
            conn.close();
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Closes {@code conn} after {@code timeout} unless {@link #close()}d before. */
    static CallDeadline start(Duration timeout, RawConnection conn) {
        return new CallDeadline(timeout, conn);
    }

    Duration timeout() {
        return timeout;
    }

    /** {@code e}, or an {@link Expired} when the deadline is what broke the connection. */
    IOException translate(IOException e) {
        return expired && !(e instanceof Expired) ? new Expired(timeout, e) : e;
    }

    /** {@code body} whose read failures say when the deadline caused them. */
    InputStream guard(InputStream body) {
        return new FilterInputStream(body) {
            @Override
            public int read() throws IOException {
                try {
                    return super.read();
                } catch (IOException e) {
                    throw translate(e);
                }
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    return super.read(b, off, len);
                } catch (IOException e) {
                    throw translate(e);
                }
            }
        };
    }

    /** Stops the clock; false when the deadline had already closed the connection. */
    boolean cancel() {
        return task.cancel(false) && !expired;
    }

    @Override
    public void close() {
        cancel();
    }

    /** "10s", "500ms", "2m": as the config file writes a timeout. */
    static String format(Duration d) {
        if (d.toMillis() % 1000 != 0) {
            return d.toMillis() + "ms";
        }
        long s = d.toSeconds();
        return s % 3600 == 0 ? s / 3600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s";
    }
}

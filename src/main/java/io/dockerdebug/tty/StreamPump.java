package io.dockerdebug.tty;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Moves bytes between the user and a remote process, like the docker CLI's hijack: local input
 * goes to the remote until it ends (then the remote's input is half-closed) or the detach keys
 * are typed; remote output is copied until it ends. The session is over when the output ends or
 * on detach.
 */
public final class StreamPump {

    /** The remote side, seen as plain streams. */
    public interface Remote {
        OutputStream input();

        /** Copies remote output to the user until it ends (raw for a TTY, demultiplexed otherwise). */
        void copyOutput() throws IOException;

        void closeInput() throws IOException;
    }

    public enum Outcome { FINISHED, DETACHED }

    private StreamPump() {
    }

    /**
     * @param localIn    the user's input, or null for none (remote stdin is closed at once)
     * @param detachKeys null to never detach (no TTY)
     */
    public static Outcome run(InputStream localIn, Remote remote, DetachKeys detachKeys) throws IOException {
        CompletableFuture<Outcome> done = new CompletableFuture<>();
        Thread output = Thread.ofPlatform().daemon().name("pump-out").start(() -> {
            try {
                remote.copyOutput();
                done.complete(Outcome.FINISHED);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        });
        Thread.ofPlatform().daemon().name("pump-in").start(() -> {
            try {
                if (copyInput(localIn, remote.input(), detachKeys)) {
                    done.complete(Outcome.DETACHED);
                    return;
                }
                remote.closeInput();
            } catch (IOException e) {
                // The remote went away while we wrote to it; the output side reports how it ended.
            }
        });
        try {
            return done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            output.interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(cause.getMessage(), cause);
        }
    }

    /** A local input that cannot be read (closed descriptor, terminal gone) counts as its end. */
    private static int readLocal(InputStream in, byte[] buf) {
        try {
            return in.read(buf);
        } catch (IOException e) {
            return -1;
        }
    }

    /** Returns true when the detach keys were typed. */
    private static boolean copyInput(InputStream in, OutputStream out, DetachKeys keys) throws IOException {
        if (in == null) {
            return false;
        }
        DetachKeyFilter filter = keys == null ? null : new DetachKeyFilter(keys);
        byte[] buf = new byte[32 * 1024];
        int n;
        while ((n = readLocal(in, buf)) >= 0) {
            if (n == 0) {
                continue;
            }
            if (filter == null) {
                out.write(buf, 0, n);
            } else {
                DetachKeyFilter.Result r = filter.filter(buf, 0, n);
                out.write(r.forward());
                if (r.detach()) {
                    out.flush();
                    return true;
                }
            }
            out.flush();
        }
        return false;
    }
}

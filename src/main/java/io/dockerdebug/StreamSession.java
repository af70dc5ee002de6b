package io.dockerdebug;

import io.dockerdebug.debug.DebugRequest;
import io.dockerdebug.debug.DebugSession;
import io.dockerdebug.docker.EngineException;
import io.dockerdebug.docker.RawConnection;
import io.dockerdebug.docker.StdStreamDemuxer;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/** A started command whose output one thread of its own copies to sinks or pipes. */
final class StreamSession implements Session {
    static final Threads THREADS = new Threads("docker-debug");
    /** How long the exec stream may take to end by itself once the sidecar is gone. */
    private static final long SIDECAR_END_GRACE_MILLIS = 1500;
    private static final int PIPE_BYTES = 64 * 1024;

    private final DebugSession prepared;
    private final RawConnection conn;
    private final boolean tty;
    private final Pipe outPipe;
    private final Pipe errPipe;
    private final OutputStream out;
    private final OutputStream err;
    private final Input stdin;
    private final Tail tail = new Tail();
    private final CompletableFuture<Integer> exitCode = new CompletableFuture<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean resized = new AtomicBoolean();
    private final Consumer<StreamSession> onClose;

    private StreamSession(DebugSession prepared, RawConnection conn, boolean tty, OutputStream out, OutputStream err,
                          Consumer<StreamSession> onClose) {
        this.prepared = prepared;
        this.conn = conn;
        this.tty = tty;
        this.onClose = onClose;
        this.outPipe = out == null ? new Pipe(PIPE_BYTES) : null;
        this.errPipe = err == null ? new Pipe(PIPE_BYTES) : null;
        this.out = out == null ? outPipe.sink : out;
        this.err = err == null ? errPipe.sink : err;
        this.stdin = new Input(conn);
    }

    /** Starts the prepared command and its output thread; on failure the sidecar is removed. */
    static StreamSession start(DebugSession prepared, DebugRequest request, OutputStream out, OutputStream err,
                               Consumer<StreamSession> onClose) {
        RawConnection conn;
        try {
            conn = prepared.start();
        } catch (EngineException e) {
            String problem = prepared.targetProblem().orElse("cannot start the command: " + e.getMessage());
            prepared.close();
            throw new DockerDebugException(DockerDebugException.ENGINE_ERROR, problem);
        } catch (RuntimeException e) {
            prepared.close();
            throw e;
        }
        StreamSession s = new StreamSession(prepared, conn, request.command().tty(), out, err, onClose);
        THREADS.start("output", s::pump);
        // When the sidecar dies under the command (target killed or removed), the exec stream
        // may stay open: give it a moment to end by itself, then end it.
        prepared.sidecarEnded().thenRun(() -> THREADS.start("sidecar-end", () -> {
            if (!s.exitCode.isDone()) {
                pause(SIDECAR_END_GRACE_MILLIS);
                conn.close();
            }
        }));
        return s;
    }

    private void pump() {
        boolean broken = false;
        try {
            OutputStream o = new Tee(out, tail);
            if (tty) {
                InputStream in = conn.input();
                byte[] buf = new byte[64 * 1024];
                int n;
                while ((n = in.read(buf)) >= 0) {
                    o.write(buf, 0, n);
                    o.flush();
                }
            } else {
                StdStreamDemuxer.copy(conn.input(), o, new Tee(err, tail));
            }
        } catch (IOException | RuntimeException e) {
            broken = true;
        }
        if (outPipe != null) {
            outPipe.closeWriter();
        }
        if (errPipe != null) {
            errPipe.closeWriter();
        }
        if (!closed.get()) {
            finish(broken);
        }
        close();
    }

    /** The exit code, or why there is none: asked before the sidecar is removed. */
    private void finish(boolean broken) {
        try {
            int code = prepared.exitCode(tail.text());
            if (!broken && !prepared.sidecarEnded().isDone()) {
                exitCode.complete(code);
                return;
            }
            String problem = prepared.targetProblem().orElse(null);
            if (problem == null && !broken) {
                exitCode.complete(code);
                return;
            }
            exitCode.completeExceptionally(new DockerDebugException(DockerDebugException.ENGINE_ERROR,
                    problem != null ? problem : "the session was lost: its connection to the engine broke"));
        } catch (EngineException e) {
            exitCode.completeExceptionally(new DockerDebugException(DockerDebugException.ENGINE_ERROR,
                    prepared.targetProblem().orElse("the session was lost: " + e.getMessage())));
        } catch (RuntimeException e) {
            exitCode.completeExceptionally(e);
        }
    }

    @Override
    public String targetId() {
        return prepared.target().id();
    }

    @Override
    public String sidecarId() {
        return prepared.sidecarId();
    }

    @Override
    public OutputStream stdin() {
        return stdin;
    }

    @Override
    public InputStream stdout() {
        if (outPipe == null) {
            throw new IllegalStateException("this session writes its stdout to the sink it was opened with");
        }
        return outPipe.source;
    }

    @Override
    public InputStream stderr() {
        if (errPipe == null) {
            throw new IllegalStateException("this session writes its stderr to the sink it was opened with");
        }
        return errPipe.source;
    }

    @Override
    public void resize(int columns, int rows) {
        if (tty && !closed.get()) {
            // Right after start the engine may not run the exec yet: the first resize is retried.
            prepared.resize(columns, rows, resized.compareAndSet(false, true) ? 10 : 1);
        }
    }

    @Override
    public CompletableFuture<Integer> exitCode() {
        return exitCode;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        exitCode.completeExceptionally(new DockerDebugException(DockerDebugException.ENGINE_ERROR,
                "the session was closed before its command ended"));
        conn.close();
        try {
            prepared.close();
        } finally {
            if (outPipe != null) {
                outPipe.closeWriter();
            }
            if (errPipe != null) {
                errPipe.closeWriter();
            }
            onClose.accept(this);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The command's input: writes go straight to the engine; close half-closes, once. */
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

    /** The last bytes of output, where the engine's "executable file not found" shows up. */
    private static final class Tail {
        private final byte[] last = new byte[512];
        private int size;

        synchronized void add(byte[] b, int off, int len) {
            int keep = Math.min(len, last.length);
            int old = Math.min(size, last.length - keep);
            System.arraycopy(last, size - old, last, 0, old);
            System.arraycopy(b, off + len - keep, last, old, keep);
            size = old + keep;
        }

        synchronized String text() {
            return new String(last, 0, size, StandardCharsets.UTF_8);
        }
    }

    /** Writes through and keeps the tail. */
    private static final class Tee extends FilterOutputStream {
        private final Tail tail;

        Tee(OutputStream out, Tail tail) {
            super(out);
            this.tail = tail;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            tail.add(b, off, len);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }
    }
}

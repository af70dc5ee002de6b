package io.dockerdebug;

import io.dockerdebug.debug.DebugSession;
import io.dockerdebug.debug.ExecStream;
import io.dockerdebug.debug.ExitCodes;
import io.dockerdebug.debug.ExitPolicy;
import io.dockerdebug.debug.SessionDriver;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The library's {@link Session}, on the one session driver: output goes to the caller's sinks or
 * to pipes the caller reads; when it ends, the exit code is decided and the sidecar removed.
 */
final class StreamSession implements Session {
    private static final int PIPE_BYTES = 64 * 1024;

    private final DebugSession prepared;
    private final SessionDriver driver;
    private final Pipe outPipe;
    private final Pipe errPipe;
    private final Consumer<String> notes;
    private final Consumer<StreamSession> onClose;
    private final CompletableFuture<Integer> exitCode = new CompletableFuture<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private StreamSession(DebugSession prepared, SessionDriver driver, boolean pipeOut, boolean pipeErr,
                          Consumer<String> notes, Consumer<StreamSession> onClose) {
        this.prepared = prepared;
        this.driver = driver;
        this.outPipe = pipeOut ? new Pipe(PIPE_BYTES) : null;
        this.errPipe = pipeErr ? new Pipe(PIPE_BYTES) : null;
        this.notes = notes;
        this.onClose = onClose;
    }

    /**
     * Starts the prepared command and the copy of its output; on failure the sidecar is removed.
     *
     * @param out   the stdout sink, or null for {@link #stdout()}
     * @param err   the stderr sink, or null for {@link #stderr()}
     * @param notes where a line about the target goes when the command ended by itself meanwhile
     */
    static StreamSession start(DebugSession prepared, OutputStream out, OutputStream err, Consumer<String> notes,
                               Consumer<StreamSession> onClose) {
        SessionDriver driver;
        try {
            driver = SessionDriver.start(prepared);
        } catch (RuntimeException e) {
            prepared.close();
            throw e;
        }
        StreamSession s = new StreamSession(prepared, driver, out == null, err == null, notes, onClose);
        ExecStream stream = driver.stream();
        // Before the copy starts: the end is handled on the output's thread, never the caller's.
        stream.ended().thenAccept(s::ended);
        stream.startOutput(out != null ? out : s.outPipe.sink, err != null ? err : s.errPipe.sink);
        return s;
    }

    /** Feeds {@code in} to the command and half-closes its input at the end, on a thread of the session. */
    Thread feed(InputStream in) {
        return driver.stream().startInput(in, null, true);
    }

    private void ended(ExecStream.Outcome outcome) {
        closePipeWriters();
        if (!closed.get()) {
            finish(outcome);
        }
        close();
    }

    /** The exit code, or why there is none: asked before the sidecar is removed. */
    private void finish(ExecStream.Outcome outcome) {
        try {
            ExitPolicy.Ending ending = driver.finish(outcome);
            if (ending.lost()) {
                exitCode.completeExceptionally(new DockerDebugException(ExitCodes.ENGINE_ERROR, ending.note()));
                return;
            }
            if (ending.note() != null) {
                notes.accept(ending.note());
            }
            exitCode.complete(ending.code());
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
        return driver.stream().stdin();
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
        if (prepared.tty() && !closed.get()) {
            driver.resize(columns, rows);
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
        driver.close();
        try {
            prepared.close();
        } finally {
            closePipeWriters();
            onClose.accept(this);
        }
    }

    private void closePipeWriters() {
        if (outPipe != null) {
            outPipe.closeWriter();
        }
        if (errPipe != null) {
            errPipe.closeWriter();
        }
    }
}

package io.dockerdebug.debug;

import io.dockerdebug.tty.Console;
import io.dockerdebug.tty.DetachKeys;

import java.io.IOException;
import java.util.concurrent.ExecutionException;

/**
 * A whole session for a user, as the CLI runs it ({@link DebugService#run}), on the
 * {@link SessionDriver}: the terminal's raw mode and size with a TTY, the user's input with the
 * detach keys, the exit code and the notes. What it sets up is undone by the session's cleanup.
 */
final class InteractiveExec {
    private final DebugSession session;
    private final DebugRequest request;
    private final SessionIo io;
    private final Cleanup cleanup;

    InteractiveExec(DebugSession session, DebugRequest request, SessionIo io, Cleanup cleanup) {
        this.session = session;
        this.request = request;
        this.io = io;
        this.cleanup = cleanup;
    }

    int run() throws IOException {
        Console console = request.command().tty() ? io.console().open() : null;
        Console.RawMode raw = null;
        if (console != null) {
            cleanup.add(console::close);
            raw = console.enterRawMode();
            cleanup.add(raw::close);
        }
        SessionDriver driver = SessionDriver.start(session);
        cleanup.add(driver::close);
        if (console != null) {
            followSize(console, driver);
        }
        ExecStream stream = driver.stream();
        stream.startOutput(io.out(), new ExecErrorLines(io.err()));
        stream.startInput(io.in(), request.command().tty() ? DetachKeys.parse(request.command().detachKeys()) : null, !request.command().tty());
        ExecStream.Outcome outcome = await(stream);
        if (outcome.end() == ExecStream.End.LOCAL_OUTPUT_CLOSED) {
            // Removing the sidecar stops the command: no need to wait for it.
            driver.close();
        } else {
            Phases.mark("output-ended");
        }
        if (raw != null) {
            raw.close();
        }
        if (outcome.end() == ExecStream.End.DETACHED) {
            detached(console != null);
            return 0;
        }
        ExitPolicy.Ending ending = driver.finish(outcome);
        if (ending.note() != null) {
            io.notes().accept(ending.note());
        }
        return ending.code();
    }

    private static void followSize(Console console, SessionDriver driver) {
        Console.Size size = console.size();
        driver.resize(size.columns(), size.rows());
        console.onResize(() -> {
            Console.Size s = console.size();
            driver.resize(s.columns(), s.rows());
        });
    }

    private static ExecStream.Outcome await(ExecStream stream) throws IOException {
        try {
            return stream.ended().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause().getMessage(), e.getCause());
        }
    }

    private void detached(boolean onTerminal) throws IOException {
        if (onTerminal) {
            // The remote prompt is still on the current line.
            io.err().write('\n');
        }
        io.notes().accept(request.sidecar().keep() ? "detached: the kept sidecar and the command in it keep running"
                : "detached: the debug sidecar is removed");
    }
}

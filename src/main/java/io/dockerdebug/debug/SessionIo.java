package io.dockerdebug.debug;

import io.dockerdebug.docker.PullListener;
import io.dockerdebug.tty.Console;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Consumer;

/**
 * The user's side of a session: where input comes from and output goes, how to get a terminal
 * (only asked for TTY sessions), where pull progress and one-line notes go.
 *
 * @param in       input for the command, or null for none
 * @param console  opens the user's terminal, or returns null when there is none; called only for TTY sessions
 */
public record SessionIo(
        InputStream in,
        OutputStream out,
        OutputStream err,
        ConsoleOpener console,
        PullListener pullListener,
        Consumer<String> notes) {

    @FunctionalInterface
    public interface ConsoleOpener {
        Console open() throws IOException;
    }
}

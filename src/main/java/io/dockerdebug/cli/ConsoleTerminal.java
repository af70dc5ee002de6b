package io.dockerdebug.cli;

import io.dockerdebug.Terminal;
import io.dockerdebug.tty.Console;

import java.io.IOException;

/** The user's terminal (JLine, in the tty layer) as the library asks for one. */
final class ConsoleTerminal implements Terminal {
    private final Console console;

    ConsoleTerminal(Console console) {
        this.console = console;
    }

    @Override
    public int[] size() {
        Console.Size s = console.size();
        return new int[] {s.columns(), s.rows()};
    }

    @Override
    public AutoCloseable enterRawMode() throws IOException {
        return console.enterRawMode();
    }

    @Override
    public void onResize(Runnable listener) {
        console.onResize(listener);
    }

    @Override
    public void close() {
        console.close();
    }
}

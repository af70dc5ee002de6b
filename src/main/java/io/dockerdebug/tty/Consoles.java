package io.dockerdebug.tty;

import java.io.IOException;

/** Entry point of the tty layer: decides cheaply whether a terminal is there before building one. */
public final class Consoles {
    private Consoles() {
    }

    /** True when stdin and stdout are both terminals; does not load JLine. */
    public static boolean stdioIsTerminal() {
        java.io.Console console = System.console();
        return console != null && console.isTerminal();
    }

    /** The process's own terminal. Call only when a TTY session is wanted. */
    public static Console system() throws IOException {
        return new JLineConsole();
    }
}

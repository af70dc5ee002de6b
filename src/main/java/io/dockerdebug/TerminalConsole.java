package io.dockerdebug;

import io.dockerdebug.tty.Console;

import java.io.IOException;

/** A caller's {@link Terminal} as the session pump sees terminals. */
final class TerminalConsole implements Console {
    private final Terminal terminal;

    private TerminalConsole(Terminal terminal) {
        this.terminal = terminal;
    }

    static Console of(Terminal terminal) {
        return terminal == null ? null : new TerminalConsole(terminal);
    }

    @Override
    public Size size() {
        int[] s = terminal.size();
        return new Size(s[0], s[1]);
    }

    @Override
    public RawMode enterRawMode() throws IOException {
        AutoCloseable restore = terminal.enterRawMode();
        return () -> {
            try {
                restore.close();
            } catch (Exception e) {
                // the terminal is gone: nothing left to restore
            }
        };
    }

    @Override
    public void onResize(Runnable listener) {
        terminal.onResize(listener);
    }

    @Override
    public void close() {
        terminal.close();
    }
}

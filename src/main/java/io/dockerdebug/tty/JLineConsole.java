package io.dockerdebug.tty;

import org.jline.terminal.Attributes;
import org.jline.terminal.Attributes.ControlChar;
import org.jline.terminal.Attributes.ControlFlag;
import org.jline.terminal.Attributes.InputFlag;
import org.jline.terminal.Attributes.LocalFlag;
import org.jline.terminal.Attributes.OutputFlag;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@link Console} over JLine's system terminal. Built only for TTY sessions: creating it costs
 * a few hundred milliseconds. JLine's own enterRawMode() leaves ISIG and OPOST on, so raw
 * mode here clears the same flags as golang.org/x/term's MakeRaw.
 */
final class JLineConsole implements Console {
    private final Terminal terminal;

    JLineConsole() throws IOException {
        this.terminal = TerminalBuilder.builder()
                .system(true)
                .streams(System.in, System.out)
                .nativeSignals(true)
                // Ctrl-C arrives as a byte in raw mode; keep JLine from acting on signals itself.
                .signalHandler(Terminal.SignalHandler.SIG_IGN)
                .build();
    }

    @Override
    public Size size() {
        org.jline.terminal.Size s = terminal.getSize();
        return new Size(s.getColumns(), s.getRows());
    }

    @Override
    public RawMode enterRawMode() {
        Attributes saved = terminal.getAttributes();
        Attributes raw = new Attributes(saved);
        for (InputFlag f : new InputFlag[] {InputFlag.IGNBRK, InputFlag.BRKINT, InputFlag.PARMRK,
                InputFlag.ISTRIP, InputFlag.INLCR, InputFlag.IGNCR, InputFlag.ICRNL, InputFlag.IXON}) {
            raw.setInputFlag(f, false);
        }
        raw.setOutputFlag(OutputFlag.OPOST, false);
        for (LocalFlag f : new LocalFlag[] {LocalFlag.ECHO, LocalFlag.ECHONL, LocalFlag.ICANON,
                LocalFlag.ISIG, LocalFlag.IEXTEN}) {
            raw.setLocalFlag(f, false);
        }
        raw.setControlFlag(ControlFlag.PARENB, false);
        raw.setControlFlag(ControlFlag.CS8, true);
        raw.setControlChar(ControlChar.VMIN, 1);
        raw.setControlChar(ControlChar.VTIME, 0);
        terminal.setAttributes(raw);
        AtomicBoolean restored = new AtomicBoolean();
        return () -> {
            if (restored.compareAndSet(false, true)) {
                terminal.setAttributes(saved);
            }
        };
    }

    @Override
    public void onResize(Runnable listener) {
        terminal.handle(Terminal.Signal.WINCH, signal -> listener.run());
    }

    @Override
    public void close() {
        try {
            terminal.close();
        } catch (IOException ignored) {
            // the terminal is going away with the process
        }
    }
}

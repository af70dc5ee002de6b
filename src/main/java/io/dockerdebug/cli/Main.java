package io.dockerdebug.cli;

import io.dockerdebug.debug.DebugException;
import io.dockerdebug.docker.EngineException;
import io.dockerdebug.tty.Consoles;
import picocli.CommandLine;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.util.Map;

/** The only class that touches System.in/out/err and System.exit. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Logging.install();
        // Raw descriptors: no charset or line buffering between the remote process and the user.
        Stdio stdio = new Stdio(new FileInputStream(FileDescriptor.in), new FileOutputStream(FileDescriptor.out),
                System.err, System.getenv(), Consoles.stdioIsTerminal());
        System.exit(run(args, stdio));
    }

    static int run(String[] args, Stdio stdio) {
        CommandLine cli = commandLine(stdio);
        return cli.execute(args);
    }

    static CommandLine commandLine(Stdio stdio) {
        CommandLine cli = new CommandLine(new DebugCommand(stdio));
        Subcommands.register(cli, stdio);
        cli.setStopAtPositional(true);
        cli.setOut(new java.io.PrintWriter(stdio.out(), true));
        cli.setErr(new java.io.PrintWriter(stdio.err(), true));
        cli.setParameterExceptionHandler((ex, argv) -> {
            // One line, like docker: the error and where to look.
            ex.getCommandLine().getErr().println("docker-debug: " + ex.getMessage());
            ex.getCommandLine().getErr().println("See 'docker-debug --help'.");
            return DebugException.ENGINE_ERROR;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("docker-debug: " + message(ex));
            return ex instanceof DebugException d ? d.exitCode() : DebugException.ENGINE_ERROR;
        });
        if (noColor(stdio.env())) {
            // https://no-color.org: present and not empty disables colour, terminal or not.
            cli.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        }
        return cli;
    }

    static boolean noColor(Map<String, String> env) {
        String v = env.get("NO_COLOR");
        return v != null && !v.isEmpty();
    }

    private static String message(Exception ex) {
        if (ex instanceof DebugException || ex instanceof EngineException) {
            return ex.getMessage();
        }
        return ex.getClass().getSimpleName() + ": " + ex.getMessage();
    }
}

package io.dockerdebug.cli;

import io.dockerdebug.debug.DebugException;
import io.dockerdebug.docker.DockerJavaEngine;
import io.dockerdebug.docker.EngineException;
import io.dockerdebug.tty.Consoles;
import picocli.CommandLine;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The only class that touches System.in/out/err and System.exit. */
public final class Main {
    private Main() {
    }

    public static void main(String[] argv) {
        String[] args = ExactArguments.of(argv);
        if (DockerCliPlugin.isMetadataCall(args)) {
            System.out.println(DockerCliPlugin.metadata(VersionProvider.version()));
            System.exit(0);
        }
        DockerCliPlugin.Invocation invocation = DockerCliPlugin.unwrap(args, System.getenv());
        args = invocation.args();
        Logging.install();
        if (mayUseTheEngine(args)) {
            // Two things at once: picocli reads its annotations here, the JSON side gets ready there.
            Thread.ofPlatform().daemon().name("warm-up").start(DockerJavaEngine::warmUp);
        }
        // Raw descriptors: no charset or line buffering between the remote process and the user.
        // Input through a channel, which can be closed under a blocked read: a thread left in a
        // native read of a terminal or pipe would hold up the JVM's exit by 300 ms.
        FileChannel in = new FileInputStream(FileDescriptor.in).getChannel();
        Stdio stdio = new Stdio(Channels.newInputStream(in), new FileOutputStream(FileDescriptor.out),
                utf8Stderr(), invocation.env(), Consoles.stdioIsTerminal());
        int code = run(args, stdio);
        try {
            in.close();
        } catch (IOException ignored) {
            // exiting anyway
        }
        System.exit(code);
    }

    /** Our lines carry names from the engine and the arguments, all UTF-8: written as such, as docker does, whatever the locale. */
    private static PrintStream utf8Stderr() {
        return new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    }

    /** False for --help and --version, which must not pay for anything else. */
    static boolean mayUseTheEngine(String[] args) {
        for (String a : args) {
            switch (a) {
                case "-h", "--help", "-V", "--version" -> {
                    return false;
                }
                default -> {
                }
            }
        }
        return args.length > 0;
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

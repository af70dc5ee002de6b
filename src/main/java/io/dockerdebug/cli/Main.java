package io.dockerdebug.cli;

import io.dockerdebug.DockerDebug;
import io.dockerdebug.DockerDebugException;
import io.dockerdebug.threads.Threads;
import io.dockerdebug.tty.Consoles;
import picocli.CommandLine;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/** The only class that touches System.in/out/err and System.exit. */
public final class Main {
    private Main() {
    }

    public static void main(String[] argv) {
        String[] args = ExactArguments.of(argv);
        if (DockerCliPlugin.isMetadataCall(args)) {
            System.out.println(DockerCliPlugin.metadata(VersionProvider.version()));
            System.out.flush();
            Runtime.getRuntime().halt(0); // nothing to clean up; see the halt below
        }
        DockerCliPlugin.Invocation invocation = DockerCliPlugin.unwrap(args, System.getenv());
        args = invocation.args();
        if (versionOnly(args)) {
            // Before the descriptors, the terminal check and the logging set-up below, none of which it uses.
            for (String line : new VersionProvider().getVersion()) {
                System.out.println(line);
            }
            System.out.flush();
            Runtime.getRuntime().halt(0); // nothing to clean up; see the halt below
        }
        Logging.install();
        warmUp(args);
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
        if (!mayUseTheEngine(args)) {
            // Help and version printed (flushed: picocli's writers flush each line, stdout is
            // unbuffered) and nothing registered a shutdown hook. System.exit would start the
            // JDK's logging to ask whether to log the exit: 100 classes and a config read for nothing.
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(code);
        }
        System.exit(code);
    }

    /** Two things at once: picocli builds its model and parses here, the JSON side gets ready on another thread. */
    static void warmUp(String[] args) {
        if (mayUseTheEngine(args)) {
            Threads.daemon("warm-up", DockerDebug::warmUp);
        }
    }

    /** Our lines carry names from the engine and the arguments, all UTF-8: written as such, as docker does, whatever the locale. */
    private static PrintStream utf8Stderr() {
        return new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    }

    /** "--version" or "-V" alone: answered without picocli's model (what picocli would print for it). */
    static boolean versionOnly(String[] args) {
        return args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
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
        if (versionOnly(args)) {
            // What picocli prints for it, without building a model: the most common check of an install.
            PrintWriter out = new PrintWriter(stdio.out(), true);
            for (String line : new VersionProvider().getVersion()) {
                out.println(line);
            }
            return 0;
        }
        return commandLine(args, stdio).execute(args);
    }

    /**
     * The command tree for {@code args}: the full one when they name a subcommand, else the root
     * with placeholders for the subcommands (see {@link Subcommands}), which a session,
     * --version and --help never run.
     */
    static CommandLine commandLine(String[] args, Stdio stdio) {
        CommandLine cli = new CommandLine(new DebugCommand(stdio).model());
        Set<String> names = Subcommands.names(cli, stdio);
        if (Subcommands.named(cli, names, args) != null) {
            Subcommands.register(cli, stdio);
        } else if (!mayUseTheEngine(args) || Arrays.stream(args).anyMatch(names::contains)) {
            // Help lists them; picocli refuses a subcommand's name as an option's value ("-i ps").
            Subcommands.registerPlaceholders(cli, stdio, () -> configure(full(stdio), stdio).execute(args));
        }
        // Else a session whose words picocli would never compare with a subcommand's name.
        return configure(cli, stdio);
    }

    /** The full command tree (every subcommand's model): completion scripts and man pages read it. */
    static CommandLine commandLine(Stdio stdio) {
        return configure(full(stdio), stdio);
    }

    private static CommandLine full(Stdio stdio) {
        CommandLine cli = new CommandLine(new DebugCommand(stdio).model());
        Subcommands.register(cli, stdio);
        return cli;
    }

    /** Settings for the whole tree: after the subcommands are added, as picocli applies them to those there. */
    private static CommandLine configure(CommandLine cli, Stdio stdio) {
        cli.setStopAtPositional(true);
        cli.setOut(new PrintWriter(stdio.out(), true));
        cli.setErr(new PrintWriter(stdio.err(), true));
        cli.setParameterExceptionHandler((ex, argv) -> {
            // One line, like docker: the error and where to look.
            ex.getCommandLine().getErr().println("docker-debug: " + ex.getMessage());
            ex.getCommandLine().getErr().println("See 'docker-debug --help'.");
            return DockerDebugException.ENGINE_ERROR;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            // The one place where failures become exit codes.
            commandLine.getErr().println("docker-debug: " + message(ex));
            return ex instanceof DockerDebugException d ? d.exitCode() : DockerDebugException.ENGINE_ERROR;
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
        if (ex instanceof DockerDebugException) {
            return ex.getMessage();
        }
        return ex.getClass().getSimpleName() + ": " + ex.getMessage();
    }
}

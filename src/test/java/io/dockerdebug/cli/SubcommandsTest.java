package io.dockerdebug.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The placeholders a session, --version and --help get instead of the subcommands' models. */
class SubcommandsTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Stdio stdio() {
        return new Stdio(new ByteArrayInputStream(new byte[0]), out, new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of(), false);
    }

    /** What the full tree prints for args (every subcommand's model built), then what Main prints. */
    private String[] fullAndMain(String... args) {
        assertEquals(0, Main.commandLine(stdio()).execute(args), err.toString());
        String full = out.toString(StandardCharsets.UTF_8);
        out.reset();
        assertEquals(0, Main.run(args, stdio()), err.toString());
        return new String[] {full, out.toString(StandardCharsets.UTF_8)};
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "false"})
    void theRootsHelpIsTheFullTreesHelp(String ansi) {
        MainTest.withPicocliAnsi(ansi, () -> {
            String[] both = fullAndMain("--help");
            assertEquals(both[0], both[1]);
            assertFalse(both[1].isEmpty());
        });
    }

    @Test
    void versionAndSessionsBuildNoSubcommandModel() {
        for (String[] args : new String[][] {{"--version"}, {"--help"}, {"-i", "img", "target", "info"}, {"target", "info"}}) {
            CommandLine cli = Main.commandLine(args, stdio());
            cli.getSubcommands().values().forEach(sub -> assertFalse(
                    sub.getCommand().getClass().isAnnotationPresent(CommandLine.Command.class), String.join(" ", args)));
        }
        assertInstanceOf(InfoCommand.class, Main.commandLine(new String[] {"info"}, stdio()).getSubcommands().get("info").getCommand());
    }

    /**
     * The root's model, which every run builds, is made by hand: no option is a field read by
     * reflection (picocli's annotated model binds each to its Field) and no mixin is an annotated
     * object (the engine options, picocli's own -h/-V), so no annotation is read on these paths.
     */
    @Test
    void theRootsModelIsBuiltWithoutReflection() {
        for (String[] args : new String[][] {{"--help"}, {"-i", "img", "target", "true"}, {"--no-such"}, {"target", "ps"}}) {
            CommandLine.Model.CommandSpec root = Main.commandLine(args, stdio()).getCommandSpec();
            assertFalse(root.args().isEmpty());
            for (CommandLine.Model.ArgSpec arg : root.args()) {
                assertNull(arg.userObject(), String.join(" ", args) + ": " + arg.paramLabel());
            }
            assertEquals(Set.of("engineOptions", "mixinStandardHelpOptions"), root.mixins().keySet());
            root.mixins().forEach((name, mixin) -> assertNull(mixin.userObject(), name));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "ps                     | ps",
            "-H unix:///x ps        | ps",
            "--debug info           | info",
            "-ti img rm             | rm",
            "-tiimg rm              | rm",
            "-- ps                  | -",
            "target ps              | -",
            "--version              | -"})
    void namedIsTheSubcommandPicocliRuns(String args, String expected) {
        String[] argv = args.split("\\s+");
        CommandLine cli = Main.commandLine(stdio());
        assertEquals(expected, Subcommands.named(cli, Subcommands.names(cli, stdio()), argv));
        CommandLine.ParseResult parsed = cli.parseArgs(argv);
        assertEquals(expected, parsed.hasSubcommand() ? parsed.subcommand().commandSpec().name() : null);
    }

    /** Everything that does not reach an engine: the same exit code, output and error lines. */
    @ParameterizedTest
    @ValueSource(strings = {"", "--version", "-V", "--help", "-h", "-i ps target", "--image=ps rm", "--no-such", "-t",
            "-H unix:///nonexistent/docker.sock target true", "ps --no-such", "info --help", "-- --help",
            "completion tcsh", "plugin --help", "rm --target web abc", "-i ps", "-H unix:///nonexistent/docker.sock -i img t ps",
            "-H unix:///nonexistent/docker.sock -t -T t"})
    void mainBehavesAsTheFullTree(String args) {
        String[] argv = args.isEmpty() ? new String[0] : args.split(" ");
        int full = Main.commandLine(stdio()).execute(argv);
        String fullOut = out.toString(StandardCharsets.UTF_8);
        String fullErr = err.toString(StandardCharsets.UTF_8);
        out.reset();
        err.reset();
        assertEquals(full, Main.run(argv, stdio()));
        assertEquals(fullOut, out.toString(StandardCharsets.UTF_8));
        assertEquals(fullErr, err.toString(StandardCharsets.UTF_8));
    }

    /** Should a placeholder be run after all (a command line misread), the command runs on the full tree. */
    @Test
    void aPlaceholderThatRunsRunsTheFullCommand() {
        assertEquals(0, Main.commandLine(stdio()).execute("ps", "--help"));
        String full = out.toString(StandardCharsets.UTF_8);
        out.reset();
        String[] args = {"ps", "--help"};
        CommandLine lazy = new CommandLine(new DebugCommand(stdio()).model());
        Subcommands.registerPlaceholders(lazy, stdio(), () -> Main.commandLine(stdio()).execute(args));
        assertNotEquals(SidecarCommands.Ps.class, lazy.getSubcommands().get("ps").getCommand().getClass());
        assertEquals(0, lazy.execute(args), err.toString());
        assertEquals(full, out.toString(StandardCharsets.UTF_8));
    }
}

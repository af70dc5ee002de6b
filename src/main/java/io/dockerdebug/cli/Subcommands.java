package io.dockerdebug.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * The subcommands of docker-debug, registered in one place. A subcommand name wins over a
 * container of the same name, as with the Go original; "docker-debug -- ps" debugs a container
 * named "ps".
 *
 * <p>Building a subcommand's model (picocli reads its annotations and fields by reflection) costs
 * start-up time, so a command line that names no subcommand (a session, --version, --help) gets
 * placeholders: the name and first description line of each, which is all the root's help lists,
 * from constants (reading them from the {@code @Command} would cost the annotation's proxy class).
 */
final class Subcommands {
    private Subcommands() {
    }

    /** A subcommand: its name and first description line (constants of its class, which its {@code @Command} uses too), and how to make one. */
    private record Sub(String name, String summary, Supplier<Object> make) {
    }

    private static List<Sub> all(CommandLine root, Stdio stdio) {
        // One line per subcommand, in the order help lists them.
        // -H, --context, -n and --config are the root's, inherited: every subcommand reads them here.
        EngineOptions engine = ((DebugCommand) root.getCommand()).engineOptions;
        return List.of(
                new Sub(CompletionCommand.NAME, CompletionCommand.SUMMARY, () -> new CompletionCommand(stdio, root)),
                new Sub(InitCommand.NAME, InitCommand.SUMMARY, () -> new InitCommand(stdio, engine)),
                new Sub(ConfigCommand.NAME, ConfigCommand.SUMMARY, () -> new ConfigCommand(stdio, engine)),
                new Sub(UseCommand.NAME, UseCommand.SUMMARY, () -> new UseCommand(stdio, engine)),
                new Sub(InfoCommand.NAME, InfoCommand.SUMMARY, () -> new InfoCommand(stdio, engine)),
                new Sub(SidecarCommands.Ps.NAME, SidecarCommands.Ps.SUMMARY, () -> new SidecarCommands.Ps(stdio, engine)),
                new Sub(SidecarCommands.Rm.NAME, SidecarCommands.Rm.SUMMARY, () -> new SidecarCommands.Rm(stdio, engine)),
                new Sub(PruneCommand.NAME, PruneCommand.SUMMARY, () -> new PruneCommand(stdio, engine)),
                new Sub(PortForwardCommand.NAME, PortForwardCommand.SUMMARY, () -> new PortForwardCommand(stdio, engine)),
                new Sub(ServeCommand.NAME, ServeCommand.SUMMARY, () -> new ServeCommand(stdio, engine)),
                new Sub(PluginCommand.NAME, PluginCommand.SUMMARY, () -> new PluginCommand(stdio)));
    }

    /** Every subcommand with its full model (a subcommand runs, completion scripts, man pages). */
    static void register(CommandLine root, Stdio stdio) {
        for (Sub sub : all(root, stdio)) {
            root.addSubcommand(sub.name(), sub.make().get());
        }
    }

    /**
     * Placeholders only: enough for the root's help and for picocli to recognise a subcommand's
     * name. Should one run after all (a command line {@link #named} misread), it runs
     * {@code whole}: the command line again on the full model.
     */
    static void registerPlaceholders(CommandLine root, Stdio stdio, Callable<Integer> whole) {
        for (Sub sub : all(root, stdio)) {
            CommandSpec spec = CommandSpec.wrapWithoutInspection(whole);
            // What the root's help lists of it (no subcommand has aliases, a header or is hidden).
            spec.usageMessage().description(sub.summary());
            // Takes anything: its own options are known only to its full model.
            spec.parser().unmatchedOptionsArePositionalParams(true);
            spec.addPositional(PositionalParamSpec.builder().arity("0..*").type(String[].class).hidden(true).build());
            root.addSubcommand(sub.name(), spec);
        }
    }

    /** The subcommands' names. */
    static Set<String> names(CommandLine root, Stdio stdio) {
        Set<String> names = new HashSet<>();
        all(root, stdio).forEach(sub -> names.add(sub.name()));
        return names;
    }

    /**
     * The subcommand a command line names, or null: its first word that is neither an option of
     * the root nor an option's value, if that is a subcommand's name (picocli's own rule).
     */
    static String named(CommandLine cli, Set<String> names, String[] args) {
        CommandSpec root = cli.getCommandSpec();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                return null;
            }
            if (a.length() > 1 && a.startsWith("-")) {
                if (takesSeparateValue(root, a)) {
                    i++;
                }
                continue;
            }
            return names.contains(a) ? a : null;
        }
        return null;
    }

    /** Whether option word {@code a} ("--image", "-i", "-ti") is followed by its value as the next word. */
    private static boolean takesSeparateValue(CommandSpec root, String a) {
        if (a.contains("=")) {
            return false;
        }
        OptionSpec o = root.findOption(a);
        if (o != null) {
            return o.arity().max() > 0;
        }
        if (a.startsWith("--")) {
            return false;
        }
        // A cluster of short options: the first one that takes a value takes the rest, or the next word.
        for (int k = 1; k < a.length(); k++) {
            OptionSpec s = root.findOption(a.charAt(k));
            if (s == null) {
                return false;
            }
            if (s.arity().max() > 0) {
                return k == a.length() - 1;
            }
        }
        return false;
    }
}

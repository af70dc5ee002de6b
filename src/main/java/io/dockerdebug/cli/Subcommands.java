package io.dockerdebug.cli;

import picocli.CommandLine;

/**
 * The subcommands of docker-debug, registered in one place. A subcommand name wins over a
 * container of the same name, as with the Go original; "docker-debug -- ps" debugs a container
 * named "ps".
 */
final class Subcommands {
    private Subcommands() {
    }

    static void register(CommandLine root, Stdio stdio) {
        // One line per subcommand: root.addSubcommand("name", new XCommand(stdio));
        root.addSubcommand("completion", new CompletionCommand(stdio, root));
        root.addSubcommand("init", new InitCommand(stdio));
        root.addSubcommand("config", new ConfigCommand(stdio));
        root.addSubcommand("use", new UseCommand(stdio));
        root.addSubcommand("info", new InfoCommand(stdio));
        root.addSubcommand("ps", new SidecarCommands.Ps(stdio, root.getCommand()));
        root.addSubcommand("rm", new SidecarCommands.Rm(stdio, root.getCommand()));
        root.addSubcommand("prune", new PruneCommand(stdio));
        root.addSubcommand("serve", new ServeCommand(stdio));
    }
}

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
        // -H, --context, -n and --config are the root's, inherited: every subcommand reads them here.
        EngineOptions engine = ((DebugCommand) root.getCommand()).engineOptions;
        root.addSubcommand("completion", new CompletionCommand(stdio, root));
        root.addSubcommand("init", new InitCommand(stdio, engine));
        root.addSubcommand("config", new ConfigCommand(stdio, engine));
        root.addSubcommand("use", new UseCommand(stdio, engine));
        root.addSubcommand("info", new InfoCommand(stdio, engine));
        root.addSubcommand("ps", new SidecarCommands.Ps(stdio, engine));
        root.addSubcommand("rm", new SidecarCommands.Rm(stdio, engine));
        root.addSubcommand("prune", new PruneCommand(stdio, engine));
        root.addSubcommand("port-forward", new PortForwardCommand(stdio, engine));
        root.addSubcommand("serve", new ServeCommand(stdio, engine));
        root.addSubcommand("plugin", new PluginCommand(stdio));
    }
}

package io.dockerdebug.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code docker-debug use NAME}: makes a profile the default (config_default). */
@Command(name = UseCommand.NAME, mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = UseCommand.SUMMARY)
final class UseCommand implements Callable<Integer> {
    /** Its name, and the first line of its description: also what the root's help lists (see Subcommands). */
    static final String NAME = "use";
    static final String SUMMARY = "Make profile NAME the default engine profile (config_default).";

    @Parameters(index = "0", paramLabel = "NAME", completionCandidates = CompletionValues.Profiles.class, description = "Profile name ([config.NAME]).")
    String name;

    private final Stdio stdio;
    private final EngineOptions engine;

    UseCommand(Stdio stdio, EngineOptions engine) {
        this.stdio = stdio;
        this.engine = engine;
    }

    @Override
    public Integer call() {
        Settings settings = engine.settings(stdio.env());
        Settings.change(() -> settings.file().use(name));
        stdio.err().println("docker-debug: default profile is now \"" + name + "\" (" + settings.file().path() + ")");
        return 0;
    }
}

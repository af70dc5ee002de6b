package io.dockerdebug.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code docker-debug init [--force]}: writes the commented default config file. */
@Command(name = InitCommand.NAME, mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = InitCommand.SUMMARY)
final class InitCommand implements Callable<Integer> {
    /** Its name, and the first line of its description: also what the root's help lists (see Subcommands). */
    static final String NAME = "init";
    static final String SUMMARY = "Write a commented default config file (refuses to replace one unless --force).";

    @Option(names = {"-f", "--force"}, description = "Replace an existing file.")
    boolean force;

    private final Stdio stdio;
    private final EngineOptions engine;

    InitCommand(Stdio stdio, EngineOptions engine) {
        this.stdio = stdio;
        this.engine = engine;
    }

    @Override
    public Integer call() {
        Settings settings = engine.settings(stdio.env());
        Settings.change(() -> settings.file().init(force));
        stdio.err().println("docker-debug: wrote " + settings.file().path());
        return 0;
    }
}

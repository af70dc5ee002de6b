package io.dockerdebug.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code docker-debug init [--force]}: writes the commented default config file. */
@Command(name = "init", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Write a commented default config file (refuses to replace one unless --force).")
final class InitCommand implements Callable<Integer> {
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

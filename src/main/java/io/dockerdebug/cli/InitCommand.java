package io.dockerdebug.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/** {@code docker-debug init [--force]}: writes the commented default config file. */
@Command(name = "init", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Write a commented default config file (refuses to replace one unless --force).")
final class InitCommand implements Callable<Integer> {
    @ParentCommand
    DebugCommand parent;

    @Option(names = "--config", paramLabel = "FILE", description = "Config file (default: $DOCKER_DEBUG_CONFIG, else ~/.docker-debug/config.toml).")
    String configFile;

    @Option(names = {"-f", "--force"}, description = "Replace an existing file.")
    boolean force;

    private final Stdio stdio;

    InitCommand(Stdio stdio) {
        this.stdio = stdio;
    }

    @Override
    public Integer call() {
        Settings settings = new Settings(configFile != null ? configFile : parent.configFile, stdio.env());
        Settings.change(() -> settings.file().init(force));
        stdio.err().println("docker-debug: wrote " + settings.file().path());
        return 0;
    }
}

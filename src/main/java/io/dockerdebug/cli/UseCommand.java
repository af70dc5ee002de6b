package io.dockerdebug.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/** {@code docker-debug use NAME}: makes a profile the default (config_default). */
@Command(name = "use", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Make profile NAME the default engine profile (config_default).")
final class UseCommand implements Callable<Integer> {
    @ParentCommand
    DebugCommand parent;

    @Option(names = "--config", paramLabel = "FILE", description = "Config file (default: $DOCKER_DEBUG_CONFIG, else ~/.docker-debug/config.toml).")
    String configFile;

    @Parameters(index = "0", paramLabel = "NAME", description = "Profile name ([config.NAME]).")
    String name;

    private final Stdio stdio;

    UseCommand(Stdio stdio) {
        this.stdio = stdio;
    }

    @Override
    public Integer call() {
        Settings settings = new Settings(configFile != null ? configFile : parent.configFile, stdio.env());
        Settings.change(() -> settings.file().use(name));
        stdio.err().println("docker-debug: default profile is now \"" + name + "\" (" + settings.file().path() + ")");
        return 0;
    }
}

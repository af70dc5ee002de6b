package io.dockerdebug.cli;

import io.dockerdebug.DockerDebug;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ScopeType;

import java.util.Map;

/**
 * -H, --context, -n and --config: mixed into the root command and inherited by every subcommand
 * (picocli copies an inherited option into each subcommand but binds it to this one object), so
 * {@code docker-debug -n p prune} and {@code docker-debug prune -n p} set the same field and every
 * command chooses its engine through {@link #library} — never a socket of its own choosing.
 */
final class EngineOptions {
    String host;
    String context;
    String profile;
    String configFile;

    /** The mixin of the root's model ({@link DebugCommand#model}), bound to the fields above. */
    CommandSpec model() {
        CommandSpec mixin = CommandSpec.create();
        mixin.addOption(inherited(OptionSpec.builder("-H", "--host").paramLabel("HOST")
                        .description("Docker engine: unix:///path, tcp://host:port or ssh://[user@]host[:port]."),
                Binding.of(() -> host, v -> host = v)));
        mixin.addOption(inherited(OptionSpec.builder("--context").paramLabel("NAME")
                        .description("Docker CLI context to use (see the README for the order)."),
                Binding.of(() -> context, v -> context = v)));
        mixin.addOption(inherited(OptionSpec.builder("-n", "--name").paramLabel("NAME")
                        .completionCandidates(new CompletionValues.Profiles())
                        .description("Engine profile [config.NAME] of the config file."),
                Binding.of(() -> profile, v -> profile = v)));
        mixin.addOption(inherited(OptionSpec.builder("--config").paramLabel("FILE")
                        .description("Config file (default: $DOCKER_DEBUG_CONFIG, else ~/.docker-debug/config.toml)."),
                Binding.of(() -> configFile, v -> configFile = v)));
        return mixin;
    }

    private static OptionSpec inherited(OptionSpec.Builder option, Binding<String> field) {
        return option.scopeType(ScopeType.INHERIT).type(String.class).descriptionKey("")
                .getter(field).setter(field).initialValue(field.initial()).build();
    }

    /** The config file the options and the environment name (read on first use). */
    Settings settings(Map<String, String> env) {
        return new Settings(configFile, env);
    }

    /** The library, connected to the engine the flags, the environment, the config file and the current context choose. */
    DockerDebug.Builder library(Map<String, String> env) {
        return DockerDebug.builder().environment(env).host(host).context(context).profile(profile).configFile(configFile);
    }
}

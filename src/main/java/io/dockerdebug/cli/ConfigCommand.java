package io.dockerdebug.cli;

import io.dockerdebug.config.Config;
import io.dockerdebug.config.Profile;
import io.dockerdebug.InvalidOptionsException;
import io.dockerdebug.docker.DockerEndpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/** {@code docker-debug config [-n NAME] [-H HOST] [--[no-]tls] [--cert-dir DIR]}: shows or sets a profile. */
@Command(name = ConfigCommand.NAME, mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = ConfigCommand.SUMMARY)
final class ConfigCommand implements Callable<Integer> {
    /** Its name, and the first line of its description: also what the root's help lists (see Subcommands). */
    static final String NAME = "config";
    static final String SUMMARY = "Show engine profiles, or set one: with -H, --tls or --cert-dir, profile NAME (default: "
            + "the default profile, else \"default\") is created or changed.";

    @Option(names = "--tls", negatable = true, description = "Verify the engine with TLS certificates (--no-tls: don't).")
    Boolean tls;

    @Option(names = "--cert-dir", paramLabel = "DIR", description = "Directory with ca.pem, cert.pem and key.pem.")
    String certDir;

    private final Stdio stdio;
    /** -n is the profile to show or set, -H the host to set in it. */
    private final EngineOptions engine;

    ConfigCommand(Stdio stdio, EngineOptions engine) {
        this.stdio = stdio;
        this.engine = engine;
    }

    @Override
    public Integer call() {
        if (engine.context != null) {
            throw new InvalidOptionsException("config: --context does not go with config (profiles are set with -n)");
        }
        String name = engine.profile;
        String host = engine.host;
        Settings settings = engine.settings(stdio.env());
        Config config = settings.config();
        PrintStream out = new PrintStream(stdio.out(), true, StandardCharsets.UTF_8);
        if (host == null && tls == null && certDir == null) {
            if (name != null) {
                Profile p = config.profile(name).orElseThrow(() -> new InvalidOptionsException(
                        "no profile named \"" + name + "\" in " + settings.file().path()));
                print(out, p, name.equals(config.defaultProfile()));
            } else {
                out.println("# " + settings.file().path() + (config.exists() ? "" : " (no file: defaults)"));
                if (config.defaultProfile() != null) {
                    out.println("config_default = \"" + config.defaultProfile() + "\"");
                }
                for (Profile p : config.profiles().values()) {
                    out.println();
                    print(out, p, p.name().equals(config.defaultProfile()));
                }
            }
            return 0;
        }
        if (host != null && !host.isEmpty()) {
            try {
                DockerEndpoint.parseHost(host);
            } catch (IllegalArgumentException e) {
                throw new InvalidOptionsException(e.getMessage());
            }
        }
        String target = name != null ? name : config.defaultProfile() != null ? config.defaultProfile() : "default";
        boolean makeDefault = name == null && config.defaultProfile() == null;
        Settings.change(() -> settings.file().setProfile(target, host, tls, certDir, makeDefault));
        Config updated = new Settings(settings.file().path().toString(), stdio.env()).config();
        print(out, updated.profile(target).orElseThrow(), target.equals(updated.defaultProfile()));
        return 0;
    }

    private static void print(PrintStream out, Profile p, boolean isDefault) {
        out.println("[config." + p.name() + "]" + (isDefault ? "   # the default profile" : ""));
        out.println("host = \"" + (p.host() == null ? DockerEndpoint.DEFAULT_SOCKET : p.host()) + "\"");
        out.println("tls = " + p.tls());
        if (p.certDir() != null) {
            out.println("cert_dir = \"" + p.certDir() + "\"");
        }
        if (p.apiVersion() != null) {
            out.println("version = \"" + p.apiVersion() + "\"");
        }
    }
}

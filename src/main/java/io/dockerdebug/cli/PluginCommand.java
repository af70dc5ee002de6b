package io.dockerdebug.cli;

import io.dockerdebug.DockerDebugException;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code docker-debug plugin install|uninstall}: the link {@code docker-dbg} to this launcher in
 * the docker CLI's plugin directory ($DOCKER_CONFIG/cli-plugins, else ~/.docker/cli-plugins),
 * which makes {@code docker dbg} run docker-debug. Nothing else there is touched: a
 * {@code docker-dbg} that is not a link to a docker-debug launcher is left as it is.
 */
@Command(name = PluginCommand.NAME, mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = PluginCommand.SUMMARY,
        subcommands = {PluginCommand.Install.class, PluginCommand.Uninstall.class})
final class PluginCommand implements Callable<Integer> {
    /** Its name, and the first line of its description: also what the root's help lists (see Subcommands). */
    static final String NAME = "plugin";
    static final String SUMMARY = "Install or remove docker-debug as the docker CLI plugin 'docker " + DockerCliPlugin.NAME + "'.";
    private static final String LINK = "docker-" + DockerCliPlugin.NAME;

    private final Stdio stdio;

    PluginCommand(Stdio stdio) {
        this.stdio = stdio;
    }

    @Override
    public Integer call() {
        stdio.err().println("docker-debug: plugin needs a subcommand: install or uninstall");
        return DockerDebugException.ENGINE_ERROR;
    }

    static Path pluginDir(java.util.Map<String, String> env) {
        String config = env.get("DOCKER_CONFIG");
        if (config == null || config.isEmpty()) {
            // The docker CLI's home is $HOME (Go's os.UserHomeDir), not the password file's.
            config = io.dockerdebug.docker.UserHome.of(env).resolve(".docker").toString();
        }
        return Path.of(config, "cli-plugins");
    }

    /** The launcher as bin/docker-debug passes it (its install directory), or null when run otherwise. */
    private static Path launcher() {
        String home = System.getProperty("docker-debug.home");
        return home == null ? null : Path.of(home, "bin", "docker-debug");
    }

    /** A link we made: a symbolic link whose target is named docker-debug. */
    private static boolean isOurs(Path link) throws IOException {
        if (!Files.isSymbolicLink(link)) {
            return false;
        }
        Path target = Files.readSymbolicLink(link).getFileName();
        return target != null && target.toString().equals("docker-debug");
    }

    @Command(name = "install", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Link docker-" + DockerCliPlugin.NAME + " to this docker-debug in the docker CLI's plugin directory.")
    static final class Install implements Callable<Integer> {
        @picocli.CommandLine.ParentCommand
        PluginCommand parent;

        @Override
        public Integer call() throws IOException {
            Stdio stdio = parent.stdio;
            Path launcher = launcher();
            if (launcher == null || !Files.isExecutable(launcher)) {
                stdio.err().println("docker-debug: plugin install needs the installed launcher (bin/docker-debug)");
                return DockerDebugException.ENGINE_ERROR;
            }
            Path dir = pluginDir(stdio.env());
            Path link = dir.resolve(LINK);
            if (Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
                if (!isOurs(link)) {
                    stdio.err().println("docker-debug: " + link + " exists and is not a link to docker-debug: left as it is");
                    return DockerDebugException.ENGINE_ERROR;
                }
                Files.delete(link);
            }
            Files.createDirectories(dir);
            Files.createSymbolicLink(link, launcher);
            stdio.err().println("docker-debug: installed " + link + " -> " + launcher + "; run 'docker "
                    + DockerCliPlugin.NAME + " --help'");
            return 0;
        }
    }

    @Command(name = "uninstall", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Remove the docker-" + DockerCliPlugin.NAME + " link from the docker CLI's plugin directory.")
    static final class Uninstall implements Callable<Integer> {
        @picocli.CommandLine.ParentCommand
        PluginCommand parent;

        @Override
        public Integer call() throws IOException {
            Stdio stdio = parent.stdio;
            Path link = pluginDir(stdio.env()).resolve(LINK);
            if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
                stdio.err().println("docker-debug: no " + link + ": nothing to remove");
                return 0;
            }
            if (!isOurs(link)) {
                stdio.err().println("docker-debug: " + link + " is not a link to docker-debug: left as it is");
                return DockerDebugException.ENGINE_ERROR;
            }
            Files.delete(link);
            stdio.err().println("docker-debug: removed " + link);
            return 0;
        }
    }
}

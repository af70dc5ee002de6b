package io.dockerdebug.cli;

import io.dockerdebug.InvalidOptionsException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.concurrent.Callable;

/** {@code docker-debug completion bash|zsh|fish}: prints the shell's completion script. */
@Command(name = CompletionCommand.NAME,
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = CompletionCommand.SUMMARY,
        footer = {"", "Load it with:",
                "  bash  source <(docker-debug completion bash)     (in ~/.bashrc)",
                "  zsh   source <(docker-debug completion zsh)      (in ~/.zshrc)",
                "  fish  docker-debug completion fish | source      (in ~/.config/fish/config.fish)"})
final class CompletionCommand implements Callable<Integer> {
    /** Its name, and the first line of its description: also what the root's help lists (see Subcommands). */
    static final String NAME = "completion";
    static final String SUMMARY = "Print the shell completion script for bash, zsh or fish.";

    /** The shells, for picocli's own completion of this subcommand. */
    static final class Shells implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return CompletionScripts.SHELLS.iterator();
        }
    }

    @Parameters(index = "0", paramLabel = "SHELL", completionCandidates = Shells.class,
            description = "bash, zsh or fish.")
    String shell;

    private final Stdio stdio;
    /** The whole command tree; not an @Spec field, which costs picocli classes on every start. */
    private final CommandLine root;

    CompletionCommand(Stdio stdio, CommandLine root) {
        this.stdio = stdio;
        this.root = root;
    }

    @Override
    public Integer call() {
        if (!CompletionScripts.SHELLS.contains(shell)) {
            throw new InvalidOptionsException("unknown shell '" + shell + "' (expected bash, zsh or fish)");
        }
        String script = CompletionScripts.script(shell, root);
        try {
            stdio.out().write(script.getBytes(StandardCharsets.UTF_8));
            stdio.out().flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return 0;
    }
}

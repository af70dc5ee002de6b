package io.dockerdebug.cli;

import io.dockerdebug.DockerDebug;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code docker-debug prune}: removes sidecars whose client is gone; prints the ids it removed. */
@Command(name = PruneCommand.NAME,
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {PruneCommand.SUMMARY,
                "Every docker-debug session also does this in the background for sidecars it can judge."})
final class PruneCommand implements Callable<Integer> {
    /** Its name, and the first line of its description: also what the root's help lists (see Subcommands). */
    static final String NAME = "prune";
    static final String SUMMARY = "Remove debug sidecars whose client is gone: those of a docker-debug process of this "
            + "machine that no longer runs, and any that are not running and older than "
            + "60 seconds. Running sidecars of clients elsewhere are left alone.";

    @Option(names = "--target", paramLabel = "CONTAINER", completionCandidates = CompletionValues.Containers.class, description = "Only sidecars of this target container.")
    String target;

    private final Stdio stdio;
    private final EngineOptions options;

    PruneCommand(Stdio stdio, EngineOptions options) {
        this.stdio = stdio;
        this.options = options;
    }

    @Override
    public Integer call() {
        try (DockerDebug debug = options.library(stdio.env()).build()) {
            List<String> removed = debug.pruneSidecars(target);
            PrintStream out = new PrintStream(stdio.out(), true, StandardCharsets.UTF_8);
            removed.forEach(out::println);
            out.flush();
            return 0;
        }
    }
}

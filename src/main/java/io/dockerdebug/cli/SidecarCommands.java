package io.dockerdebug.cli;

import io.dockerdebug.DockerDebug;
import io.dockerdebug.InvalidOptionsException;
import io.dockerdebug.SidecarInfo;
import io.dockerdebug.SidecarRemoval;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;

/** {@code docker-debug ps} and {@code docker-debug rm}: the sidecars on the engine. */
final class SidecarCommands {
    private SidecarCommands() {
    }

    /** The engine the root's (inherited) options choose. */
    static <T> T withSidecars(Stdio stdio, EngineOptions options, Function<DockerDebug, T> body) {
        try (DockerDebug debug = options.library(stdio.env()).build()) {
            return body.apply(debug);
        }
    }

    @Command(name = SidecarCommands.Ps.NAME, mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, usageHelpAutoWidth = true,
            description = SidecarCommands.Ps.SUMMARY)
    static final class Ps implements Callable<Integer> {
        /** Its name, and the first line of its description: also what the root's help lists (see Subcommands). */
        static final String NAME = "ps";
        static final String SUMMARY = "List docker-debug sidecars: kept ones (--keep) and those of live sessions.";

        @Option(names = {"-q", "--quiet"}, description = "Only print sidecar IDs.")
        boolean quiet;

        private final Stdio stdio;
        private final EngineOptions engine;

        Ps(Stdio stdio, EngineOptions engine) {
            this.stdio = stdio;
            this.engine = engine;
        }

        @Override
        public Integer call() {
            List<SidecarInfo> all = withSidecars(stdio, engine, DockerDebug::sidecars);
            PrintStream out = new PrintStream(stdio.out(), true, StandardCharsets.UTF_8);
            if (quiet) {
                all.forEach(s -> out.println(s.shortId()));
                return 0;
            }
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"SIDECAR ID", "TARGET", "IMAGE", "CREATED", "MODE", "STATUS"});
            Instant now = Instant.now();
            for (SidecarInfo s : all) {
                rows.add(new String[] {s.shortId(), s.targetName(), s.image(), age(s.created(), now),
                        s.kept() ? "kept" : "live", s.status()});
            }
            printTable(out, rows);
            out.flush();
            return 0;
        }
    }

    @Command(name = SidecarCommands.Rm.NAME, mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, usageHelpAutoWidth = true,
            description = SidecarCommands.Rm.SUMMARY)
    static final class Rm implements Callable<Integer> {
        /** Its name, and the first line of its description: also what the root's help lists (see Subcommands). */
        static final String NAME = "rm";
        static final String SUMMARY = "Remove docker-debug sidecars (force: a live session using one ends).";

        @Parameters(paramLabel = "SIDECAR", arity = "0..*", description = "Sidecar ID or unique ID prefix.")
        List<String> sidecars = new ArrayList<>();

        @Option(names = {"-a", "--all"}, description = "Remove every kept sidecar (of --target only, when given).")
        boolean all;

        @Option(names = "--target", paramLabel = "CONTAINER", completionCandidates = CompletionValues.Containers.class, description = "With --all: only the sidecars of CONTAINER.")
        String target;

        private final Stdio stdio;
        private final EngineOptions engine;

        Rm(Stdio stdio, EngineOptions engine) {
            this.stdio = stdio;
            this.engine = engine;
        }

        @Override
        public Integer call() {
            if (!all && sidecars.isEmpty()) {
                throw new InvalidOptionsException("\"rm\" requires at least one SIDECAR, or --all");
            }
            if (target != null && !all) {
                throw new InvalidOptionsException("--target only goes with --all");
            }
            SidecarRemoval r = withSidecars(stdio, engine, d -> d.removeSidecars(sidecars, all, target));
            PrintStream out = new PrintStream(stdio.out(), true, StandardCharsets.UTF_8);
            r.removed().forEach(id -> out.println(id.substring(0, Math.min(12, id.length()))));
            out.flush();
            r.errors().forEach(e -> stdio.err().println("docker-debug: " + e));
            return r.errors().isEmpty() ? 0 : 1;
        }
    }

    /** "5 seconds ago", "About a minute ago", "3 hours ago", like docker ps. */
    static String age(Instant created, Instant now) {
        long s = Math.max(0, Duration.between(created, now).toSeconds());
        if (s < 1) {
            return "Less than a second ago";
        } else if (s < 60) {
            return s + " second" + (s == 1 ? "" : "s") + " ago";
        } else if (s < 120) {
            return "About a minute ago";
        } else if (s < 3600) {
            return s / 60 + " minutes ago";
        } else if (s < 7200) {
            return "About an hour ago";
        } else if (s < 48 * 3600) {
            return s / 3600 + " hours ago";
        }
        return s / 86400 + " days ago";
    }

    private static void printTable(PrintStream out, List<String[]> rows) {
        int[] width = new int[rows.getFirst().length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i] == null ? 0 : row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                String cell = row[i] == null ? "" : row[i];
                line.append(cell);
                if (i < row.length - 1) {
                    line.append(" ".repeat(width[i] - cell.length() + 3));
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
